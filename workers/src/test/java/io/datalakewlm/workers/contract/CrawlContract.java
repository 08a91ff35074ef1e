package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.domain.DatasetConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coalesced crawls, through the activities the worker and crawl state machines call: a finished
 * batch asks for its dataset's crawl in the write that frees its slot; exactly one of the batches
 * that finish while no crawl runs starts it, Glue (GetCrawler) telling whether the claimed crawl is
 * over; batches that finish while it runs get ONE follow-up when it ends, or take the claim over
 * when it ended as they wrote; a crawl's end writes nothing when nobody asked since; the least
 * interval defers a crawl; a claim whose crawl never ends is taken over after its lease; a dataset
 * whose config says it has no crawler is never crawled.
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

  // What GetCrawler answers: RUNNING, or READY with the last crawl started at `lastStart` (null: never crawled).
  private static String running() {
    return "{\"Crawler\": {\"Name\": \"" + CRAWLER + "\", \"State\": \"RUNNING\"}}";
  }

  private static String ready(java.time.Instant lastStart) {
    return "{\"Crawler\": {\"Name\": \"" + CRAWLER + "\", \"State\": \"READY\""
        + (lastStart == null ? "" : ", \"LastCrawl\": {\"Status\": \"SUCCEEDED\", \"StartTime\": \"" + lastStart + "\"}")
        + "}}";
  }

  // Enqueues one object of eng/orders, selects it as a batch for `execution` and completes it with
  // a crawl policy, as the worker does: with what GetCrawler answered just before (`crawler`).
  private JsonNode landOne(String execution, String key, int intervalSeconds, String crawler) {
    enqueue(key, "eng", "orders");
    JsonNode selected = call("SelectBatch", "{\"executionId\": \"" + execution + "\", \"maxBatches\": 1,"
        + " \"crawlerPrefix\": \"crawl-\", \"jobSlots\": 4}");
    assertTrue(selected.path("found").asBoolean(), selected.toString());
    ObjectNode batch = (ObjectNode) selected.get("batch");
    if (crawler != null) {
      batch.set("glueCrawler", read(crawler));
    }
    return call("Complete", "{\"executionId\": \"" + execution + "\", \"batch\": " + batch
        + ", \"crawl\": {\"intervalSeconds\": " + intervalSeconds + ", \"leaseSeconds\": 7200}}").get("crawl");
  }

  private JsonNode landOne(String execution, String key, int intervalSeconds) {
    return landOne(execution, key, intervalSeconds, null);
  }

  private JsonNode crawlEnded(int intervalSeconds) {
    return call("CrawlFinished", "{\"crawlerName\": \"" + CRAWLER + "\", \"crawlerPrefix\": \"crawl-\","
        + " \"state\": \"Succeeded\", \"intervalSeconds\": " + intervalSeconds + "}");
  }

  // The worker read the crawler again after a `check` and found it READY.
  private JsonNode takeOver(String seenClaim, java.time.Instant lastStart) {
    return call("CrawlFinished", "{\"crawlerName\": \"" + CRAWLER + "\", \"crawlerPrefix\": \"crawl-\","
        + " \"takeover\": true, \"claimId\": \"" + seenClaim + "\", \"glueCrawler\": " + ready(lastStart)
        + ", \"leaseSeconds\": 7200}");
  }

  private long laneVersion() {
    return workers.queue().lanes().get("stage_b", "eng-orders").orElseThrow().version();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void batchesFinishingWhileACrawlRunsGetOneFollowUpCrawl() {
    JsonNode first = landOne("e1", "raw/eng/orders/1.json", 0, ready(null));
    assertEquals("start", first.get("action").asText(), first.toString());
    assertEquals(CRAWLER, first.get("crawlerName").asText());
    clock.advance(Duration.ofMinutes(1));
    // two more batches finish while that crawl runs: neither starts the crawler, both check it still runs
    assertEquals("check", landOne("e2", "raw/eng/orders/2.json", 0, running()).get("action").asText());
    assertEquals("check", landOne("e3", "raw/eng/orders/3.json", 0, running()).get("action").asText());
    clock.advance(Duration.ofMinutes(2));
    JsonNode followUp = crawlEnded(0);
    assertTrue(followUp.get("start").asBoolean(), "one follow-up covers both: " + followUp);
    java.time.Instant followUpStart = clock.instant();
    clock.advance(Duration.ofMinutes(2));
    long version = laneVersion();
    JsonNode quiet = crawlEnded(0);
    assertFalse(quiet.get("start").asBoolean(), "nothing landed during the follow-up: " + quiet);
    assertEquals(version, laneVersion(), "a crawl's end with no request since writes nothing");
    // Glue shows the follow-up over: the next batch claims the next crawl and starts it itself
    assertEquals("start", landOne("e4", "raw/eng/orders/4.json", 0, ready(followUpStart)).get("action").asText());
  }

  @Test
  void aClaimedCrawlThatHasYetToStartIsNotTakenOver() {
    assertEquals("start", landOne("e1", "raw/eng/orders/1.json", 0, ready(null)).get("action").asText());
    // e1's crawl waits for its StartCrawler token: Glue still shows the crawler READY, never crawled
    JsonNode second = landOne("e2", "raw/eng/orders/2.json", 0, ready(null));
    assertEquals("none", second.get("action").asText(), "e1's crawl starts after e2's objects landed: " + second);
    clock.advance(Duration.ofMinutes(30));
    JsonNode third = landOne("e3", "raw/eng/orders/3.json", 0, running());
    assertEquals("check", third.get("action").asText(), third.toString());
    JsonNode again = takeOver(third.get("claimId").asText(), null);
    assertEquals("none", again.get("action").asText(), "found READY, still never crawled: e1's crawl is still to run: "
        + again);
  }

  @Test
  void aCrawlThatEndedWhileTheRequestWasWrittenIsTakenOverOnce() {
    java.time.Instant firstStart = clock.instant();
    assertEquals("start", landOne("e1", "raw/eng/orders/1.json", 0, ready(null)).get("action").asText());
    clock.advance(Duration.ofMinutes(3));
    // e2 read the crawler RUNNING; the crawl ended (its end saw no request) before e2's write
    crawlEnded(0);
    JsonNode second = landOne("e2", "raw/eng/orders/2.json", 0, running());
    assertEquals("check", second.get("action").asText(), second.toString());
    // read again, the crawler is READY: e2 takes the ended claim over and starts the crawl that covers it
    JsonNode taken = takeOver(second.get("claimId").asText(), firstStart);
    assertEquals("start", taken.get("action").asText(), taken.toString());
    assertEquals(CRAWLER, taken.get("crawlerName").asText());
    assertEquals("none", takeOver(second.get("claimId").asText(), firstStart).get("action").asText(),
        "a second look at the same claim finds it taken over");
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
    java.time.Instant firstStart = clock.instant();
    assertEquals("start", landOne("e1", "raw/eng/orders/1.json", 900, ready(null)).get("action").asText());
    clock.advance(Duration.ofMinutes(3));
    crawlEnded(900);
    clock.advance(Duration.ofMinutes(1));
    JsonNode early = landOne("e2", "raw/eng/orders/2.json", 900, ready(firstStart));
    assertEquals("defer", early.get("action").asText(), early.toString());
    assertEquals(900 - 4 * 60, early.get("waitSeconds").asLong(), "the rest of the 15 minutes since the last start");
  }

  @Test
  void aClaimWhoseCrawlNeverEndedIsTakenOverAfterTheLease() {
    assertEquals("start", landOne("e1", "raw/eng/orders/1.json", 0, ready(null)).get("action").asText());
    clock.advance(Duration.ofMinutes(30));
    assertEquals("check", landOne("e2", "raw/eng/orders/2.json", 0, running()).get("action").asText());
    clock.advance(Duration.ofHours(2)); // Glue says it still runs, or cannot be asked: the lease decides
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
