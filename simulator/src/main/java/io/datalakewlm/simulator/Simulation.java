package io.datalakewlm.simulator;

import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.StrategySpec;
import io.datalakewlm.simulator.strategy.Strategies;
import io.datalakewlm.simulator.wlm.StateStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's entry point: replays one scenario's arrivals through each of its strategies
 * and collects their runs for the report. Deterministic: the same scenario (file, overrides and
 * seed) gives the same runs.
 */
public final class Simulation {
  /** The scenario and one run per strategy, in the scenario's order. */
  public record Result(Scenario scenario, List<StrategyRun> runs) {
    public Result {
      runs = List.copyOf(runs);
    }
  }

  private Simulation() {}

  public static Result run(Scenario scenario, Progress progress) {
    return run(scenario, scenario.strategies(), progress);
  }

  /** Runs only {@code strategies} (some of the scenario's, in the order given). */
  public static Result run(Scenario scenario, List<StrategySpec> strategies, Progress progress) {
    return run(scenario, strategies, StateStore.MEMORY, progress);
  }

  /** Runs {@code strategies}, the workers of {@code wlm} keeping their state in {@code store}. */
  public static Result run(Scenario scenario, List<StrategySpec> strategies, StateStore store, Progress progress) {
    List<StrategyRun> runs = new ArrayList<>();
    for (StrategySpec spec : strategies) {
      runs.add(Strategies.of(spec.kind(), store).run(scenario, spec, progress));
    }
    return new Result(scenario, runs);
  }
}
