package io.datalakewlm.workers.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One metric of an EMF document: its name, unit and value(s). Several values in one document
 * are several samples of the same metric (EMF allows up to 100 per metric), as a batch's items'
 * dispatch latencies are.
 */
public record Measure(String name, Unit unit, List<Double> values) {
  public Measure {
    Objects.requireNonNull(name);
    Objects.requireNonNull(unit);
    values = List.copyOf(values);
    if (name.isBlank() || values.isEmpty()) {
      throw new IllegalArgumentException("a metric needs a name and at least one value");
    }
  }

  /** One sample. */
  public static Measure of(String name, Unit unit, double value) {
    return new Measure(name, unit, List.of(value));
  }
}
