package io.datalakewlm.local.protocol;

import java.util.Objects;

/**
 * A refused request: answered with the error's HTTP status and the body
 * {@code {"__type": …, "message": …}}. Carries no stack trace: it is an answer, not a bug.
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;

  public ApiException(ErrorCode code, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
