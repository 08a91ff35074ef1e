package io.datalakewlm.simulator.run;

/** How an arrived object ended, at the end of a strategy's run. */
public enum ObjectOutcome {
  /** Its Glue job run succeeded: the data landed. */
  COMPLETED,
  /** Its pipeline gave up on it (a failed execution, or dead-lettered after its attempts). */
  FAILED,
  /** Nothing will ever process it and nothing says so: dropped before its pipeline started. */
  LOST,
  /** Still waiting or running when the horizon came. */
  UNFINISHED
}
