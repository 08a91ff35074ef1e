package io.datalakewlm.simulator.aws;

import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.time.Scheduler;

/**
 * The Step Functions {@code StartExecution} throttle of the emulated account: a token bucket that
 * strategies consult before they start an execution, as the AWS API would refuse it.
 *
 * <p>A refusal has the SDK error code {@code ThrottlingException}; a state machine that starts
 * another through the optimized {@code states:startExecution} integration sees it as
 * {@code StepFunctions.ThrottlingException}, through {@code aws-sdk:sfn:startExecution} as
 * {@code Sfn.ThrottlingException}.
 *
 * <p>It also carries the account's history quota, which the runtime of the emulated account
 * enforces on every Standard execution ({@link #historyLimit}).
 */
public final class StepFunctionsQuotas {
  public static final String START_EXECUTION = "states:StartExecution";
  public static final String THROTTLING = "ThrottlingException";
  public static final String INTEGRATION_PREFIX = "StepFunctions";
  public static final String SDK_PREFIX = "Sfn";

  private final Scheduler scheduler;
  private final ServiceMeter meter;
  private final AwsErrors errors;
  private final TokenBucket startExecutionBucket;
  private final int historyLimit;

  StepFunctionsQuotas(Scheduler scheduler, ServiceMeter meter, AwsErrors errors, AwsQuotas quotas) {
    this.scheduler = scheduler;
    this.meter = meter;
    this.errors = errors;
    this.startExecutionBucket = quotas.startExecution().newBucket(scheduler.nowMillis());
    this.historyLimit = quotas.executionHistoryEvents();
  }

  /** The most events a Standard execution's history holds; pass it to the runtime's builder. */
  public int historyLimit() {
    return historyLimit;
  }

  public TokenBucket startExecutionBucket() {
    return startExecutionBucket;
  }

  /** Takes a StartExecution token now and meters the call; false means AWS would throttle it. */
  public boolean tryStartExecution() {
    if (startExecutionBucket.tryAcquire(scheduler.nowMillis())) {
      meter.accepted(START_EXECUTION);
      return true;
    }
    meter.refused(START_EXECUTION, THROTTLING);
    return false;
  }

  /**
   * Like {@link #tryStartExecution} but throws the refusal as the optimized integration names it.
   *
   * @throws StatesError {@code StepFunctions.ThrottlingException}
   */
  public void startExecution() {
    if (!tryStartExecution()) {
      throw errors.error(INTEGRATION_PREFIX, "AWSStepFunctions", THROTTLING, "Rate exceeded");
    }
  }
}
