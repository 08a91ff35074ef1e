package io.datalakewlm.simulator.aws;

/**
 * The billable quantities the emulated account accumulates; {@link Prices} turns them into
 * dollars. Quantities are already rounded the way AWS bills them (per-second billing, minimum
 * durations), so a report can show both the usage and its price.
 */
public enum CostUnit {
  /** Glue ETL job runs: DPUs × billed seconds (per second, with the job's minimum). */
  GLUE_JOB_DPU_SECONDS,
  /** Glue crawler runs: DPUs × billed seconds (per second, 10-minute minimum per crawl). */
  GLUE_CRAWLER_DPU_SECONDS,
  /** Step Functions Standard state transitions. */
  SFN_STATE_TRANSITIONS,
  /** Step Functions Express executions (requests). */
  SFN_EXPRESS_REQUESTS,
  /** Step Functions Express duration: GB (64 MB chunks) × seconds billed (rounded up to 100 ms). */
  SFN_EXPRESS_GB_SECONDS,
  /** DynamoDB on-demand write request units. */
  DYNAMODB_WRITE_REQUEST_UNITS,
  /** DynamoDB on-demand read request units. */
  DYNAMODB_READ_REQUEST_UNITS
}
