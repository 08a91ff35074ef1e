package io.datalakewlm.local.protocol;

import java.util.Objects;

/**
 * A refused request: answered with the error's HTTP status and the body
 * {@code {"__type": …, "message": …}}, plus {@code resourceName} for the errors whose model has
 * it ({@code ResourceNotFound}, {@code TooManyTags}). Carries no stack trace: it is an answer, not
 * a bug.
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final String resourceName;

  public ApiException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /** @param resourceName the resource the error names, or {@code null} */
  public ApiException(ErrorCode code, String message, String resourceName) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.resourceName = resourceName;
  }

  public ErrorCode code() {
    return code;
  }

  /** The {@code resourceName} member of the error body, or {@code null}. */
  public String resourceName() {
    return resourceName;
  }
}
