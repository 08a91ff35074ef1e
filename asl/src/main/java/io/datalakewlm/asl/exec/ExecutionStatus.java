package io.datalakewlm.asl.exec;

/** The status of an execution, as {@code DescribeExecution} reports it. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED;

  public boolean isFinal() {
    return this != RUNNING;
  }
}
