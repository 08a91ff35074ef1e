package io.datalakewlm.workers.domain;

import java.util.Objects;

/**
 * One entry of the priority table ({@code octagon-wlm}), keyed by a name that is a
 * {@code team-dataset-table}, a {@code team-dataset}, a {@code team} or a source: the most
 * specific entry with a priority wins for an item; the entry named after a source gives that
 * source's weight and cap. Every field but the name is optional (null).
 */
public record PriorityEntry(String name, Priority priority, Double weight, Integer maxInFlight, String source) {
  public PriorityEntry {
    Objects.requireNonNull(name);
    if (name.isBlank()) {
      throw new IllegalArgumentException("a priority entry needs a name");
    }
    if (weight != null && !(weight > 0)) {
      throw new IllegalArgumentException(name + ": weight must be > 0, got " + weight);
    }
    if (maxInFlight != null && maxInFlight < 0) {
      throw new IllegalArgumentException(name + ": maxInFlight must be >= 0, got " + maxInFlight);
    }
  }
}
