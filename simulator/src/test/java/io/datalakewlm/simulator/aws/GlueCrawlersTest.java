package io.datalakewlm.simulator.aws;

import static io.datalakewlm.simulator.aws.FakeTaskCall.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.random.DurationDistribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlueCrawlersTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private final Scheduler scheduler = Scheduler.virtual(T0);

  private GlueCrawlers crawlers(RateLimit startCrawler, int count) {
    AwsServices aws = AwsServices.create(scheduler, AwsQuotas.defaults().withStartCrawler(startCrawler), 1);
    for (int i = 0; i < count; i++) {
      aws.crawlers().define(new CrawlerDefinition("crawler-" + i,
          new DurationDistribution.Fixed(Duration.ofMinutes(4)), 2, "src"));
    }
    return aws.crawlers();
  }

  @Test
  void aRunningCrawlerRefusesAnotherStartUntilItIsReady() {
    GlueCrawlers crawlers = crawlers(new RateLimit(100, 100), 1);
    crawlers.startCrawler("crawler-0");
    StatesError refused = assertThrows(StatesError.class, () -> crawlers.startCrawler("crawler-0"));
    assertEquals("Glue.CrawlerRunningException", refused.error());
    assertTrue(refused.cause().startsWith("Crawler with name crawler-0 has already started"), refused.cause());

    scheduler.runUntil(T0.toEpochMilli() + 240_000);
    assertFalse(crawlers.isRunning("crawler-0"));
    crawlers.startCrawler("crawler-0");
    assertTrue(crawlers.isRunning("crawler-0"));
  }

  @Test
  void startCrawlerIsThrottledBeyondItsBurst() {
    GlueCrawlers crawlers = crawlers(new RateLimit(1, 5), 7);
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      try {
        crawlers.startCrawler("crawler-" + i);
      } catch (StatesError e) {
        errors.add(e.error());
      }
    }
    assertEquals(List.of("Glue.ThrottlingException", "Glue.ThrottlingException"), errors);
  }

  @Test
  void theSdkHandlersStartAndDescribeACrawler() {
    GlueCrawlers crawlers = crawlers(new RateLimit(100, 100), 1);
    FakeTaskCall start = new FakeTaskCall(scheduler, GlueCrawlers.START_CRAWLER_RESOURCE, json("{\"Name\": \"crawler-0\"}"));
    crawlers.startCrawlerHandler().start(start);
    assertEquals(json("{}"), start.output);

    scheduler.runUntil(T0.toEpochMilli() + 60_000);
    FakeTaskCall running = new FakeTaskCall(scheduler, GlueCrawlers.GET_CRAWLER_RESOURCE, json("{\"Name\": \"crawler-0\"}"));
    crawlers.getCrawlerHandler().start(running);
    assertEquals("RUNNING", running.output.path("Crawler").path("State").asText());
    assertEquals(60_000, running.output.path("Crawler").path("CrawlElapsedTime").asLong());
    assertTrue(running.output.path("Crawler").path("LastCrawl").isMissingNode());

    scheduler.run();
    FakeTaskCall ready = new FakeTaskCall(scheduler, GlueCrawlers.GET_CRAWLER_RESOURCE, json("{\"Name\": \"crawler-0\"}"));
    crawlers.getCrawlerHandler().start(ready);
    assertEquals("READY", ready.output.path("Crawler").path("State").asText());
    assertEquals("SUCCEEDED", ready.output.path("Crawler").path("LastCrawl").path("Status").asText());
    assertEquals(T0.toEpochMilli(), ready.output.path("Crawler").path("LastCrawl").path("StartTime").asLong());

    FakeTaskCall again = new FakeTaskCall(scheduler, GlueCrawlers.START_CRAWLER_RESOURCE, json("{\"Name\": \"crawler-0\"}"));
    crawlers.startCrawlerHandler().start(again);
    FakeTaskCall twice = new FakeTaskCall(scheduler, GlueCrawlers.START_CRAWLER_RESOURCE, json("{\"Name\": \"crawler-0\"}"));
    crawlers.startCrawlerHandler().start(twice);
    assertEquals("Glue.CrawlerRunningException", twice.error);

    FakeTaskCall unknown = new FakeTaskCall(scheduler, GlueCrawlers.GET_CRAWLER_RESOURCE, json("{\"Name\": \"nope\"}"));
    crawlers.getCrawlerHandler().start(unknown);
    assertEquals("Glue.EntityNotFoundException", unknown.error);
  }
}
