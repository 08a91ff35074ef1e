package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.domain.DatasetConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coalesced crawls, through the activities the worker and crawl state machines call: a finished
 * batch asks for its dataset's crawl in the write that frees its slot; exactly one of the batches
 * that finish while no crawl runs starts it; batches that finish while it runs get ONE follow-up
 * when it ends; the least interval defers a crawl; a claim whose end never comes is taken over; a
 * dataset whose config says it has no crawler is never crawled.
 */
public abstract class CrawlContract extends QueueSupport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CRAWLER = "crawl-eng-orders";

  private JsonNode call(String activity, String input) {
    try {
      return workers.handlers().handle(activity, JSON.readTree(input));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // Enqueues one object of eng/orders, selects it as a batch for `execution` and completes it with a crawl policy.
  private JsonNode landOne(String execution, String key, int intervalSeconds) {
    enqueue(key, "eng", "orders");
    JsonNode selected = call("SelectBatch", "{\"executionId\": \"" + execution + "\", \"maxBatches\": 1,"
        + " \"crawlerPrefix\": \"crawl-\", \"jobSlots\": 4}");
    assertTrue(selected.path("found").asBoolean(), selected.toString());
    JsonNode batch = selected.get("batch");
    return call("Complete", "{\"executionId\": \"" + execution + "\", \"batch\": " + batch
        + ", \"crawl\": {\"intervalSeconds\": " + intervalSeconds + ", \"leaseSeconds\": 7200}}").get("crawl");
  }

  private JsonNode crawlEnded(int intervalSeconds) {
    return call("CrawlFinished", "{\"crawlerName\": \"" + CRAWLER + "\", \"crawlerPrefix\": \"crawl-\","
        + " \"state\": \"Succeeded\", \"intervalSeconds\": " + intervalSeconds + "}");
  }

  @Test
  void batchesFinishingWhileACrawlRunsGetOneFollowUpCrawl() {
    JsonNode first = landOne("e1", "raw/eng/orders/1.json", 0);
    assertEquals("start", first.get("action").asText(), first.toString());
    assertEquals(CRAWLER, first.get("crawlerName").asText());
    clock.advance(Duration.ofMinutes(1));
    // two more batches finish while that crawl runs: neither starts the crawler
    assertEquals("none", landOne("e2", "raw/eng/orders/2.json", 0).get("action").asText());
    assertEquals("none", landOne("e3", "raw/eng/orders/3.json", 0).get("action").asText());
    clock.advance(Duration.ofMinutes(2));
    JsonNode followUp = crawlEnded(0);
    assertTrue(followUp.get("start").asBoolean(), "one follow-up covers both: " + followUp);
    clock.advance(Duration.ofMinutes(2));
    JsonNode quiet = crawlEnded(0);
    assertFalse(quiet.get("start").asBoolean(), "nothing landed during the follow-up: " + quiet);
    // the crawl is over: the next batch starts the crawler itself
    assertEquals("start", landOne("e4", "raw/eng/orders/4.json", 0).get("action").asText());
  }

  @Test
  void aRepeatedCompleteOfTheBatchThatClaimedTheCrawlStillStartsIt() {
    enqueue("raw/eng/orders/1.json", "eng", "orders");
    JsonNode batch = call("SelectBatch", "{\"executionId\": \"e1\", \"maxBatches\": 1,"
        + " \"crawlerPrefix\": \"crawl-\", \"jobSlots\": 4}").get("batch");
    String complete = "{\"executionId\": \"e1\", \"batch\": " + batch + ", \"crawl\": {\"leaseSeconds\": 7200}}";
    assertEquals("start", call("Complete", complete).get("crawl").get("action").asText());
    // its answer was lost and the state retried it: the claim is this batch's, so it starts the crawl
    JsonNode again = call("Complete", complete);
    assertEquals(0, again.get("completed").asInt());
    assertEquals("start", again.get("crawl").get("action").asText(), again.toString());
  }

  @Test
  void theLeastIntervalDefersACrawlAndAFollowUp() {
    assertEquals("start", landOne("e1", "raw/eng/orders/1.json", 900).get("action").asText());
    clock.advance(Duration.ofMinutes(3));
    crawlEnded(900);
    clock.advance(Duration.ofMinutes(1));
    JsonNode early = landOne("e2", "raw/eng/orders/2.json", 900);
    assertEquals("defer", early.get("action").asText(), early.toString());
    assertEquals(900 - 4 * 60, early.get("waitSeconds").asLong(), "the rest of the 15 minutes since the last start");
  }

  @Test
  void aClaimWhoseEndNeverCameIsTakenOverAfterTheLease() {
    assertEquals("start", landOne("e1", "raw/eng/orders/1.json", 0).get("action").asText());
    clock.advance(Duration.ofMinutes(30));
    assertEquals("none", landOne("e2", "raw/eng/orders/2.json", 0).get("action").asText());
    clock.advance(Duration.ofHours(2)); // the end event was lost
    assertEquals("start", landOne("e3", "raw/eng/orders/3.json", 0).get("action").asText());
  }

  @Test
  void aMissingCrawlerIsNotAskedForAgainForADay() {
    assertEquals("start", landOne("e1", "raw/eng/orders/1.json", 0).get("action").asText());
    call("CrawlFinished", "{\"crawlerName\": \"" + CRAWLER + "\", \"crawlerPrefix\": \"crawl-\","
        + " \"error\": \"Glue.EntityNotFoundException\"}");
    clock.advance(Duration.ofHours(1));
    assertEquals("none", landOne("e2", "raw/eng/orders/2.json", 0).get("action").asText());
    clock.advance(Duration.ofDays(1));
    assertEquals("start", landOne("e3", "raw/eng/orders/3.json", 0).get("action").asText());
  }

  @Test
  void aDatasetWithoutACrawlerGetsBatchesThatNameNoneAndIsNeverCrawled() {
    DatasetConfig noCrawler = new DatasetConfig("eng-orders", "main", 1, Map.of(), Map.of(), Map.of(), Map.of(),
        DatasetConfig.DEFAULT_RETRY_COUNT, false);
    workers.datasets().put(noCrawler);
    assertFalse(workers.datasets().get("eng-orders").orElseThrow().crawlerEnabled(), "the catalog keeps it");
    for (int i = 1; i <= 3; i++) {
      JsonNode crawl = landOne("e" + i, "raw/eng/orders/" + i + ".json", 0);
      assertEquals("none", crawl.get("action").asText(), crawl.toString());
      assertTrue(crawl.get("crawlerName").isNull(), crawl.toString());
      clock.advance(Duration.ofHours(3)); // past the lane's idle prune: a new lane still knows
    }
    assertFalse(workers.queue().lanes().get("stage_b", "eng-orders").orElseThrow().crawler());

    // the dataset gets a crawler: the next enqueue tells its lane, and its batches name it again
    workers.datasets().put(noCrawler.withCrawler(true));
    JsonNode crawl = landOne("e9", "raw/eng/orders/9.json", 0);
    assertEquals("start", crawl.get("action").asText(), crawl.toString());
    assertEquals(CRAWLER, crawl.get("crawlerName").asText());
  }
}
