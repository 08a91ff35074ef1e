package io.datalakewlm.simulator.strategy;

import io.datalakewlm.simulator.scenario.StrategyKind;

/** The registry of strategies by kind, as scenario files name them. */
public final class Strategies {
  private Strategies() {}

  public static Strategy of(StrategyKind kind) {
    return switch (kind) {
      case NO_WLM, RETRY_ONLY -> new PerObjectPipelines();
      case WLM -> new WorkloadManaged();
    };
  }
}
