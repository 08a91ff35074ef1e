package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.task.TaskCall;
import io.datalakewlm.local.protocol.ErrorCode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An activity and its hand-over point between executions and workers: tasks scheduled while no
 * worker polls wait in a queue, in order; polls that find no task wait (up to the poll timeout) for
 * the next one. A task goes to exactly one poll, which then counts as the worker that started it
 * ({@code ActivityStarted} with its {@code workerName}). A task that timed out or whose execution
 * stopped while queued is skipped. Touched only on the runtime loop.
 *
 * <p>Caveat, as on AWS: a task handed to a worker that has just died is lost to that worker; the
 * state's {@code TimeoutSeconds} or {@code HeartbeatSeconds} is what gets it back.
 */
final class ActivityRecord {
  /** AWS's limit of concurrent GetActivityTask polls per activity. */
  static final int MAX_POLLS = 1000;

  final String name;
  final String arn;
  final long createdMillis;
  final long sequence;
  /** Tag key → value, in the order keys were first set. */
  final Map<String, String> tags = new LinkedHashMap<>();
  private final Deque<TaskCall> tasks = new ArrayDeque<>();
  private final Deque<Poll> polls = new ArrayDeque<>();

  /** A waiting GetActivityTask: completes with the response body. */
  static final class Poll {
    final String workerName;
    final CompletableFuture<JsonNode> answer = new CompletableFuture<>();

    Poll(String workerName) {
      this.workerName = workerName;
    }
  }

  ActivityRecord(String name, String arn, long createdMillis, long sequence) {
    this.name = name;
    this.arn = arn;
    this.createdMillis = createdMillis;
    this.sequence = sequence;
  }

  /** A task was scheduled: give it to the oldest waiting poll, or queue it. */
  void offer(TaskCall call) {
    Poll poll = polls.pollFirst();
    if (poll != null) {
      deliver(call, poll);
    } else {
      tasks.addLast(call);
    }
  }

  /** A worker polls: answer at once with the oldest open task, or wait. */
  Poll poll(String workerName) {
    Poll poll = new Poll(workerName);
    TaskCall call = nextOpenTask();
    if (call != null) {
      deliver(call, poll);
      return poll;
    }
    if (polls.size() >= MAX_POLLS) {
      throw ErrorCode.ACTIVITY_WORKER_LIMIT_EXCEEDED.exception("The maximum number of workers concurrently polling for "
          + "activity tasks (" + MAX_POLLS + ") has been reached: '" + arn + "'");
    }
    polls.addLast(poll);
    return poll;
  }

  /** The poll timed out: answer it with no task, unless a task reached it first. */
  void expire(Poll poll) {
    if (polls.remove(poll)) {
      poll.answer.complete(JsonNodeFactory.instance.objectNode());
    }
  }

  /** Ends every waiting poll with no task (the activity was deleted or the endpoint stops). */
  void releasePolls() {
    Poll poll;
    while ((poll = polls.pollFirst()) != null) {
      poll.answer.complete(JsonNodeFactory.instance.objectNode());
    }
  }

  /** Tasks waiting for a worker (open ones only). */
  int queuedTasks() {
    tasks.removeIf(call -> !call.isOpen());
    return tasks.size();
  }

  // The oldest queued task still open; closed ones (timed out, stopped) are dropped.
  private TaskCall nextOpenTask() {
    Iterator<TaskCall> iterator = tasks.iterator();
    while (iterator.hasNext()) {
      TaskCall call = iterator.next();
      iterator.remove();
      if (call.isOpen()) {
        return call;
      }
    }
    return null;
  }

  // Hands a task to a poll: the worker has started it.
  private static void deliver(TaskCall call, Poll poll) {
    call.started(poll.workerName);
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("taskToken", call.taskToken());
    answer.put("input", call.input().toString());
    poll.answer.complete(answer);
  }
}
