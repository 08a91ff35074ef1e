package io.datalakewlm.simulator.strategy;

import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.StrategyKind;
import io.datalakewlm.simulator.scenario.StrategySpec;
import io.datalakewlm.simulator.wlm.CountingStore;
import io.datalakewlm.simulator.wlm.LocalWlm;
import io.datalakewlm.workers.store.memory.InMemoryStore;
import java.nio.file.Path;

/**
 * What the deployed {@code wlm} costs while nothing is queued: the dispatcher waiting for work,
 * its watchdog schedule and the reaper's sweep, with default knobs, on an empty queue. The hour
 * measured is the second one, after the first dispatcher has started.
 */
public final class IdleHour {

  /** The hour's state transitions and DynamoDB requests. */
  public record Cost(long transitions, long reads, long writes) { }

  private static final String SCENARIO = """
      name: idle
      seed: 1
      horizon: 3h
      sources:
        - name: s
          datasets: [{name: d}]
      arrivals:
        - dataset: d
          burst: {at: 2h30m}
      """;

  private IdleHour() {
  }

  /** Runs two hours of an empty queue and measures the second. */
  public static Cost measure() {
    Scenario scenario = Scenario.parse(SCENARIO, "idle hour (generated)", Path.of("."));
    StrategySpec spec = scenario.strategies().stream().filter(s -> s.kind() == StrategyKind.WLM).findFirst()
        .orElseThrow();
    Scheduler scheduler = Scheduler.virtual(scenario.start());
    AwsServices aws = scenario.emulatedAccount(scheduler);
    try (CountingStore store = new CountingStore(new InMemoryStore())) {
      LocalWlm wlm = new LocalWlm(scheduler, aws, store, WorkloadManaged.parameters(spec), new LocalWlm.Options("sim",
          scenario.seed(), spec.intKnob("activityLatencyMillis"), spec.intKnob("dispatcherScheduleSeconds"),
          spec.intKnob("sweepScheduleSeconds"), false));
      wlm.startSchedules();
      long hour = 3_600_000L;
      scheduler.runUntil(scenario.start().toEpochMilli() + hour);
      long transitions = transitions(aws, wlm);
      long reads = store.reads();
      long writes = store.writes();
      scheduler.runUntil(scenario.start().toEpochMilli() + 2 * hour);
      return new Cost(transitions(aws, wlm) - transitions, store.reads() - reads, store.writes() - writes);
    }
  }

  // Transitions so far: of the finished executions, and of the running ones up to now.
  private static long transitions(AwsServices aws, LocalWlm wlm) {
    long running = 0;
    for (Execution execution : wlm.runtime().executions()) {
      if (execution.status() == ExecutionStatus.RUNNING) {
        running += execution.transitions();
      }
    }
    return aws.transitionCounter().transitions() + running;
  }
}
