package io.datalakewlm.simulator.aws;

import io.datalakewlm.asl.exec.Execution;

/**
 * Meters Step Functions Express executions as AWS bills them: one request per execution started
 * and its duration, rounded up to 100 ms, times its memory in 64 MB chunks (one chunk: the
 * definitions here and their payloads are far below 64 MB). Their state transitions are counted
 * too, though Express does not bill them, so a report can show what the intake path does.
 */
public final class ExpressWorkflows {
  private final ServiceMeter meter;
  private long executions;
  private long transitions;

  public ExpressWorkflows(ServiceMeter meter) {
    this.meter = meter;
  }

  /** Express executions metered so far. */
  public long executions() {
    return executions;
  }

  /** Their state transitions (not billed). */
  public long transitions() {
    return transitions;
  }

  /** Meters one finished Express execution. */
  public void finished(Execution execution) {
    executions++;
    transitions += execution.transitions();
    long elapsed = execution.stopDate() == null ? 0
        : Math.max(0, execution.stopDate().toEpochMilli() - execution.startDate().toEpochMilli());
    long step = Prices.SFN_EXPRESS_BILLING_STEP_MILLIS;
    long billedMillis = Math.max(step, (elapsed + step - 1) / step * step);
    meter.add(CostUnit.SFN_EXPRESS_REQUESTS, 1);
    meter.add(CostUnit.SFN_EXPRESS_GB_SECONDS, billedMillis / 1000.0 * Prices.SFN_EXPRESS_MEMORY_CHUNK_GB);
  }
}
