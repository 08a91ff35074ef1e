package io.datalakewlm.workers.poller;

import java.util.Optional;

/**
 * The four calls of the Step Functions activity protocol that a worker makes. Implemented over
 * the AWS SDK ({@link SfnActivityApi}) and in memory ({@link InMemoryActivityApi}, the twin the
 * poller's tests run against). Every method reports a failure as an {@link ActivityApiException}
 * whose kind tells the caller whether to retry, drop or give up.
 */
public interface ActivityApi extends AutoCloseable {

  /**
   * Long-polls an activity for a task: the service holds the call up to 60 seconds and answers
   * as soon as a task is scheduled.
   *
   * @param workerName recorded in the execution history as the worker the task went to
   * @return empty when the poll ended without a task (the service's empty token)
   */
  Optional<ActivityTask> getActivityTask(String activityArn, String workerName);

  /** Reports a task's result: {@code output} is JSON text. */
  void sendTaskSuccess(String taskToken, String output);

  /** Reports a task's failure; the state machine's Retry and Catch match {@code error}. */
  void sendTaskFailure(String taskToken, String error, String cause);

  /** Tells Step Functions the task is still being worked on (resets its HeartbeatSeconds clock). */
  void sendTaskHeartbeat(String taskToken);

  /** Releases the client's connections; the default owns none. */
  @Override
  default void close() {
  }
}
