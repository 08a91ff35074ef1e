package io.datalakewlm.workers.poller;

import java.util.Objects;

/**
 * A refused or failed call to the activity API, sorted by what the poller should do about it
 * ({@link Kind}). {@code code} is the service's error code (e.g. {@code TaskTimedOut},
 * {@code ThrottlingException}) or the client-side exception's name.
 */
public final class ActivityApiException extends RuntimeException {

  /** What a failed call means for the caller. */
  public enum Kind {
    /** The task no longer exists for Step Functions (timed out, closed, unknown token): drop its result. */
    TASK_GONE,
    /** Throttling, a 5xx answer, a network failure or a timeout: try again after a pause. */
    RETRYABLE,
    /** SendTaskSuccess refused the output (not JSON, too large): report a failure instead. */
    INVALID_OUTPUT,
    /** Anything else (no such activity, access denied, invalid request): retrying soon will not help. */
    REFUSED
  }

  private final Kind kind;
  private final String code;

  public ActivityApiException(Kind kind, String code, String message, Throwable origin) {
    super(code + ": " + message, origin);
    this.kind = Objects.requireNonNull(kind);
    this.code = Objects.requireNonNull(code);
  }

  public ActivityApiException(Kind kind, String code, String message) {
    this(kind, code, message, null);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }
}
