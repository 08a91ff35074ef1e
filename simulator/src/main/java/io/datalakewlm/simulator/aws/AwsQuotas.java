package io.datalakewlm.simulator.aws;

import io.datalakewlm.asl.exec.StatesRuntime;
import java.util.Objects;

/**
 * The AWS quotas the emulated account enforces. Defaults follow AWS's published defaults where
 * AWS publishes a number, and are marked as assumptions where it does not; every one of them is a
 * scenario knob ({@code quotas.*}) so a team can enter the values of its own account.
 *
 * @param glueAccountConcurrentRuns "Max concurrent job runs per account" (Glue endpoints and
 *     quotas: 50 by default, adjustable)
 * @param glueJobMaxConcurrentRuns the {@code MaxConcurrentRuns} of jobs that do not set it (AWS: 1)
 * @param startJobRun Glue {@code StartJobRun} throttle (assumption, see {@link #START_JOB_RUN})
 * @param startCrawler Glue {@code StartCrawler} throttle (assumption, see {@link #START_CRAWLER})
 * @param associateKmsKey CloudWatch Logs {@code AssociateKmsKey} throttle (assumption, see
 *     {@link #ASSOCIATE_KMS_KEY})
 * @param startExecution Step Functions {@code StartExecution} throttle (Step Functions service
 *     quotas, Standard workflows in us-east-1, us-west-2 and eu-west-1: bucket 1,300, refill 300
 *     per second; other Regions 800 and 150)
 * @param executionHistoryEvents the most events in a Standard execution's history (Step Functions
 *     service quotas: 25,000, a hard quota; an execution that would pass it fails with
 *     {@code States.Runtime}); a scenario sets less only to try a design against a tighter cap
 */
public record AwsQuotas(int glueAccountConcurrentRuns, int glueJobMaxConcurrentRuns, RateLimit startJobRun,
    RateLimit startCrawler, RateLimit associateKmsKey, RateLimit startExecution, int executionHistoryEvents) {

  public static final int GLUE_ACCOUNT_CONCURRENT_RUNS = 50;
  public static final int GLUE_JOB_MAX_CONCURRENT_RUNS = 1;
  /**
   * AWS publishes no rate for {@code StartJobRun}. Assumption: 10 calls at once, then 2 per
   * second — consistent with reports of throttling when 15 job runs are started in parallel from
   * one state machine.
   */
  public static final RateLimit START_JOB_RUN = new RateLimit(2, 10);
  /** AWS publishes no rate for {@code StartCrawler}. Assumption: 5 calls at once, then 1 per second. */
  public static final RateLimit START_CRAWLER = new RateLimit(1, 5);
  /**
   * Assumption: {@code AssociateKmsKey} at 5 calls per second with no more than one second of
   * burst; AWS lists it among the CloudWatch Logs API quotas that cannot be raised, and the value
   * of an account can be read in the Service Quotas console.
   */
  public static final RateLimit ASSOCIATE_KMS_KEY = new RateLimit(5, 5);
  public static final RateLimit START_EXECUTION = new RateLimit(300, 1300);
  public static final int EXECUTION_HISTORY_EVENTS = StatesRuntime.HISTORY_LIMIT;

  public AwsQuotas {
    if (glueAccountConcurrentRuns < 1) {
      throw new IllegalArgumentException("glueAccountConcurrentRuns must be >= 1, got " + glueAccountConcurrentRuns);
    }
    if (glueJobMaxConcurrentRuns < 1) {
      throw new IllegalArgumentException("glueJobMaxConcurrentRuns must be >= 1, got " + glueJobMaxConcurrentRuns);
    }
    Objects.requireNonNull(startJobRun, "startJobRun");
    Objects.requireNonNull(startCrawler, "startCrawler");
    Objects.requireNonNull(associateKmsKey, "associateKmsKey");
    Objects.requireNonNull(startExecution, "startExecution");
    if (executionHistoryEvents < 2) {
      throw new IllegalArgumentException("executionHistoryEvents must be >= 2, got " + executionHistoryEvents);
    }
  }

  /** AWS's defaults (and this project's assumptions where AWS publishes none). */
  public static AwsQuotas defaults() {
    return new AwsQuotas(GLUE_ACCOUNT_CONCURRENT_RUNS, GLUE_JOB_MAX_CONCURRENT_RUNS, START_JOB_RUN, START_CRAWLER,
        ASSOCIATE_KMS_KEY, START_EXECUTION, EXECUTION_HISTORY_EVENTS);
  }

  public AwsQuotas withGlueAccountConcurrentRuns(int runs) {
    return new AwsQuotas(runs, glueJobMaxConcurrentRuns, startJobRun, startCrawler, associateKmsKey, startExecution,
        executionHistoryEvents);
  }

  public AwsQuotas withStartJobRun(RateLimit limit) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, limit, startCrawler, associateKmsKey,
        startExecution, executionHistoryEvents);
  }

  public AwsQuotas withStartCrawler(RateLimit limit) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, startJobRun, limit, associateKmsKey,
        startExecution, executionHistoryEvents);
  }

  public AwsQuotas withAssociateKmsKey(RateLimit limit) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, startJobRun, startCrawler, limit,
        startExecution, executionHistoryEvents);
  }

  public AwsQuotas withStartExecution(RateLimit limit) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, startJobRun, startCrawler,
        associateKmsKey, limit,
        executionHistoryEvents);
  }

  public AwsQuotas withExecutionHistoryEvents(int events) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, startJobRun, startCrawler,
        associateKmsKey, startExecution, events);
  }
}
