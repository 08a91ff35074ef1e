package io.datalakewlm.workers.failure;

/**
 * A failure the domain knows and names: the only exceptions a handler's logic raises on purpose.
 * The task runner reports each kind under its stable error name (the names the state machines'
 * Retry and Catch match); anything else a handler throws is a bug and is reported as
 * {@code Wlm.WorkerError}, never retried as if it were contention.
 */
public abstract sealed class WorkerFailure extends RuntimeException
    permits Contention, InvalidValue, ExecutionReaped, LeaseLost {

  WorkerFailure(String message) {
    super(message);
  }

  WorkerFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** The error name Step Functions sees. */
  public abstract String errorName();
}
