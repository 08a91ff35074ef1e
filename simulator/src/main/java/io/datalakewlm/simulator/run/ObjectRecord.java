package io.datalakewlm.simulator.run;

/**
 * One arrived object through one strategy.
 *
 * @param priority the priority level of its dataset (1 most urgent)
 * @param startedMillis when the Glue job run that landed it (or its last attempt) started, or -1
 * @param landedMillis when that job run succeeded, or -1
 * @param attempts how many job runs were started for it
 * @param reason for FAILED and LOST objects, the error that ended them; else null
 */
public record ObjectRecord(
    String key,
    String source,
    String dataset,
    int priority,
    long arrivedMillis,
    long startedMillis,
    long landedMillis,
    int attempts,
    ObjectOutcome outcome,
    String reason) {

  /** Seconds from arrival to the start of the run that landed it, or -1 when it did not land. */
  public double waitSeconds() {
    return outcome == ObjectOutcome.COMPLETED && startedMillis >= 0 ? (startedMillis - arrivedMillis) / 1000.0 : -1;
  }
}
