package io.datalakewlm.simulator.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.report.Report;
import io.datalakewlm.simulator.report.WaitStats;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The head-of-line day that the dispatcher's rounds used to fail: one low-priority 50-minute job
 * at 00:00 and a priority-1 one-minute dataset every 10 minutes, no crawlers, 50 account slots.
 * With rounds, every priority-1 object waited for the round that held the long job (p95 49 min
 * with 49 slots idle); a slot that frees is now refilled at once, so urgent work starts within
 * the dispatcher's poll, whatever the long job is doing.
 */
class HeadOfLineTest {
  private static final String YAML = """
      name: head-of-line
      seed: 3
      start: 2025-01-06T00:00:00Z
      horizon: 6h
      quotas: {glueAccountConcurrentRuns: 50}
      defaults:
        job: {duration: 1m, perObject: 0s}
        crawler: {enabled: false}
        stages: {B: {minItems: 1, maxItems: 10}}
      sources:
        - name: archive
          priority: 9
          datasets:
            - name: full-export
              job: {duration: 50m}
        - name: payments
          priority: 1
          datasets: [{name: settlements}]
      arrivals:
        - dataset: full-export
          burst: {at: 0s, objects: 1}
        - dataset: settlements
          rate: {perHour: 6, from: 0s, to: 3h, process: even}
      strategies:
        - name: wlm
      """;

  @Test
  void priorityOneWorkStartsWithinAMinuteWhileALongLowPriorityJobRuns() {
    Scenario scenario = Scenario.parse(YAML, "head-of-line.yaml", Path.of("."));
    Simulation.Result result = Simulation.run(scenario, Progress.NONE);
    StrategyRun wlm = result.runs().get(0);
    for (ObjectRecord object : wlm.objects()) {
      assertEquals(ObjectOutcome.COMPLETED, object.outcome(), object.key() + ": " + object.reason());
    }
    ObjectRecord longJob = wlm.objects().stream().filter(o -> o.dataset().equals("full-export")).findFirst()
        .orElseThrow();
    long overlapped = wlm.objects().stream().filter(o -> o.priority() == 1)
        .filter(o -> o.startedMillis() > longJob.startedMillis() && o.startedMillis() < longJob.landedMillis()).count();
    assertTrue(overlapped >= 4, "priority-1 objects started while the long job ran: " + overlapped);

    WaitStats urgent = Report.of(result).figures("wlm").waits(1);
    assertEquals(18, urgent.landed(), "one priority-1 object every 10 minutes for 3 hours");
    assertTrue(urgent.p95Seconds() <= 60, "priority-1 p95 wait " + urgent.p95Seconds() + " s");
  }
}
