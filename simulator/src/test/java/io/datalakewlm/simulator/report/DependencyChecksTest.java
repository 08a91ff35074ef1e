package io.datalakewlm.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.run.DependencyCheck;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every dependency check of an aggregate's day, on a hand-made day whose answers are known: at
 * 06:00 both aggregates look; {@code close} needs {@code ledger}, which never comes, and gives up
 * after its 1 + 3 checks 15 minutes apart; {@code sales} needs {@code orders}, which lands at
 * about 06:22, so its 06:00 and 06:15 checks miss it and the 06:30 check finds everything. The
 * same answers under wlm (the shipped dependency stage) and retry-only (the simulator's own loop).
 */
class DependencyChecksTest {
  private static final String YAML = """
      name: checks
      seed: 11
      start: 2025-01-08T00:00:00Z
      horizon: 12h
      defaults:
        job: {duration: 2m, perObject: 0s}
        crawler: {enabled: false}
      sources:
        - name: shop
          priority: 3
          datasets: [{name: orders}, {name: ledger}, {name: budget}]
      arrivals:
        - dataset: orders
          burst: {at: 6h20m}
        - dataset: budget
          burst: {at: 1h}
      aggregates:
        - name: close
          source: shop
          dependencies: [budget, ledger]
          schedule: "06:00"
          dependencyWaitSeconds: 900
          retries: 3
        - name: sales
          source: shop
          dependencies: [orders]
          schedule: "06:00"
          dependencyWaitSeconds: 900
          retries: 3
      strategies:
        - name: wlm
        - name: retry-only
      """;
  private static final long SIX = Instant.parse("2025-01-08T06:00:00Z").toEpochMilli();
  private static final long QUARTER = 15 * 60_000L;

  private static Report report;

  @BeforeAll
  static void simulate() {
    Scenario day = Scenario.parse(YAML, "checks.yaml", Path.of("."));
    report = Report.of(Simulation.run(day, Progress.NONE));
  }

  private static AggregateDay run(String strategy, String aggregate) {
    return report.figures(strategy).aggregates().stream().filter(a -> a.aggregate().equals(aggregate)).findFirst()
        .orElseThrow();
  }

  // The k-th check is made at 06:00 + k × 15 min, give or take the activities' hand-offs.
  private static void assertAtQuarters(List<DependencyCheck> checks) {
    for (int k = 0; k < checks.size(); k++) {
      long late = checks.get(k).atMillis() - (SIX + k * QUARTER);
      assertTrue(late >= 0 && late < 60_000, "check " + k + " is " + late + " ms after its quarter: " + checks);
    }
  }

  @Test
  void anAggregateAbandonedAfterItsChecksListsEachWithTheMissingInput() {
    for (String strategy : List.of("wlm", "retry-only")) {
      AggregateDay close = run(strategy, "close");
      assertTrue(close.abandoned(), strategy + ": " + close);
      assertEquals(4, close.checks().size(), strategy + ": the first check and its 3 retries: " + close.checks());
      assertAtQuarters(close.checks());
      for (DependencyCheck check : close.checks()) {
        assertEquals(List.of("ledger"), check.missing(), strategy + ": budget came in at 01:00, ledger never");
      }
    }
  }

  @Test
  void aReadyAggregatesLastCheckHasNothingMissing() {
    for (String strategy : List.of("wlm", "retry-only")) {
      AggregateDay sales = run(strategy, "sales");
      assertEquals(ObjectOutcome.COMPLETED, sales.outcome(), strategy + ": " + sales);
      List<DependencyCheck> checks = sales.checks();
      assertEquals(3, checks.size(), strategy + ": 06:00 and 06:15 miss orders, 06:30 finds it: " + checks);
      assertAtQuarters(checks);
      assertEquals(List.of("orders"), checks.get(0).missing());
      assertEquals(List.of("orders"), checks.get(1).missing());
      assertEquals(List.of(), checks.get(2).missing(), strategy);
      assertTrue(checks.get(1).atMillis() < sales.readyMillis() && sales.readyMillis() <= checks.get(2).atMillis(),
          strategy + ": orders landed between the second and the last check");
      assertTrue(sales.transformStartMillis() >= checks.get(2).atMillis(), strategy + ": the transform follows the check");
    }
  }

  @Test
  void theJsonListsEveryCheckWithItsTimeAndMissingInputs() throws IOException {
    JsonNode json = new ObjectMapper().readTree(JsonReport.render(report));
    for (JsonNode strategy : json.path("strategies")) {
      for (JsonNode aggregate : strategy.path("aggregates")) {
        AggregateDay expected = run(strategy.path("label").asText(), aggregate.path("aggregate").asText());
        List<String> times = new ArrayList<>();
        List<List<String>> missing = new ArrayList<>();
        for (JsonNode check : aggregate.path("checks")) {
          times.add(check.path("at").asText());
          List<String> names = new ArrayList<>();
          check.path("missing").forEach(n -> names.add(n.asText()));
          missing.add(names);
        }
        assertEquals(expected.checks().stream().map(c -> Instant.ofEpochMilli(c.atMillis()).toString()).toList(), times);
        assertEquals(expected.checks().stream().map(DependencyCheck::missing).toList(), missing);
      }
    }
    JsonNode close = json.path("strategies").get(0).path("aggregates").get(0);
    assertEquals("close", close.path("aggregate").asText());
    assertEquals("ledger", close.path("checks").get(3).path("missing").get(0).asText());
  }

  @Test
  void theTableAndTheHtmlShowTheChecksCompactly() {
    String table = TableReport.render(report);
    assertTrue(table.lines().anyMatch(l -> l.matches("\\s+checks\\s+06:00…06:45 ×4\\s+06:00…06:45 ×4\\s*")),
        "close's four checks, under both strategies side by side: " + table);
    assertTrue(table.lines().anyMatch(l -> l.matches("\\s+checks\\s+06:00 06:15 06:30\\s+06:00 06:15 06:30\\s*")), table);
    assertTrue(table.lines().anyMatch(l -> l.matches("\\s+close 2025-01-08 at 06:00: ready\\s+missing ledger\\s+missing ledger\\s*")),
        table);
    String html = HtmlReport.render(report);
    assertTrue(html.contains("<td>06:00 06:15 06:30 06:45 (missing: ledger)</td>"), "the HTML row of close's checks");
    assertTrue(html.contains("<td>06:00 06:15 (missing: orders), 06:30 (ready)</td>"), "the HTML row of sales' checks");
  }

  @Test
  void manyAlikeChecksShowTheirFirstAndLastTimeAndTheirNumber() {
    List<DependencyCheck> checks = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      checks.add(new DependencyCheck("aggregate/shop-close/2025-01-08", SIX + k * QUARTER, List.of("ledger")));
    }
    checks.add(new DependencyCheck("aggregate/shop-close/2025-01-08", SIX + 6 * QUARTER, List.of()));
    AggregateDay day = new AggregateDay("close", "shop", LocalDate.parse("2025-01-08"), SIX,
        Map.of(), -1, -1, -1, ObjectOutcome.COMPLETED, List.of(), null, checks);
    assertEquals("06:00…07:15, 6 checks (missing: ledger), 07:30 (ready)", day.checksSummary(LocalDate.parse("2025-01-08")));
    assertEquals("06:00…07:30 ×7", day.checkTimes(LocalDate.parse("2025-01-08"), 17), "seven times do not fit");
    assertEquals("06:00 06:15 06:30", new AggregateDay("close", "shop", LocalDate.parse("2025-01-08"), SIX, Map.of(), -1,
        -1, -1, ObjectOutcome.COMPLETED, List.of(), null, checks.subList(0, 3)).checkTimes(LocalDate.parse("2025-01-08"), 17),
        "three do");
    assertEquals("+1d 06:00…+1d 07:15, 6 checks (missing: ledger), +1d 07:30 (ready)",
        day.checksSummary(LocalDate.parse("2025-01-07")), "a later day's times say which day");
  }
}
