package io.datalakewlm.asl;

/**
 * An error raised while a state runs, carrying the States Language error name (for example
 * {@code States.TaskFailed} or a custom {@code Wlm.NoSlot}) and a human-readable cause.
 *
 * <p>Retriers and catchers match on {@link #error()}; the cause becomes the {@code Cause} field of
 * the error output and of the execution's failure, so it should say what went wrong in the terms
 * of the definition (state, path, value) rather than in Java's terms.
 *
 * <p>A failure of the runtime itself (a path that selects nothing, a value of the wrong kind) is
 * raised {@linkplain #unplaced() unplaced} by code that does not know which state it serves; the
 * state that catches it {@linkplain #placedIn places} it, which puts AWS's {@code An error
 * occurred while executing the state …} in front of the cause. Errors of tasks and Fail states are
 * never placed, as on AWS.
 */
public final class StatesError extends RuntimeException {
  private final String error;
  private final String cause;
  private final boolean unplaced;

  public StatesError(String error, String cause) {
    this(error, cause, false);
  }

  StatesError(String error, String cause, boolean unplaced) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.cause = cause;
    this.unplaced = unplaced;
  }

  public String error() {
    return error;
  }

  public String cause() {
    return cause;
  }

  /** Whether this is a runtime failure whose cause does not name its state yet. */
  public boolean unplaced() {
    return unplaced;
  }

  /**
   * This error as the state {@code stateName}, entered at event {@code enteredEventId}, reports
   * it: a runtime failure gets AWS's state prefix, any other error stays as it is.
   */
  public StatesError placedIn(String stateName, long enteredEventId) {
    return unplaced ? new StatesError(error, FailureCauses.inState(stateName, enteredEventId, cause)) : this;
  }
}
