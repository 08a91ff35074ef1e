package io.datalakewlm.simulator.aws;

/**
 * Glue worker types and the DPUs each worker counts for billing (Glue pricing and job
 * properties documentation): a job run is billed {@code dpu × numberOfWorkers}.
 */
public enum WorkerType {
  STANDARD("Standard", 1),
  G_025X("G.025X", 0.25),
  G_1X("G.1X", 1),
  G_2X("G.2X", 2),
  G_4X("G.4X", 4),
  G_8X("G.8X", 8),
  Z_2X("Z.2X", 2);

  private final String awsName;
  private final double dpu;

  WorkerType(String awsName, double dpu) {
    this.awsName = awsName;
    this.dpu = dpu;
  }

  /** The name as the Glue API spells it, e.g. {@code G.1X}. */
  public String awsName() {
    return awsName;
  }

  public double dpu() {
    return dpu;
  }

  /** The worker type named {@code name} as Glue spells it. */
  public static WorkerType of(String name) {
    for (WorkerType type : values()) {
      if (type.awsName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown Glue worker type " + name
        + "; expected one of Standard, G.025X, G.1X, G.2X, G.4X, G.8X, Z.2X");
  }
}
