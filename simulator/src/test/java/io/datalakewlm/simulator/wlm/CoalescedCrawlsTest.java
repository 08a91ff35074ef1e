package io.datalakewlm.simulator.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.aws.ApiStats;
import io.datalakewlm.simulator.report.CatalogFreshness;
import io.datalakewlm.simulator.report.Report;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Crawls through the shipped worker and crawl state machines when batches finish faster than the
 * dataset's crawler: a batch that finishes while a crawl runs checks it and becomes part of ONE
 * follow-up; a batch that finds the claimed crawl over (Glue's GetCrawler says READY) claims the
 * next one in its release. Every object ends covered by a crawl that started after it landed, and
 * Glue never refuses a StartCrawler because the crawler runs.
 */
class CoalescedCrawlsTest {
  // orders lands an object every 2 minutes; its job takes 1 minute, its crawler 7.
  private static final String YAML = """
      name: coalesced-crawls
      seed: 3
      start: 2025-01-06T00:00:00Z
      horizon: 12h
      defaults:
        job: {duration: 1m, perObject: 0s}
        crawler: {duration: 7m}
        stages: {B: {minItems: 1, maxItems: 5}}
      sources:
        - name: sales
          priority: 3
          datasets:
            - name: orders
      arrivals:
        - dataset: orders
          rate: {perHour: 30, from: 0s, to: 4h, process: even}
      strategies:
        - name: wlm
      """;

  @Test
  void batchesFinishingDuringACrawlAreCoveredByOneFollowUpAndNoStartIsRefused() {
    Scenario scenario = Scenario.parse(YAML, "coalesced-crawls.yaml", Path.of("."));
    StrategyRun run = Simulation.run(scenario, Progress.NONE).runs().get(0);
    for (ObjectRecord object : run.objects()) {
      assertEquals(ObjectOutcome.COMPLETED, object.outcome(), object.key() + ": " + object.reason());
    }
    assertEquals(120, run.objects().size());
    ApiStats starts = run.meter().apis().get("glue:StartCrawler");
    assertEquals(0, starts.totalErrors(), "no StartCrawler refused (CrawlerRunningException or throttled)");
    long jobRuns = run.meter().apis().get("glue:StartJobRun").calls();
    // a crawl takes 7 minutes and a batch finishes every 2: crawls coalesce, about one per 7 minutes
    assertTrue(run.crawls().size() < jobRuns / 2, run.crawls().size() + " crawls for " + jobRuns + " job runs");
    assertTrue(run.crawls().size() >= 4 * 60 / 8, "crawls go on all day: " + run.crawls().size());
    CatalogFreshness fresh = Report.of(scenario, java.util.List.of(run), Report.DEFAULT_FAIRNESS_WINDOW)
        .figures("wlm").catalog();
    assertEquals(0, fresh.notCovered(), "every object is covered by a crawl that started after it landed");
    assertEquals(120, fresh.covered());
    assertTrue(fresh.maxSeconds() <= 2 * 7 * 60 + 120,
        "an object waits at most for the running crawl and its follow-up: " + fresh.maxSeconds() + " s");
  }
}
