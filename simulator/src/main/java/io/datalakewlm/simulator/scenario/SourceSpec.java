package io.datalakewlm.simulator.scenario;

import java.util.List;

/**
 * A source (by default a team), the unit of fairness: its weight in the shares of one priority
 * level, an optional cap on batches in flight (0 for none), the default priority of its datasets,
 * and the datasets themselves (generated families already expanded, in order).
 */
public record SourceSpec(String name, double weight, int maxInFlight, int priority, List<DatasetSpec> datasets) {
  public SourceSpec {
    datasets = List.copyOf(datasets);
  }
}
