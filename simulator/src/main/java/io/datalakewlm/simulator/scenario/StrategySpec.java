package io.datalakewlm.simulator.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One strategy to compare: its kind, a label unique in the scenario (default: the kind's name, so
 * a scenario can compare {@code wlm} with two settings under two labels), and every knob with its
 * effective value (the file's, else the default).
 */
public record StrategySpec(String label, StrategyKind kind, Map<String, Object> knobs) {
  public StrategySpec {
    knobs = Collections.unmodifiableMap(new LinkedHashMap<>(knobs));
  }

  public int intKnob(String name) {
    return ((Number) knob(name)).intValue();
  }

  public double doubleKnob(String name) {
    return ((Number) knob(name)).doubleValue();
  }

  public String textKnob(String name) {
    return knob(name).toString();
  }

  /** The value of {@code name}; a name the kind does not have is a programming error. */
  public Object knob(String name) {
    Object value = knobs.get(name);
    if (value == null) {
      throw new IllegalArgumentException("strategy " + label + " (" + kind.id() + ") has no knob " + name
          + "; knobs: " + knobs.keySet());
    }
    return value;
  }
}
