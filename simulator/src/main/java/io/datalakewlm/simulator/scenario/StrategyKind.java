package io.datalakewlm.simulator.scenario;

/**
 * The strategies a scenario can compare: {@code no-wlm} (every object starts its pipeline at
 * once), {@code retry-only} (the usual fix: the same, with waits and retries on AWS's errors),
 * {@code glue-queuing} (the same as retry-only, with Glue's job run queuing turned on: a run over
 * the concurrency quotas waits in Glue instead of being refused) and {@code wlm} (this product).
 * A scenario without a {@code strategies:} list compares them all, in this order.
 */
public enum StrategyKind {
  NO_WLM("no-wlm"),
  RETRY_ONLY("retry-only"),
  GLUE_QUEUING("glue-queuing"),
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
    throw new IllegalArgumentException("unknown strategy " + id + "; expected no-wlm, retry-only, glue-queuing or wlm");
  }
}
