package io.datalakewlm.simulator.report;

import static io.datalakewlm.simulator.report.ReportFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.aws.CostUnit;
import io.datalakewlm.simulator.aws.GlueJobs;
import io.datalakewlm.simulator.aws.ServiceMeter;
import io.datalakewlm.simulator.scenario.Knobs;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.StrategyKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every figure of the hand-computed day of {@link ReportFixtures}. */
class ReportTest {
  private final Scenario scenario = ReportFixtures.scenario();
  private final Report report = Report.of(scenario,
      List.of(ReportFixtures.noWlm(scenario), ReportFixtures.wlm(scenario)), Duration.ofMinutes(15));

  @Test
  void theLowerBoundIsTheLargerOfWorkOverCapacityAndTheCriticalPathFromEachArrival() {
    LowerBound bound = report.lowerBound();
    assertEquals(1_935, bound.workSeconds(), 1e-9);
    assertEquals(2_070, bound.criticalPathSeconds(), 1e-9);
    assertEquals("s1", bound.criticalJob());
    assertEquals(2_070, bound.seconds(), 1e-9);
  }

  @Test
  void theWorkBoundDominatesWhenOneJobCannotHoldTheAccount() {
    // 40 datasets of 1 object, 10-minute jobs, 2 account slots: 40 × 600 ÷ 2 = 12,000 s, one job 600 s.
    Scenario many = Scenario.parse("""
        name: many
        quotas: {glueAccountConcurrentRuns: 2}
        defaults: {job: {duration: {uniform: [5m, 15m]}}}
        sources:
          - name: a
            datasets: [{count: 40, namePattern: "d-{i:02}"}]
        arrivals:
          - source: a
            burst: {at: 1h}
        """, "many.yaml", java.nio.file.Path.of("."));
    LowerBound bound = LowerBound.of(many);
    assertEquals(12_000, bound.workSeconds(), 1e-9);
    assertEquals(600, bound.criticalPathSeconds(), 1e-9);
    assertEquals(12_000, bound.seconds(), 1e-9);
  }

  @Test
  void objectsAreCountedByOutcomeAndFailuresByTheirErrorName() {
    Figures noWlm = report.figures("no-wlm");
    assertEquals(7, noWlm.objects());
    assertEquals(3, noWlm.completed());
    assertEquals(3, noWlm.failed());
    assertEquals(1, noWlm.lost());
    assertEquals(0, noWlm.unfinished());
    assertEquals(4, noWlm.failedOrLost());
    assertEquals(List.of(Map.entry("Glue.ConcurrentRunsExceededException", 3), Map.entry("StepFunctions.ThrottlingException", 1)),
        List.copyOf(noWlm.failureReasons().entrySet()));
    Figures wlm = report.figures("wlm");
    assertEquals(7, wlm.completed());
    assertEquals(0, wlm.failedOrLost());
    assertTrue(wlm.failureReasons().isEmpty());
  }

  @Test
  void makespanRunsFromTheFirstArrivalToTheLastLandedObjectAndIsComparedWithTheBound() {
    assertEquals(2_070, report.figures("no-wlm").makespanSeconds(), 1e-9);
    assertNull(report.figures("no-wlm").makespanOverBound(), "4 of 7 objects never landed");
    assertEquals(2_130, report.figures("wlm").makespanSeconds(), 1e-9);
    assertEquals(2_130.0 / 2_070, report.figures("wlm").makespanOverBound(), 1e-9);
    assertEquals(at(2_130), report.figures("wlm").lastLandedMillis());
  }

  @Test
  void waitsPerPriorityAreNearestRankPercentilesOfLandedObjectsOnly() {
    WaitStats bigNoWlm = report.figures("no-wlm").waits(5);
    assertEquals(new WaitStats(5, 6, 2, 0.0, 0.0, 0.0), bigNoWlm);
    // wlm waits at priority 5: 0, 0, 0, 0, 600, 600 → p50 rank 3 = 0, p95 rank 6 = 600.
    assertEquals(new WaitStats(5, 6, 6, 0.0, 600.0, 600.0), report.figures("wlm").waits(5));
    assertEquals(new WaitStats(1, 1, 1, 60.0, 60.0, 60.0), report.figures("wlm").waits(1));
    assertEquals(List.of(1, 5), report.figures("wlm").waits().stream().map(WaitStats::priority).toList());
    assertNull(report.figures("wlm").waits(3));
  }

  @Test
  void refusedCallsAreCountedByApiAndCodeAndLimitErrorsSeparately() {
    Figures noWlm = report.figures("no-wlm");
    ApiErrors start = noWlm.api(GlueJobs.START_JOB_RUN);
    assertEquals(7, start.calls());
    assertEquals(Map.of(GlueJobs.CONCURRENT_RUNS_EXCEEDED, 3L), start.errors());
    assertEquals(1, noWlm.api("logs:AssociateKmsKey").limited());
    assertEquals(0, noWlm.api("glue:GetJobRun").limited());
    assertEquals(4, noWlm.limitErrors());
    assertEquals(5, noWlm.refusedCalls());
    assertEquals(0, report.figures("wlm").limitErrors());
    assertEquals(5, report.figures("wlm").api(GlueJobs.START_JOB_RUN).calls());
  }

  @Test
  void peaksAreReportedAgainstTheirLimitsAndGroupedByKind() {
    Figures wlm = report.figures("wlm");
    assertEquals(new ResourcePeak(GlueJobs.ACCOUNT_GAUGE, 2, 2), wlm.peak(GlueJobs.ACCOUNT_GAUGE));
    assertTrue(wlm.peak(GlueJobs.ACCOUNT_GAUGE).atLimit());
    assertEquals(List.of(new ResourceGroup("glue:account", 1, 1, 2, 2), new ResourceGroup("glue:job", 3, 3, 1, 1)),
        wlm.resourceGroups());
  }

  @Test
  void usageAndCostFollowTheMeterAtListPrices() {
    Figures wlm = report.figures("wlm");
    assertEquals(1_000, wlm.transitions());
    assertEquals(4_000_000, wlm.dynamoReads());
    assertEquals(2_000_000, wlm.dynamoWrites());
    // 26,700 DPU-seconds = 7.416667 DPU-hours at $0.44 = $3.263333.
    assertEquals(7.416667, wlm.cost().glueJobDpuHours(), 1e-6);
    assertEquals(0, wlm.cost().glueCrawlerDpuHours(), 1e-12);
    assertEquals(3.263333, wlm.cost().usd().get(CostUnit.GLUE_JOB_DPU_SECONDS), 1e-6);
    assertEquals(0.025, wlm.cost().usd().get(CostUnit.SFN_STATE_TRANSITIONS), 1e-12);
    assertEquals(1.25, wlm.cost().usd().get(CostUnit.DYNAMODB_WRITE_REQUEST_UNITS), 1e-12);
    assertEquals(0.5, wlm.cost().usd().get(CostUnit.DYNAMODB_READ_REQUEST_UNITS), 1e-12);
    assertEquals(5.038333, wlm.cost().totalUsd(), 1e-6);
  }

  @Test
  void fairnessFindsNoContentionWhenNoTwoSourcesWaitThroughAWindow() {
    Fairness fairness = report.figures("wlm").fairness();
    assertEquals(900, fairness.windowSeconds());
    assertEquals(3, fairness.windows());
    assertEquals(0, fairness.contestedWindows());
    assertNull(fairness.mean());
    assertNull(fairness.min());
  }

  @Test
  void knobsKeepTheStrategysOrderAndTheChangedOnesAreKnown() {
    Figures wlm = report.figures("wlm");
    assertEquals(List.copyOf(Knobs.defaults(StrategyKind.WLM, scenario.quotas()).keySet()), List.copyOf(wlm.knobs().keySet()));
    assertEquals("7", wlm.knobs().get("maxConcurrency"));
    assertEquals(List.of("maxConcurrency"), wlm.changedKnobs());
    assertTrue(report.figures("no-wlm").knobs().isEmpty());
  }

  @Test
  void dynamoDbRequestsArePricedAtOneRequestUnitEachWhenTheMeterHasNoUnits() {
    ServiceMeter meter = new ServiceMeter(() -> 0);
    Cost cost = Cost.of(meter, 800_000, 1_600_000);
    assertEquals(800_000, cost.usage().get(CostUnit.DYNAMODB_READ_REQUEST_UNITS), 1e-9);
    assertEquals(0.10, cost.usd().get(CostUnit.DYNAMODB_READ_REQUEST_UNITS), 1e-12);
    assertEquals(1.00, cost.usd().get(CostUnit.DYNAMODB_WRITE_REQUEST_UNITS), 1e-12);
    meter.add(CostUnit.DYNAMODB_WRITE_REQUEST_UNITS, 3_200_000);
    assertEquals(2.00, Cost.of(meter, 800_000, 1_600_000).usd().get(CostUnit.DYNAMODB_WRITE_REQUEST_UNITS), 1e-12);
  }
}
