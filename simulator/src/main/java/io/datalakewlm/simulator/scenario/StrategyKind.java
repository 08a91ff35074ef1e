package io.datalakewlm.simulator.scenario;

/**
 * The strategies a scenario can compare: {@code no-wlm} (every object starts its pipeline at
 * once), {@code retry-only} (the usual fix: the same, with waits and retries on AWS's errors) and
 * {@code wlm} (this product).
 */
public enum StrategyKind {
  NO_WLM("no-wlm"),
  RETRY_ONLY("retry-only"),
  WLM("wlm");

  private final String id;

  StrategyKind(String id) {
    this.id = id;
  }

  /** The name scenario files use. */
  public String id() {
    return id;
  }

  public static StrategyKind of(String id) {
    for (StrategyKind kind : values()) {
      if (kind.id.equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown strategy " + id + "; expected no-wlm, retry-only or wlm");
  }
}
