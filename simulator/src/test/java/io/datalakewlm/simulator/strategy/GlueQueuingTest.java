package io.datalakewlm.simulator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.aws.ApiStats;
import io.datalakewlm.simulator.aws.GlueJobs;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The glue-queuing strategy on an account whose concurrent-run quota is smaller than the burst:
 * Glue keeps the surplus runs WAITING instead of refusing them, starts them oldest first as runs
 * end, and the object's wait lasts until its run actually runs.
 */
class GlueQueuingTest {
  private static final String YAML = """
      name: queued
      seed: 3
      start: 2025-01-06T00:00:00Z
      horizon: 6h
      quotas: {glueAccountConcurrentRuns: 3, startJobRun: {rate: 100, burst: 100}}
      defaults:
        job: {duration: 10m, perObject: 0s, securityConfiguration: false}
        crawler: {enabled: false}
      sources:
        - name: own
          datasets:
            - count: 9
              namePattern: "d{i}"
        - name: pair
          datasets:
            - {name: p1, job: {name: shared}}
            - {name: p2, job: {name: shared}}
      arrivals:
        - source: own
          burst: {at: 0s, objects: 1}
        - source: pair
          burst: {at: 1h, objects: 1}
      strategies:
        - name: retry-only
        - name: glue-queuing
      """;

  private static final Scenario SCENARIO = Scenario.parse(YAML, "queued.yaml", Path.of("."));

  private static StrategyRun run(Scenario scenario, String label) {
    return Simulation.run(scenario, Progress.NONE).runs().stream().filter(r -> r.label().equals(label)).findFirst()
        .orElseThrow();
  }

  private static long errors(StrategyRun run, String code) {
    ApiStats stats = run.meter().apis().get(GlueJobs.START_JOB_RUN);
    return stats == null ? 0 : stats.errors(code);
  }

  @Test
  void runsOverTheAccountQuotaWaitInGlueAndStartOldestFirstAsSlotsFree() {
    StrategyRun queuing = run(SCENARIO, "glue-queuing");

    assertEquals(0, errors(queuing, GlueJobs.CONCURRENT_RUNS_EXCEEDED), "no ConcurrentRunsExceededException");
    List<ObjectRecord> own = queuing.objects().stream().filter(r -> r.source().equals("own")).toList();
    assertEquals(9, own.size());
    for (int i = 0; i < own.size(); i++) {
      ObjectRecord record = own.get(i);
      assertEquals(ObjectOutcome.COMPLETED, record.outcome(), record.key());
      assertEquals(1, record.attempts(), "a WAITING run is one attempt, started once");
      assertEquals(600.0 * (i / 3), record.waitSeconds(), record.key() + ": waits in WAITING for its wave, in arrival order");
    }
    assertEquals(3, queuing.meter().gauge("glue:account/concurrent-job-runs").peak());
    assertEquals(6, queuing.meter().gauge(GlueJobs.WAITING_GAUGE).peak());

    StrategyRun retries = run(SCENARIO, "retry-only");
    assertTrue(errors(retries, GlueJobs.CONCURRENT_RUNS_EXCEEDED) >= 6, "without queuing the same day is refused");
  }

  @Test
  void aJobsMaxConcurrentRunsHoldsItsSecondRunWaitingWhileTheAccountHasRoom() {
    StrategyRun queuing = run(SCENARIO, "glue-queuing");
    List<ObjectRecord> pair = queuing.objects().stream().filter(r -> r.source().equals("pair")).toList();

    assertEquals(List.of(0.0, 600.0), pair.stream().map(ObjectRecord::waitSeconds).toList());
    assertEquals(1, queuing.meter().gauge("glue:job/shared").peak());
  }

  @Test
  void startJobRunThrottlingStillRefusesAndIsRetriedAsInRetryOnly() {
    Scenario throttled = SCENARIO.with("quotas.startJobRun.rate", "0.2").with("quotas.startJobRun.burst", "2");
    StrategyRun queuing = run(throttled, "glue-queuing");

    assertTrue(errors(queuing, GlueJobs.THROTTLING) >= 7, "9 starts at once against a burst of 2");
    assertEquals(0, errors(queuing, GlueJobs.CONCURRENT_RUNS_EXCEEDED));
    assertTrue(queuing.objects().stream().allMatch(r -> r.outcome() == ObjectOutcome.COMPLETED),
        "the retries of retry-only bring every object through");
  }
}
