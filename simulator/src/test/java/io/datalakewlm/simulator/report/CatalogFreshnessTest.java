package io.datalakewlm.simulator.report;

import static io.datalakewlm.simulator.report.ReportFixtures.at;
import static io.datalakewlm.simulator.report.ReportFixtures.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.datalakewlm.simulator.aws.Crawl;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a landed object shows in the catalog: the first crawl of its dataset started after it landed. */
class CatalogFreshnessTest {
  private static final Map<String, String> CRAWLERS = Map.of("b1", "crawl-b1", "b2", "crawl-b2");

  private static Crawl crawl(String crawler, double started, double completed) {
    return new Crawl(crawler, "big", at(started), at(completed), Math.round(completed - started));
  }

  @Test
  void aCrawlStartedBeforeTheObjectLandedDoesNotCoverIt() {
    List<ObjectRecord> objects = List.of(
        object("b1", 1, 5, 0, 0, 100, ObjectOutcome.COMPLETED, null),
        object("b1", 2, 5, 0, 0, 130, ObjectOutcome.COMPLETED, null));
    // the first crawl started at 50 s, before either landed; the second covers both
    CatalogFreshness fresh = CatalogFreshness.measure(objects,
        List.of(crawl("crawl-b1", 50, 110), crawl("crawl-b1", 140, 300)), CRAWLERS);
    assertEquals(2, fresh.crawls());
    assertEquals(2, fresh.covered());
    assertEquals(170.0, fresh.p50Seconds(), "the median of 200 s and 170 s, nearest rank");
    assertEquals(200.0, fresh.p95Seconds());
  }

  @Test
  void objectsWithoutACrawlerOrNotLandedAreLeftOutAndUncoveredOnesCounted() {
    List<ObjectRecord> objects = List.of(
        object("s1", 1, 1, 0, 0, 100, ObjectOutcome.COMPLETED, null), // s1 runs no crawler
        object("b2", 1, 5, 0, 0, -1, ObjectOutcome.FAILED, "Glue.X: y"),
        object("b2", 2, 5, 0, 0, 500, ObjectOutcome.COMPLETED, null)); // landed after the last crawl started
    CatalogFreshness fresh = CatalogFreshness.measure(objects, List.of(crawl("crawl-b2", 400, 600)), CRAWLERS);
    assertEquals(0, fresh.covered());
    assertEquals(1, fresh.notCovered());
    assertNull(fresh.p50Seconds());
  }
}
