package io.datalakewlm.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.time.Timer;
import java.time.Instant;

/**
 * One attempt of a Task state, as its handler sees it. Answer it exactly once with
 * {@link #succeed} or {@link #fail}; later answers, and answers after the task timed out or the
 * execution stopped, are ignored (as Step Functions ignores a late {@code SendTaskSuccess}). The
 * answering methods may be called from any thread: they are handed to the runtime's loop.
 */
public interface TaskCall {
  /** The resource ARN as written in the state (with any {@code .sync} suffix). */
  String resource();

  /** The effective input: the state input after {@code InputPath} and {@code Parameters}. */
  JsonNode input();

  /** The task token of this attempt (also in the context object as {@code $$.Task.Token}). */
  String taskToken();

  /** The context object {@code $$} as the state saw it. */
  JsonNode context();

  String executionArn();

  String stateName();

  /** 0 for the first attempt, then 1, 2 … for retries. */
  int retryCount();

  /** The runtime's present (virtual or wall). */
  Instant now();

  /**
   * Marks an activity as picked up by a worker ({@code ActivityStarted} in the history). Handlers
   * that are not activities need not call it.
   */
  void started(String workerName);

  /**
   * Records that a {@code .sync} integration's request was accepted ({@code TaskSubmitted}), for
   * example a Glue job run id; the task stays open until {@link #succeed} or {@link #fail}.
   */
  void submitted(JsonNode response);

  void succeed(JsonNode output);

  void fail(String error, String cause);

  /** Resets the heartbeat timer of a state that has {@code HeartbeatSeconds}. */
  void heartbeat();

  /** Whether an answer is still expected (not yet answered, timed out or cancelled). */
  boolean isOpen();

  /** Runs {@code action} on the runtime's loop after {@code delayMillis} of runtime time. */
  Timer after(long delayMillis, Runnable action);

  /**
   * Registers {@code action} to run when the task closes without an answer from the handler
   * (timeout, heartbeat timeout, execution stopped, sibling branch failed).
   */
  void onCancel(Runnable action);
}
