package io.datalakewlm.asl;

/**
 * The predefined error names of the States Language, as AWS spells them.
 *
 * <p>Matching follows the AWS error-handling guide: {@code States.Runtime} is never retried or
 * caught; {@code States.ALL} matches everything else except {@code States.DataLimitExceeded};
 * {@code States.TaskFailed} matches every error except timeouts; a heartbeat timeout is also a
 * {@code States.Timeout}.
 */
public final class ErrorNames {
  public static final String ALL = "States.ALL";
  public static final String BRANCH_FAILED = "States.BranchFailed";
  public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
  public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
  public static final String PERMISSIONS = "States.Permissions";
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
  public static final String RUNTIME = "States.Runtime";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String TIMEOUT = "States.Timeout";

  private ErrorNames() {}

  /** Whether an {@code ErrorEquals} entry matches an error raised by a state. */
  public static boolean matches(String pattern, String error) {
    if (RUNTIME.equals(error)) {
      return false;
    }
    if (pattern.equals(error)) {
      return true;
    }
    return switch (pattern) {
      case ALL -> !DATA_LIMIT_EXCEEDED.equals(error);
      case TASK_FAILED -> !isTimeout(error) && !DATA_LIMIT_EXCEEDED.equals(error);
      case TIMEOUT -> HEARTBEAT_TIMEOUT.equals(error);
      default -> false;
    };
  }

  private static boolean isTimeout(String error) {
    return TIMEOUT.equals(error) || HEARTBEAT_TIMEOUT.equals(error);
  }
}
