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
 * @param glueQueuedRunMaxWaitHours how long a queued job run ({@code JobRunQueuingEnabled}) may
 *     stay WAITING before Glue fails it (assumption, see {@link #GLUE_QUEUED_RUN_MAX_WAIT_HOURS})
 */
public record AwsQuotas(int glueAccountConcurrentRuns, int glueJobMaxConcurrentRuns, RateLimit startJobRun,
    RateLimit startCrawler, RateLimit associateKmsKey, RateLimit startExecution, int executionHistoryEvents,
    double glueQueuedRunMaxWaitHours) {

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
  /**
   * AWS documents no limit on how long a queued Standard job run may wait (it gives 20 minutes
   * for Flex runs, and 15 minutes or 10 attempts for runs that are not queued). Assumption: 48
   * hours, the default job {@code Timeout} of 2,880 minutes; a run still WAITING then ends FAILED.
   */
  public static final double GLUE_QUEUED_RUN_MAX_WAIT_HOURS = 48;

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
    if (!(glueQueuedRunMaxWaitHours > 0)) {
      throw new IllegalArgumentException("glueQueuedRunMaxWaitHours must be > 0, got " + glueQueuedRunMaxWaitHours);
    }
  }

  /** AWS's defaults (and this project's assumptions where AWS publishes none). */
  public static AwsQuotas defaults() {
    return new AwsQuotas(GLUE_ACCOUNT_CONCURRENT_RUNS, GLUE_JOB_MAX_CONCURRENT_RUNS, START_JOB_RUN, START_CRAWLER,
        ASSOCIATE_KMS_KEY, START_EXECUTION, EXECUTION_HISTORY_EVENTS,
        GLUE_QUEUED_RUN_MAX_WAIT_HOURS);
  }

  public AwsQuotas withGlueAccountConcurrentRuns(int runs) {
    return new AwsQuotas(runs, glueJobMaxConcurrentRuns, startJobRun, startCrawler, associateKmsKey, startExecution,
        executionHistoryEvents, glueQueuedRunMaxWaitHours);
  }

  public AwsQuotas withStartJobRun(RateLimit limit) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, limit, startCrawler, associateKmsKey,
        startExecution, executionHistoryEvents, glueQueuedRunMaxWaitHours);
  }

  public AwsQuotas withStartCrawler(RateLimit limit) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, startJobRun, limit, associateKmsKey,
        startExecution, executionHistoryEvents, glueQueuedRunMaxWaitHours);
  }

  public AwsQuotas withAssociateKmsKey(RateLimit limit) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, startJobRun, startCrawler, limit,
        startExecution, executionHistoryEvents, glueQueuedRunMaxWaitHours);
  }

  public AwsQuotas withStartExecution(RateLimit limit) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, startJobRun, startCrawler,
        associateKmsKey, limit,
        executionHistoryEvents, glueQueuedRunMaxWaitHours);
  }

  public AwsQuotas withExecutionHistoryEvents(int events) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, startJobRun, startCrawler,
        associateKmsKey, startExecution, events, glueQueuedRunMaxWaitHours);
  }

  public AwsQuotas withGlueQueuedRunMaxWaitHours(double hours) {
    return new AwsQuotas(glueAccountConcurrentRuns, glueJobMaxConcurrentRuns, startJobRun, startCrawler,
        associateKmsKey, startExecution, executionHistoryEvents, hours);
  }

  /** How long a queued job run may wait, in milliseconds. */
  public long glueQueuedRunMaxWaitMillis() {
    return Math.round(glueQueuedRunMaxWaitHours * 3_600_000);
  }
}
