package io.datalakewlm.asl;

/**
 * An error raised while a state runs, carrying the States Language error name (for example
 * {@code States.TaskFailed} or a custom {@code Wlm.NoSlot}) and a human-readable cause.
 *
 * <p>Retriers and catchers match on {@link #error()}; the cause becomes the {@code Cause} field of
 * the error output and of the execution's failure, so it should say what went wrong in the terms
 * of the definition (state, path, value) rather than in Java's terms.
 */
public final class StatesError extends RuntimeException {
  private final String error;
  private final String cause;

  public StatesError(String error, String cause) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.cause = cause;
  }

  public String error() {
    return error;
  }

  public String cause() {
    return cause;
  }
}
