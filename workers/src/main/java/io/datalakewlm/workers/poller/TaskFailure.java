package io.datalakewlm.workers.poller;

import io.datalakewlm.workers.handler.ActivityException;
import io.datalakewlm.workers.handler.ErrorNames;
import io.datalakewlm.workers.handler.TaskRunner;
import java.util.Objects;

/**
 * The error name and cause a failed task is reported with (SendTaskFailure), cut to the API's
 * limits: 256 characters of error, 32,768 of cause. A cut never splits a surrogate pair, and a
 * cut cause ends with a marker saying so.
 *
 * <p>A handler's {@link ActivityException} keeps its own error name. Any other exception is a bug
 * or an outage the handler did not map: it becomes {@link ErrorNames#WORKER_ERROR} (one stable
 * name that a state machine can Catch without knowing Java class names), and the cause names the
 * exception class and message and those of its causes, never a stack trace.
 */
public record TaskFailure(String error, String cause) {

  /** SendTaskFailure's limit on {@code error}. */
  public static final int MAX_ERROR = 256;
  /** SendTaskFailure's limit on {@code cause}. */
  public static final int MAX_CAUSE = 32_768;
  private static final String CUT = " ...(truncated)";

  public TaskFailure {
    Objects.requireNonNull(error);
    Objects.requireNonNull(cause);
    error = cut(error, MAX_ERROR, "");
    cause = cut(cause, MAX_CAUSE, CUT);
  }

  /** The failure a handler's exception is reported as. */
  public static TaskFailure of(Throwable thrown) {
    if (thrown instanceof ActivityException activity) {
      return new TaskFailure(activity.error(), activity.cause() == null ? "" : activity.cause());
    }
    return new TaskFailure(ErrorNames.WORKER_ERROR, TaskRunner.describe(thrown));
  }

  // Cuts text to max characters, ending with marker when cut, without splitting a surrogate pair.
  static String cut(String text, int max, String marker) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - marker.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + marker;
  }
}
