package io.datalakewlm.workers.handler;

import java.util.Objects;

/**
 * A handler's failure as Step Functions sees it: {@code error} (e.g. {@code Wlm.NoSlot}) and
 * {@code cause}. The activity poller reports both with SendTaskFailure.
 */
public final class ActivityException extends RuntimeException {

  private final String error;

  public ActivityException(String error, String cause) {
    this(error, cause, null);
  }

  public ActivityException(String error, String cause, Throwable origin) {
    super(cause, origin);
    this.error = Objects.requireNonNull(error);
  }

  /** The error name, one of {@link ErrorNames}. */
  public String error() {
    return error;
  }

  /** The human-readable cause. */
  public String cause() {
    return getMessage();
  }
}
