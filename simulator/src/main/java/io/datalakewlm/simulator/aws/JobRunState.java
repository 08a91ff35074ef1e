package io.datalakewlm.simulator.aws;

/** The states of a Glue job run, as {@code GetJobRun} reports them. */
public enum JobRunState {
  STARTING,
  RUNNING,
  STOPPING,
  STOPPED,
  SUCCEEDED,
  FAILED,
  TIMEOUT,
  ERROR,
  WAITING;

  /** Whether the run is over (no state follows). */
  public boolean isTerminal() {
    return this == STOPPED || this == SUCCEEDED || this == FAILED || this == TIMEOUT || this == ERROR;
  }
}
