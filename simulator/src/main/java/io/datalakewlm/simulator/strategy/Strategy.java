package io.datalakewlm.simulator.strategy;

import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.StrategySpec;

/**
 * One way of running an ingestion day: given the scenario (its arrivals, datasets and quotas) and
 * the strategy's knobs, it builds a fresh emulated account on a fresh virtual clock, replays every
 * arrival, and reports what happened to each object. Strategies share nothing, so running them one
 * after the other on the same scenario compares them on identical arrivals.
 */
public interface Strategy {
  StrategyRun run(Scenario scenario, StrategySpec spec, Progress progress);
}
