package io.datalakewlm.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-aggregate days of examples/aggregate-day.yaml under wlm, whose answers the example
 * states: daily-sales has its inputs by 04:00, customer-360 waits for crm-contacts (in at 07:30),
 * finance-close is abandoned because gl-entries never arrives.
 */
class AggregateDayTest {
  private static final LocalDate DAY = LocalDate.parse("2025-01-08");

  private static StrategyRun wlmRun;
  private static Figures wlm;

  private static synchronized Figures wlm() {
    if (wlm == null) {
      Scenario day = Scenario.load(Path.of("../examples/aggregate-day.yaml"));
      Simulation.Result result = Simulation.run(day, List.of(day.strategy("wlm")), Progress.NONE);
      wlmRun = result.runs().get(0);
      wlm = Report.of(result).figures("wlm");
    }
    return wlm;
  }

  private static AggregateDay run(String aggregate) {
    return wlm().aggregates().stream().filter(a -> a.aggregate().equals(aggregate)).findFirst().orElseThrow();
  }

  // When the first object of a dataset landed, from the run's own records.
  private static long firstLanding(String dataset) {
    return wlmRun.objects().stream().filter(o -> o.dataset().equals(dataset) && o.outcome() == ObjectOutcome.COMPLETED)
        .mapToLong(ObjectRecord::landedMillis).min().orElseThrow();
  }

  @Test
  void anAggregateAbandonedAfterItsChecksNamesTheMissingInput() {
    AggregateDay close = run("finance-close");
    assertEquals(DAY, close.day());
    assertEquals(Instant.parse("2025-01-08T06:00:00Z").toEpochMilli(), close.scheduledMillis());
    assertTrue(close.abandoned(), close.toString());
    assertEquals(List.of("gl-entries"), close.missing());
    assertEquals(-1, close.readyMillis());
    assertEquals(-1, close.transformEndMillis());
    assertTrue(close.inputs().get("budgets") > 0, "budgets came in at 02:00");
    // its retries: 3 reach the dataset config the shipped dependency stage reads: 1 + 3 checks, 30 minutes apart
    assertEquals(4, close.checks().size(), close.checks().toString());
    for (int k = 0; k < 4; k++) {
      assertEquals(close.scheduledMillis() + k * 1_800_000L, close.checks().get(k).atMillis(), 60_000.0,
          "check " + k);
      assertEquals(List.of("gl-entries"), close.checks().get(k).missing());
    }
  }

  @Test
  void anAggregateIsReadyWhenItsLastInputLandedAndTransformsAfter() {
    AggregateDay customer = run("customer-360");
    assertEquals(ObjectOutcome.COMPLETED, customer.outcome());
    assertEquals(firstLanding("crm-contacts"), customer.readyMillis(), "crm-contacts, in at 07:30, is the last input");
    assertTrue(customer.readyMillis() > Instant.parse("2025-01-08T07:30:00Z").toEpochMilli());
    assertTrue(customer.transformStartMillis() >= customer.readyMillis());
    assertTrue(customer.transformEndMillis() > customer.transformStartMillis());
    AggregateDay sales = run("daily-sales");
    assertTrue(sales.readyMillis() < Instant.parse("2025-01-08T06:00:00Z").toEpochMilli(), sales.toString());
    assertTrue(sales.transformStartMillis() >= sales.scheduledMillis());
    assertEquals(List.of(), sales.missing());
  }

  @Test
  void anAbandonedAggregateDoesNotWithholdTheMakespanRatioWhenEveryArrivalLanded() {
    Figures f = wlm();
    assertTrue(f.completed() < f.objects(), "finance-close was abandoned");
    assertEquals(0, wlmRun.objects().stream()
        .filter(o -> !o.key().startsWith("aggregate/") && o.outcome() != ObjectOutcome.COMPLETED).count(),
        "every arrived object landed");
    assertEquals(f.makespanSeconds() / f.lowerBound().seconds(), f.makespanOverBound(), 1e-9);
  }

  @Test
  void pastMidnightTheAggregatesRunAgainOnDayTwoAndAreJudgedForThatDay() {
    Scenario day = Scenario.load(Path.of("../examples/aggregate-day.yaml")).with("horizon", "36h");
    Figures f = Report.of(Simulation.run(day, List.of(day.strategy("wlm")), Progress.NONE)).figures("wlm");
    List<AggregateDay> second = f.aggregates().stream().filter(a -> a.day().equals(DAY.plusDays(1))).toList();
    assertEquals(3, second.size(), "each aggregate is scheduled on day two too");
    for (AggregateDay run : second) {
      assertTrue(run.abandoned(), run.toString());
      assertEquals(day.aggregates().stream().filter(a -> a.name().equals(run.aggregate())).findFirst().orElseThrow()
          .dependencies(), run.missing(), "nothing arrives on day two");
    }
    assertTrue(f.makespanOverBound() != null, "day two's aggregates do not withhold the ratio");
  }

  @Test
  void theTableShowsTheMissingInput() {
    String table = TableReport.render(Report.of(Scenario.load(Path.of("../examples/aggregate-day.yaml")),
        List.of(wlmRunOf()), Report.DEFAULT_FAIRNESS_WINDOW));
    assertTrue(table.lines().anyMatch(l -> l.matches("\\s+finance-close 2025-01-08 at 06:00: ready\\s+missing gl-entries\\s*")),
        table);
    assertTrue(table.contains("! abandoned"), table);
  }

  // The wlm run, simulated once for the class.
  private static StrategyRun wlmRunOf() {
    wlm();
    return wlmRun;
  }
}
