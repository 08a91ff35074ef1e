package io.datalakewlm.workers.poller;

import java.util.Objects;

/**
 * One task handed to this worker by GetActivityTask: the activity it belongs to, the token that
 * every report about it carries, and its input as the state machine rendered it (JSON text).
 */
public record ActivityTask(String activityArn, String taskToken, String input) {
  public ActivityTask {
    Objects.requireNonNull(activityArn);
    Objects.requireNonNull(taskToken);
    if (taskToken.isEmpty()) {
      throw new IllegalArgumentException("a task needs a token (an empty token means no task)");
    }
    input = input == null ? "{}" : input;
  }
}
