package io.datalakewlm.workers.failure;

/**
 * A value the domain refuses, from a task's input or from a config the caller passed: the cause
 * names the value and the fix; retrying with the same input cannot help ({@code Wlm.InvalidInput}).
 */
public final class InvalidValue extends WorkerFailure {

  public InvalidValue(String message) {
    super(message);
  }

  public InvalidValue(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String errorName() {
    return "Wlm.InvalidInput";
  }
}
