package io.datalakewlm.workers.poller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The activity API in memory: the twin the poller is tested against, with the service's rules
 * where the poller depends on them.
 * <ul>
 *   <li>A poll waits until a task of its activity is queued (each task goes to exactly one poll)
 *       or the poll window passes (60 s, as the service), then answers no task.</li>
 *   <li>A task is RUNNING from hand-out until its first success or failure; any later report,
 *       and any heartbeat or report of a task timed out with {@link #timeOut}, answers
 *       {@code TaskTimedOut}; an unknown token answers {@code TaskDoesNotExist}.</li>
 *   <li>Success output must be JSON of at most 256 KiB ({@code InvalidOutput}); a failure's
 *       error at most 256 characters and its cause at most 32,768 (a validation error).</li>
 * </ul>
 * Every call is recorded (refused ones too), and tests wait for what they expect with the
 * {@code await...} methods instead of sleeping. Faults are injected per operation with
 * {@link #failNext}. {@link #endPolling()} answers every waiting and later poll at once, like
 * a poll window that has passed.
 */
public final class InMemoryActivityApi implements ActivityApi, ActivityDirectory {

  /** The operations, for fault injection and the call record. */
  public enum Operation { GET_ACTIVITY_TASK, SEND_TASK_SUCCESS, SEND_TASK_FAILURE, SEND_TASK_HEARTBEAT }

  /** How a task ended, as Step Functions saw it. */
  public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT }

  /**
   * One recorded call.
   *
   * @param refused the error code it was answered with, or null when accepted
   */
  public record Call(Operation operation, String activityArn, String taskToken, String workerName, String output,
                     String error, String cause, String refused) { }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT_PREFIX = "arn:aws:states:us-east-1:123456789012:activity:";

  private final Duration pollWindow;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Deque<Task>> queues = new HashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, Integer> waitingPolls = new HashMap<>();
  private final Map<String, String> activities = new LinkedHashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final Map<Operation, Deque<ActivityApiException>> faults = new EnumMap<>(Operation.class);
  private boolean pollingEnded;

  /** A twin whose polls wait up to 60 s, as the service's. */
  public InMemoryActivityApi() {
    this(Duration.ofSeconds(60));
  }

  public InMemoryActivityApi(Duration pollWindow) {
    this.pollWindow = pollWindow;
  }

  /** Creates an activity (idempotent per name), answering its ARN in a fixed test account and region. */
  public String createActivity(String name) {
    return locked(() -> activities.computeIfAbsent(name, n -> ACCOUNT_PREFIX + n));
  }

  @Override
  public Optional<String> activityArn(String name) {
    return locked(() -> Optional.ofNullable(activities.get(name)));
  }

  /** Schedules a task of an activity, as a Task state entered by an execution would; answers its token. */
  public String schedule(String activityArn, String input) {
    return locked(() -> {
      Task task = new Task(activityArn, "token-" + UUID.randomUUID(), input);
      tasks.put(task.token, task);
      queues.computeIfAbsent(activityArn, a -> new ArrayDeque<>()).add(task);
      changed.signalAll();
      return task.token;
    });
  }

  /** Makes Step Functions give up on a task (its TimeoutSeconds or HeartbeatSeconds passed). */
  public void timeOut(String token) {
    locked(() -> {
      task(token).status = Status.TIMED_OUT;
      changed.signalAll();
      return null;
    });
  }

  /** The next {@code times} calls of an operation fail with errors of this kind. */
  public void failNext(Operation operation, int times, ActivityApiException.Kind kind, String code) {
    locked(() -> {
      Deque<ActivityApiException> queue = faults.computeIfAbsent(operation, o -> new ArrayDeque<>());
      for (int i = 0; i < times; i++) {
        queue.add(new ActivityApiException(kind, code, "injected by the test"));
      }
      return null;
    });
  }

  /** Every waiting poll, and every poll from now on, answers no task at once. */
  public void endPolling() {
    locked(() -> {
      pollingEnded = true;
      changed.signalAll();
      return null;
    });
  }

  @Override
  public Optional<ActivityTask> getActivityTask(String activityArn, String workerName) {
    lock.lock();
    try {
      record(new Call(Operation.GET_ACTIVITY_TASK, activityArn, null, workerName, null, null, null, null),
          fault(Operation.GET_ACTIVITY_TASK));
      long left = pollWindow.toNanos();
      waitingPolls.merge(activityArn, 1, Integer::sum);
      changed.signalAll();
      try {
        while (true) {
          Deque<Task> queue = queues.get(activityArn);
          if (queue != null && !queue.isEmpty()) {
            Task task = queue.poll();
            task.status = Status.RUNNING;
            task.workerName = workerName;
            return Optional.of(new ActivityTask(activityArn, task.token, task.input));
          }
          if (pollingEnded || left <= 0) {
            return Optional.empty();
          }
          left = changed.awaitNanos(left);
        }
      } finally {
        waitingPolls.merge(activityArn, -1, Integer::sum);
        changed.signalAll();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActivityApiException(ActivityApiException.Kind.RETRYABLE, "Interrupted", "the poll was interrupted", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void sendTaskSuccess(String taskToken, String output) {
    locked(() -> {
      ActivityApiException refusal = firstOf(fault(Operation.SEND_TASK_SUCCESS), notRunning(taskToken));
      if (refusal == null && !isJson(output)) {
        refusal = new ActivityApiException(ActivityApiException.Kind.INVALID_OUTPUT, "InvalidOutput",
            "the output is not JSON");
      }
      if (refusal == null && output.getBytes(StandardCharsets.UTF_8).length > ActivityPoller.MAX_OUTPUT_BYTES) {
        refusal = new ActivityApiException(ActivityApiException.Kind.INVALID_OUTPUT, "InvalidOutput",
            "the output is over 256 KiB");
      }
      record(new Call(Operation.SEND_TASK_SUCCESS, null, taskToken, null, output, null, null, null), refusal);
      task(taskToken).close(Status.SUCCEEDED, output, null, null);
      return null;
    });
  }

  @Override
  public void sendTaskFailure(String taskToken, String error, String cause) {
    locked(() -> {
      ActivityApiException refusal = firstOf(fault(Operation.SEND_TASK_FAILURE), notRunning(taskToken));
      if (refusal == null && (error != null && error.length() > TaskFailure.MAX_ERROR
          || cause != null && cause.length() > TaskFailure.MAX_CAUSE)) {
        refusal = new ActivityApiException(ActivityApiException.Kind.REFUSED, "ValidationException",
            "error is limited to 256 characters and cause to 32768");
      }
      record(new Call(Operation.SEND_TASK_FAILURE, null, taskToken, null, null, error, cause, null), refusal);
      task(taskToken).close(Status.FAILED, null, error, cause);
      return null;
    });
  }

  @Override
  public void sendTaskHeartbeat(String taskToken) {
    locked(() -> {
      record(new Call(Operation.SEND_TASK_HEARTBEAT, null, taskToken, null, null, null, null, null),
          firstOf(fault(Operation.SEND_TASK_HEARTBEAT), notRunning(taskToken)));
      return null;
    });
  }

  /** A task's status now. */
  public Status status(String token) {
    return locked(() -> task(token).status);
  }

  /** The output a task succeeded with. */
  public String output(String token) {
    return locked(() -> task(token).output);
  }

  /** The error a task failed with. */
  public String error(String token) {
    return locked(() -> task(token).error);
  }

  /** The cause a task failed with. */
  public String cause(String token) {
    return locked(() -> task(token).cause);
  }

  /** The worker a task was handed to. */
  public String workerName(String token) {
    return locked(() -> task(token).workerName);
  }

  /** Accepted heartbeats of a task. */
  public int heartbeats(String token) {
    return locked(() -> (int) calls.stream().filter(c -> c.operation() == Operation.SEND_TASK_HEARTBEAT
        && token.equals(c.taskToken()) && c.refused() == null).count());
  }

  /** Every call so far, in order. */
  public List<Call> calls() {
    return locked(() -> List.copyOf(calls));
  }

  /** Calls about one task, in order. */
  public List<Call> calls(String token) {
    return locked(() -> calls.stream().filter(c -> token.equals(c.taskToken())).toList());
  }

  /** Polls of an activity waiting for a task now. */
  public int waitingPolls(String activityArn) {
    return locked(() -> waitingPolls.getOrDefault(activityArn, 0));
  }

  /** Tasks of an activity handed out and not yet reported. */
  public int running(String activityArn) {
    return locked(() -> (int) tasks.values().stream()
        .filter(t -> t.activityArn.equals(activityArn) && t.status == Status.RUNNING).count());
  }

  /** Waits until a task was reported (succeeded or failed); false on timeout. */
  public boolean awaitClosed(String token, Duration timeout) throws InterruptedException {
    return await(() -> {
      Status s = task(token).status;
      return s == Status.SUCCEEDED || s == Status.FAILED;
    }, timeout);
  }

  /** Waits until {@code count} polls of an activity wait at once; false on timeout. */
  public boolean awaitWaitingPolls(String activityArn, int count, Duration timeout) throws InterruptedException {
    return await(() -> waitingPolls.getOrDefault(activityArn, 0) >= count, timeout);
  }

  /** Waits until a task got {@code count} accepted heartbeats; false on timeout. */
  public boolean awaitHeartbeats(String token, int count, Duration timeout) throws InterruptedException {
    return await(() -> calls.stream().filter(c -> c.operation() == Operation.SEND_TASK_HEARTBEAT
        && token.equals(c.taskToken()) && c.refused() == null).count() >= count, timeout);
  }

  /** Waits until a heartbeat of a task was refused; false on timeout. */
  public boolean awaitRefusedHeartbeat(String token, Duration timeout) throws InterruptedException {
    return await(() -> calls.stream().anyMatch(c -> c.operation() == Operation.SEND_TASK_HEARTBEAT
        && token.equals(c.taskToken()) && c.refused() != null), timeout);
  }

  // Waits under the lock until the condition holds or the timeout passes.
  private boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long left = timeout.toNanos();
      while (!condition.getAsBoolean()) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  // Runs an action under the lock.
  private <T> T locked(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  // Records a call (with the code it was refused with, if any) and wakes the waiters; throws the refusal.
  private void record(Call call, ActivityApiException refusal) {
    calls.add(new Call(call.operation(), call.activityArn(), call.taskToken(), call.workerName(), call.output(),
        call.error(), call.cause(), refusal == null ? null : refusal.code()));
    changed.signalAll();
    if (refusal != null) {
      throw refusal;
    }
  }

  // The injected fault for the next call of an operation, if any.
  private ActivityApiException fault(Operation operation) {
    Deque<ActivityApiException> queue = faults.get(operation);
    return queue == null ? null : queue.poll();
  }

  // Why a call about this token is refused, or null when its task is running.
  private ActivityApiException notRunning(String token) {
    Task task = tasks.get(token);
    if (task == null) {
      return new ActivityApiException(ActivityApiException.Kind.TASK_GONE, "TaskDoesNotExist",
          "no task has the token " + token);
    }
    if (task.status != Status.RUNNING) {
      return new ActivityApiException(ActivityApiException.Kind.TASK_GONE, "TaskTimedOut",
          "Provided task does not exist anymore");
    }
    return null;
  }

  private static ActivityApiException firstOf(ActivityApiException a, ActivityApiException b) {
    return a != null ? a : b;
  }

  private Task task(String token) {
    Task task = tasks.get(token);
    if (task == null) {
      throw new IllegalArgumentException("no task has the token " + token);
    }
    return task;
  }

  private static boolean isJson(String text) {
    try {
      JSON.readTree(text);
      return text != null && !text.isBlank();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** One scheduled task. */
  private static final class Task {
    final String activityArn;
    final String token;
    final String input;
    Status status = Status.QUEUED;
    String workerName;
    String output;
    String error;
    String cause;

    Task(String activityArn, String token, String input) {
      this.activityArn = activityArn;
      this.token = token;
      this.input = input;
    }

    void close(Status to, String output, String error, String cause) {
      this.status = to;
      this.output = output;
      this.error = error;
      this.cause = cause;
    }
  }
}
