package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.aws.CostUnit;
import io.datalakewlm.simulator.aws.GlueJobs;
import io.datalakewlm.simulator.aws.MeterFixture;
import io.datalakewlm.simulator.aws.Occupancy;
import io.datalakewlm.simulator.aws.ServiceMeter;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Knobs;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.StrategyKind;
import io.datalakewlm.simulator.scenario.StrategySpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small day worked by hand, and two runs of it built record by record, for the report tests.
 *
 * <p>Account quota 2. Source big (weight 1, priority 5): datasets b1 and b2, 3 objects each at
 * 00:00, jobs of 10 minutes, batches of at most 2. Source small (weight 2, priority 1): dataset s1,
 * one object at 00:30, a 4-minute job plus 30 s per object.
 *
 * <p>Lower bound. Work: b1 and b2 need ⌈3/2⌉ = 2 runs of 600 s each (1,200 s apiece), s1 one
 * run of 240 + 30 = 270 s. From 00:00: 2,670 ÷ 2 = 1,335 s; from 00:30: 1,800 + 270 ÷ 2 = 1,935 s.
 * Critical path: job b1 alone 1,200 ÷ 1 = 1,200 s; job s1 from 00:30: 1,800 + 270 = 2,070 s. The
 * bound is 2,070 s (critical path, job s1).
 */
final class ReportFixtures {
  static final long T0 = Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();
  static final String YAML = """
      name: tiny
      seed: 1
      start: 2025-01-06T00:00:00Z
      horizon: 6h
      quotas: {glueAccountConcurrentRuns: 2}
      defaults:
        job: {duration: 10m, perObject: 0s}
        crawler: {enabled: false}
        stages: {B: {minItems: 1, maxItems: 2}}
      sources:
        - name: big
          priority: 5
          datasets: [{name: b1}, {name: b2}]
        - name: small
          weight: 2
          priority: 1
          datasets:
            - name: s1
              job: {duration: 4m, perObject: 30s}
      arrivals:
        - source: big
          burst: {at: 0s, objects: 3}
        - dataset: s1
          burst: {at: 30m, objects: 1}
      strategies:
        - name: no-wlm
        - name: wlm
      """;

  private ReportFixtures() {}

  static Scenario scenario() {
    return Scenario.parse(YAML, "tiny.yaml", Path.of("."));
  }

  static long at(double seconds) {
    return T0 + Math.round(seconds * 1000);
  }

  static ObjectRecord object(String dataset, int n, int priority, double arrived, double started, double landed,
      ObjectOutcome outcome, String reason) {
    String source = dataset.startsWith("b") ? "big" : "small";
    return new ObjectRecord(source + "/" + dataset + "/2025-01-06/object-00000" + n, source, dataset, priority,
        at(arrived), started < 0 ? -1 : at(started), landed < 0 ? -1 : at(landed), started < 0 ? 0 : 1, outcome, reason);
  }

  /**
   * no-wlm: all six big objects start at 00:00; two runs fit, three are refused
   * (ConcurrentRunsExceededException), one is lost; s1 starts on arrival and lands at 00:34:30.
   */
  static StrategyRun noWlm(Scenario scenario) {
    ServiceMeter meter = new ServiceMeter(() -> T0);
    for (int i = 0; i < 7; i++) {
      if (i < 3) {
        meter.refused(GlueJobs.START_JOB_RUN, GlueJobs.CONCURRENT_RUNS_EXCEEDED);
      } else {
        meter.accepted(GlueJobs.START_JOB_RUN);
      }
    }
    meter.refused("logs:AssociateKmsKey", "ThrottlingException");
    meter.refused("glue:GetJobRun", "EntityNotFoundException");
    MeterFixture.reachPeak(meter.gauge(GlueJobs.ACCOUNT_GAUGE, 2), 2);
    MeterFixture.reachPeak(meter.gauge("glue:job/b1", 1), 1);
    MeterFixture.reachPeak(meter.gauge("glue:job/b2", 1), 1);
    MeterFixture.reachPeak(meter.gauge("glue:job/s1", 1), 1);
    Occupancy jobs = meter.occupancy(GlueJobs.RUNNING_SERIES);
    MeterFixture.run(jobs, "big", 2, at(0));
    MeterFixture.run(jobs, "big", -2, at(600));
    MeterFixture.run(jobs, "small", 1, at(1800));
    MeterFixture.run(jobs, "small", -1, at(2070));
    meter.add(CostUnit.GLUE_JOB_DPU_SECONDS, 10 * (600 + 600 + 270));
    List<ObjectRecord> objects = List.of(
        object("b1", 1, 5, 0, 0, 600, ObjectOutcome.COMPLETED, null),
        object("b1", 2, 5, 0, 0, -1, ObjectOutcome.FAILED, "Glue.ConcurrentRunsExceededException: Concurrent runs exceeded for b1"),
        object("b1", 3, 5, 0, 0, -1, ObjectOutcome.FAILED, "Glue.ConcurrentRunsExceededException: Concurrent runs exceeded for b1"),
        object("b2", 1, 5, 0, 0, 600, ObjectOutcome.COMPLETED, null),
        object("b2", 2, 5, 0, 0, -1, ObjectOutcome.FAILED, "Glue.ConcurrentRunsExceededException: Concurrent runs exceeded for b2"),
        object("b2", 3, 5, 0, -1, -1, ObjectOutcome.LOST, "StepFunctions.ThrottlingException: Rate exceeded"),
        object("s1", 1, 1, 1800, 1800, 2070, ObjectOutcome.COMPLETED, null));
    return new StrategyRun(spec(StrategyKind.NO_WLM, Map.of()), objects, meter, 0, 0, 0, T0, at(2070), 60_000,
        Map.of(), Map.of(), List.of());
  }

  /**
   * wlm, with maxConcurrency 7 and the other knobs at their defaults: batches of two at 00:00 for
   * b1 and b2, the third objects at 00:10, s1 at 00:31 (a minute after it arrived); nothing
   * refused.
   */
  static StrategyRun wlm(Scenario scenario) {
    ServiceMeter meter = new ServiceMeter(() -> T0);
    for (int i = 0; i < 5; i++) {
      meter.accepted(GlueJobs.START_JOB_RUN);
    }
    MeterFixture.reachPeak(meter.gauge(GlueJobs.ACCOUNT_GAUGE, 2), 2);
    MeterFixture.reachPeak(meter.gauge("glue:job/b1", 1), 1);
    MeterFixture.reachPeak(meter.gauge("glue:job/b2", 1), 1);
    MeterFixture.reachPeak(meter.gauge("glue:job/s1", 1), 1);
    Occupancy jobs = meter.occupancy(GlueJobs.RUNNING_SERIES);
    MeterFixture.run(jobs, "big", 2, at(0));
    MeterFixture.run(jobs, "big", -2, at(1200));
    MeterFixture.run(jobs, "small", 1, at(1860));
    MeterFixture.run(jobs, "small", -1, at(2130));
    meter.add(CostUnit.GLUE_JOB_DPU_SECONDS, 10 * (4 * 600 + 270));
    meter.add(CostUnit.SFN_STATE_TRANSITIONS, 1_000);
    meter.add(CostUnit.DYNAMODB_WRITE_REQUEST_UNITS, 2_000_000);
    meter.add(CostUnit.DYNAMODB_READ_REQUEST_UNITS, 4_000_000);
    List<ObjectRecord> objects = new ArrayList<>(List.of(
        object("b1", 1, 5, 0, 0, 600, ObjectOutcome.COMPLETED, null),
        object("b1", 2, 5, 0, 0, 600, ObjectOutcome.COMPLETED, null),
        object("b1", 3, 5, 0, 600, 1200, ObjectOutcome.COMPLETED, null),
        object("b2", 1, 5, 0, 0, 600, ObjectOutcome.COMPLETED, null),
        object("b2", 2, 5, 0, 0, 600, ObjectOutcome.COMPLETED, null),
        object("b2", 3, 5, 0, 600, 1200, ObjectOutcome.COMPLETED, null),
        object("s1", 1, 1, 1800, 1860, 2130, ObjectOutcome.COMPLETED, null)));
    Map<Integer, int[]> queue = new LinkedHashMap<>();
    // sample i is taken at the end of minute i: two big objects wait from 00:01 to 00:09, s1 at 00:30
    queue.put(5, new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 0});
    queue.put(1, new int[36]);
    queue.get(1)[29] = 1;
    Map<String, Object> knobs = new LinkedHashMap<>(Knobs.defaults(StrategyKind.WLM, scenario.quotas()));
    knobs.put("maxConcurrency", 7);
    Map<String, String> shown = new LinkedHashMap<>();
    knobs.forEach((k, v) -> shown.put(k, v.toString()));
    return new StrategyRun(spec(StrategyKind.WLM, knobs), objects, meter, 1_000, 4_000_000, 2_000_000, T0, at(2130),
        60_000, queue, shown, List.of());
  }

  private static StrategySpec spec(StrategyKind kind, Map<String, Object> knobs) {
    return new StrategySpec(kind.id(), kind, knobs);
  }
}
