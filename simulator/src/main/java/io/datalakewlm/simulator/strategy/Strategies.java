package io.datalakewlm.simulator.strategy;

import io.datalakewlm.simulator.scenario.StrategyKind;
import io.datalakewlm.simulator.wlm.StateStore;

/** The registry of strategies by kind, as scenario files name them. */
public final class Strategies {
  private Strategies() {}

  /** The strategy of {@code kind}; {@code wlm} keeps the workers' state in memory. */
  public static Strategy of(StrategyKind kind) {
    return of(kind, StateStore.MEMORY);
  }

  /** The strategy of {@code kind}; {@code wlm} keeps the workers' state in {@code store}. */
  public static Strategy of(StrategyKind kind, StateStore store) {
    return switch (kind) {
      case NO_WLM, RETRY_ONLY, GLUE_QUEUING -> new PerObjectPipelines();
      case WLM -> new WorkloadManaged(store);
    };
  }
}
