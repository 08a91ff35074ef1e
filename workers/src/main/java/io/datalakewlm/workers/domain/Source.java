package io.datalakewlm.workers.domain;

import java.util.Objects;

/**
 * A source of work (by default the team), the unit of fairness: within one priority level the
 * sources share the dispatch in proportion to their weights, and each may be capped to a number
 * of batches in flight.
 *
 * @param maxInFlight 0 for no cap
 */
public record Source(String name, double weight, int maxInFlight) {
  public Source {
    Objects.requireNonNull(name);
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight of source " + name + " must be > 0, got " + weight);
    }
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight of source " + name + " must be >= 0, got " + maxInFlight);
    }
  }

  public static Source standard(String name) {
    return new Source(name, 1.0, 0);
  }

  public boolean capped() {
    return maxInFlight > 0;
  }
}
