package io.datalakewlm.workers.failure;

/**
 * The calling execution was reaped (reported FAILED, TIMED_OUT or ABORTED and cleaned up): what it
 * asks for now would be held by nobody, so it is refused and it must stop ({@code Wlm.ExecutionReaped}).
 */
public final class ExecutionReaped extends WorkerFailure {

  private final String executionId;

  public ExecutionReaped(String executionId, String message) {
    super(message);
    this.executionId = executionId;
  }

  public String executionId() {
    return executionId;
  }

  @Override
  public String errorName() {
    return "Wlm.ExecutionReaped";
  }
}
