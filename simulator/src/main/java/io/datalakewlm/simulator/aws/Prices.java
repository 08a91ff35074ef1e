package io.datalakewlm.simulator.aws;

/**
 * AWS list prices in US East (N. Virginia), us-east-1, on-demand, without free tiers, as published
 * on the pricing pages when this was written; check them before quoting a figure to anyone:
 * <ul>
 *   <li>AWS Glue (https://aws.amazon.com/glue/pricing/): ETL jobs and crawlers $0.44 per
 *       DPU-hour, billed per second; Glue 2.0 and later jobs have a 1-minute minimum (0.9 and
 *       1.0: 10 minutes); each crawler run has a 10-minute minimum.</li>
 *   <li>AWS Step Functions (https://aws.amazon.com/step-functions/pricing/): Standard workflows
 *       $0.025 per 1,000 state transitions; Express workflows $1.00 per million requests plus
 *       $0.00001667 per GB-second of duration (the first tier, 1,000 GB-hours a month; later tiers
 *       are cheaper), the duration rounded up to 100 ms and the memory billed in 64 MB chunks.</li>
 *   <li>Amazon DynamoDB (https://aws.amazon.com/dynamodb/pricing/on-demand/): on-demand $0.625
 *       per million write request units and $0.125 per million read request units (the prices
 *       since the reduction of November 2024).</li>
 * </ul>
 * StartExecution, StartJobRun, StartCrawler and AssociateKmsKey calls are not billed per call.
 */
public final class Prices {
  public static final double GLUE_USD_PER_DPU_HOUR = 0.44;
  public static final double GLUE_CRAWLER_USD_PER_DPU_HOUR = 0.44;
  /** Billing minimum of a Glue 2.0+ job run, in seconds. */
  public static final long GLUE_JOB_MINIMUM_SECONDS = 60;
  /** Billing minimum of a Glue 0.9 or 1.0 job run, in seconds. */
  public static final long GLUE_LEGACY_JOB_MINIMUM_SECONDS = 600;
  /** Billing minimum of one crawler run, in seconds. */
  public static final long GLUE_CRAWLER_MINIMUM_SECONDS = 600;
  public static final double SFN_USD_PER_STATE_TRANSITION = 0.025 / 1_000;
  public static final double SFN_EXPRESS_USD_PER_REQUEST = 1.00 / 1_000_000;
  public static final double SFN_EXPRESS_USD_PER_GB_SECOND = 0.00001667;
  /** The Express duration's billing step, in milliseconds. */
  public static final long SFN_EXPRESS_BILLING_STEP_MILLIS = 100;
  /** The Express memory's billing chunk, in GB (64 MB). */
  public static final double SFN_EXPRESS_MEMORY_CHUNK_GB = 64.0 / 1024;
  public static final double DYNAMODB_USD_PER_WRITE_REQUEST_UNIT = 0.625 / 1_000_000;
  public static final double DYNAMODB_USD_PER_READ_REQUEST_UNIT = 0.125 / 1_000_000;

  private Prices() {}

  /** The price in US dollars of {@code quantity} of {@code unit}. */
  public static double usd(CostUnit unit, double quantity) {
    return quantity * switch (unit) {
      case GLUE_JOB_DPU_SECONDS -> GLUE_USD_PER_DPU_HOUR / 3600;
      case GLUE_CRAWLER_DPU_SECONDS -> GLUE_CRAWLER_USD_PER_DPU_HOUR / 3600;
      case SFN_STATE_TRANSITIONS -> SFN_USD_PER_STATE_TRANSITION;
      case SFN_EXPRESS_REQUESTS -> SFN_EXPRESS_USD_PER_REQUEST;
      case SFN_EXPRESS_GB_SECONDS -> SFN_EXPRESS_USD_PER_GB_SECOND;
      case DYNAMODB_WRITE_REQUEST_UNITS -> DYNAMODB_USD_PER_WRITE_REQUEST_UNIT;
      case DYNAMODB_READ_REQUEST_UNITS -> DYNAMODB_USD_PER_READ_REQUEST_UNIT;
    };
  }

  /** Seconds billed for a run of {@code elapsedMillis}: rounded up to the second, at least the minimum. */
  public static long billedSeconds(long elapsedMillis, long minimumSeconds) {
    long seconds = (Math.max(0, elapsedMillis) + 999) / 1000;
    return Math.max(seconds, minimumSeconds);
  }
}
