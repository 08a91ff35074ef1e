package io.datalakewlm.workers.store;

/**
 * The tables of the workers, by the base name that {@code sam-template.yaml} gives them
 * ({@code !Sub '<base>-${Environment}'}); their keys and indexes come from that template
 * through {@link TableDefinitions}.
 */
public enum Table {
  /** Priorities: {@code name} = team-dataset-table (or a prefix, or a source) to priority, weight, maxInFlight. */
  PRIORITIES("octagon-wlm"),
  /** SDLF dataset configs, by {@code name} = team-dataset. */
  DATASETS("octagon-Dataset"),
  /** One item per object; indexes lane-index, owner-index, lease-index. */
  QUEUE("wlm-queue"),
  /** Lane registry and per-source in-flight slots ({@code registry}, {@code name}). */
  LANES("wlm-lanes"),
  /** Counting semaphores by {@code resource}. */
  SEMAPHORES("wlm-semaphores"),
  /** Token buckets by {@code api}. */
  RATE_LIMITS("wlm-rate-limits"),
  /** Stage outcomes by {@code dataset} and {@code stageDay}. */
  STAGE_STATUS("wlm-stage-status"),
  /** Reaped executions by {@code executionId}. */
  EXECUTIONS("wlm-executions"),
  /** Objects the intake state machine rejected, by {@code bucket} and {@code objectKey}, with the reason. */
  INTAKE_REJECTS("wlm-intake-rejects");

  private final String baseName;

  Table(String baseName) {
    this.baseName = baseName;
  }

  public String baseName() {
    return baseName;
  }

  /** The deployed name: {@code <base>-<environment>}. */
  public String physicalName(String environment) {
    return baseName + "-" + environment;
  }
}
