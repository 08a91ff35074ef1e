package io.datalakewlm.simulator.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.aws.ApiStats;
import io.datalakewlm.simulator.aws.Crawl;
import io.datalakewlm.simulator.report.ApiErrors;
import io.datalakewlm.simulator.report.Report;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A day whose datasets say {@code crawler: {enabled: false}} under wlm: the dataset's "no crawler"
 * travels from its config through the lane to the batch, so the worker never asks Glue for a
 * crawler that does not exist (the issue: 2,457 StartCrawler calls on one test day, every one an
 * EntityNotFoundException counted as a refused call), while a dataset with a crawler still crawls.
 */
class CrawlerDisabledTest {
  // logs has no crawler and trickles all day (many batches); orders has one.
  private static final String YAML = """
      name: crawler-disabled
      seed: 5
      start: 2025-01-06T00:00:00Z
      horizon: 12h
      defaults:
        job: {duration: 2m, perObject: 0s}
        crawler: {duration: 5m}
        stages: {B: {minItems: 1, maxItems: 5}}
      sources:
        - name: web
          priority: 5
          datasets:
            - name: logs
              crawler: {enabled: false}
      %s
      arrivals:
        - dataset: logs
          rate: {perHour: 60, from: 0s, to: 8h, process: even}
      %s
      strategies:
        - name: wlm
      """;
  private static final String ORDERS = "  - {name: sales, priority: 3, datasets: [{name: orders}]}";
  private static final String ORDERS_ARRIVE = "  - {dataset: orders, rate: {perHour: 4, from: 0s, to: 8h, process: even}}";

  private static StrategyRun run(String yaml) {
    Scenario scenario = Scenario.parse(yaml, "crawler-disabled.yaml", Path.of("."));
    StrategyRun run = Simulation.run(scenario, Progress.NONE).runs().get(0);
    for (ObjectRecord object : run.objects()) {
      assertEquals(ObjectOutcome.COMPLETED, object.outcome(), object.key() + ": " + object.reason());
    }
    return run;
  }

  private static ApiStats api(StrategyRun run, String name) {
    return run.meter().apis().get(name);
  }

  private static long calls(StrategyRun run, String name) {
    ApiStats stats = api(run, name);
    return stats == null ? 0 : stats.calls();
  }

  private static long refused(StrategyRun run, String name) {
    ApiStats stats = api(run, name);
    return stats == null ? 0 : stats.totalErrors();
  }

  @Test
  void aDayWithoutCrawlersAsksGlueForNone() {
    String onlyLogs = YAML.formatted("", "");
    StrategyRun run = run(onlyLogs);
    assertEquals(480, run.objects().size(), "one logs object a minute for 8 hours");
    assertEquals(0, calls(run, "glue:StartCrawler"));
    assertEquals(0, calls(run, "glue:GetCrawler"));
    long refused = run.meter().apis().values().stream().mapToLong(ApiStats::totalErrors).sum();
    assertEquals(0, refused, "no call of the day was refused: " + run.meter().apis().keySet());
    List<ApiErrors> shown = Report.of(Scenario.parse(onlyLogs, "crawler-disabled.yaml", Path.of(".")), List.of(run),
        Report.DEFAULT_FAIRNESS_WINDOW).figures("wlm").apis();
    assertEquals(0, shown.stream().mapToLong(ApiErrors::refused).sum(), "the report shows no refused call: " + shown);
  }

  @Test
  void besideItADatasetWithACrawlerStillCrawls() {
    StrategyRun run = run(YAML.formatted(ORDERS, ORDERS_ARRIVE));
    assertEquals(0, api(run, "glue:StartCrawler").errors("EntityNotFoundException"),
        "no StartCrawler for the crawler logs does not have");
    assertEquals(0, refused(run, "glue:GetCrawler"));
    long ordersCrawls = run.crawls().stream().map(Crawl::crawler).filter("orders"::equals).count();
    assertTrue(ordersCrawls > 0, "orders was crawled: " + run.crawls());
    assertTrue(run.crawls().stream().map(Crawl::crawler).allMatch("orders"::equals), run.crawls().toString());
  }
}
