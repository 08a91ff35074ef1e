package io.datalakewlm.local.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.task.TaskCall;
import io.datalakewlm.asl.task.TaskHandler;
import io.datalakewlm.local.protocol.ErrorCode;
import io.datalakewlm.local.protocol.Operation;
import io.datalakewlm.local.protocol.Request;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The activity actions: CreateActivity, DescribeActivity, ListActivities, DeleteActivity, the
 * worker's long poll GetActivityTask, and the task answers SendTaskSuccess, SendTaskFailure and
 * SendTaskHeartbeat (which also answer {@code .waitForTaskToken} tasks).
 *
 * <p>A Task state whose resource is an activity ARN puts its attempt on the activity's queue
 * ({@link ActivityRecord}); GetActivityTask takes it, or waits up to the poll timeout (AWS: 60 s
 * of wall time, whatever the time scale, because it is a network wait) and then answers no task
 * (no {@code taskToken}). An answer for a task token the runtime no longer holds open (timed out,
 * heartbeat missed, execution stopped, already answered) is {@code TaskTimedOut}; a token the
 * endpoint never issued is {@code InvalidToken}. Timeouts and heartbeats are the runtime's, in
 * its scaled time.
 */
final class ActivityOperations {
  /** The shape of the task tokens the runtime issues: a UUID and 32 hexadecimal digits. */
  private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[0-9a-f]{32}");
  private static final long POLL_WAIT_MARGIN_SECONDS = 30;

  private final Account account;
  private final Duration pollTimeout;
  private final ScheduledExecutorService timers;

  /**
   * @param pollTimeout how long GetActivityTask waits for a task (60 s on AWS)
   * @param timers wall-clock timers for the poll timeouts
   */
  ActivityOperations(Account account, Duration pollTimeout, ScheduledExecutorService timers) {
    this.account = account;
    this.pollTimeout = pollTimeout;
    this.timers = timers;
    account.integrations.activities(this::handlerOf);
  }

  void register(Map<String, Operation> operations) {
    operations.put("CreateActivity", this::create);
    operations.put("DescribeActivity", this::describe);
    operations.put("ListActivities", this::list);
    operations.put("DeleteActivity", this::delete);
    operations.put("GetActivityTask", this::getActivityTask);
    operations.put("SendTaskSuccess", this::sendTaskSuccess);
    operations.put("SendTaskFailure", this::sendTaskFailure);
    operations.put("SendTaskHeartbeat", this::sendTaskHeartbeat);
  }

  /** Ends every waiting poll with no task (the endpoint is stopping). */
  void releasePolls() {
    account.activities.values().forEach(ActivityRecord::releasePolls);
  }

  // The task handler of an activity ARN: queue the attempt for a worker (null: no such activity).
  private TaskHandler handlerOf(String arn) {
    ActivityRecord activity = account.activities.get(arn);
    return activity == null ? null : activity::offer;
  }

  // CreateActivity: idempotent by name; a repeat keeps the first call's tags, as on AWS.
  private JsonNode create(Request request) {
    String name = request.requiredString("name", 1, Arns.MAX_NAME);
    Map<String, String> tags = Tags.read(request, false);
    request.validate();
    Arns.checkName(name);
    return account.loop.call(() -> {
      String arn = account.arns.activity(name);
      ActivityRecord record = account.activities.get(arn);
      if (record == null) {
        record = new ActivityRecord(name, arn, account.nowMillis(), account.nextSequence());
        Tags.add(record.tags, tags, arn);
        account.activities.put(arn, record);
      }
      ObjectNode response = account.empty();
      response.put("activityArn", record.arn);
      response.put("creationDate", Account.epochSeconds(record.createdMillis));
      return response;
    });
  }

  // DescribeActivity.
  private JsonNode describe(Request request) {
    String arn = request.requiredString("activityArn", 1, Arns.MAX_ARN);
    request.validate();
    return account.loop.call(() -> {
      ActivityRecord record = account.activity(arn);
      ObjectNode response = account.empty();
      response.put("activityArn", record.arn);
      response.put("name", record.name);
      response.put("creationDate", Account.epochSeconds(record.createdMillis));
      return response;
    });
  }

  // ListActivities, in creation order, paged by creation sequence.
  private JsonNode list(Request request) {
    CreationOrderPage page = CreationOrderPage.of(request, "ListActivities");
    return account.loop.call(() -> page.fill(account.empty(), "activities", account.activities.values(),
        record -> record.sequence, (record, item) -> {
          item.put("activityArn", record.arn);
          item.put("name", record.name);
          item.put("creationDate", Account.epochSeconds(record.createdMillis));
        }));
  }

  // DeleteActivity: succeeds for an unknown activity; its waiting polls end without a task.
  private JsonNode delete(Request request) {
    String arn = request.requiredString("activityArn", 1, Arns.MAX_ARN);
    request.validate();
    return account.loop.call(() -> {
      Arns.parse(arn, "activity", 1);
      ActivityRecord record = account.activities.remove(arn);
      if (record != null) {
        record.releasePolls();
      }
      return account.empty();
    });
  }

  // GetActivityTask: a task at once, or the wait of a long poll (the HTTP thread blocks).
  private JsonNode getActivityTask(Request request) {
    String arn = request.requiredString("activityArn", 1, Arns.MAX_ARN);
    String workerName = request.optionalString("workerName", 1, Arns.MAX_NAME);
    request.validate();
    CompletableFuture<JsonNode> answer = account.loop.call(() -> {
      ActivityRecord activity = account.activity(arn);
      ActivityRecord.Poll poll = activity.poll(workerName);
      if (!poll.answer.isDone()) {
        timers.schedule(() -> account.loop.post(() -> activity.expire(poll)), pollTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
      }
      return poll.answer;
    });
    return RuntimeLoop.await(answer, pollTimeout.toSeconds() + POLL_WAIT_MARGIN_SECONDS);
  }

  // SendTaskSuccess: the output must be JSON.
  private JsonNode sendTaskSuccess(Request request) {
    String token = request.requiredString("taskToken", 1, 2048);
    String output = request.payload("output", true, 0, ExecutionOperations.MAX_PAYLOAD);
    request.validate();
    JsonNode result;
    try {
      result = account.json.readTree(output);
    } catch (JsonProcessingException e) {
      throw ErrorCode.INVALID_OUTPUT.exception("Invalid Output: '" + e.getOriginalMessage() + "'");
    }
    if (result == null || result.isMissingNode()) {
      throw ErrorCode.INVALID_OUTPUT.exception("Invalid Output: 'Empty output'");
    }
    return account.loop.call(() -> {
      openTask(token).succeed(result);
      return account.empty();
    });
  }

  // SendTaskFailure: the state's Retry and Catch match the error.
  private JsonNode sendTaskFailure(Request request) {
    String token = request.requiredString("taskToken", 1, 2048);
    String error = request.payload("error", false, 0, 256);
    String cause = request.payload("cause", false, 0, 32_768);
    request.validate();
    return account.loop.call(() -> {
      openTask(token).fail(error, cause);
      return account.empty();
    });
  }

  // SendTaskHeartbeat: restarts the HeartbeatSeconds clock of a started task.
  private JsonNode sendTaskHeartbeat(Request request) {
    String token = request.requiredString("taskToken", 1, 2048);
    request.validate();
    return account.loop.call(() -> {
      openTask(token).heartbeat();
      return account.empty();
    });
  }

  // The open task of a token; TaskTimedOut when it is gone, InvalidToken when it never existed.
  private TaskCall openTask(String token) {
    if (!TOKEN.matcher(token).matches()) {
      throw ErrorCode.INVALID_TOKEN.exception("Invalid Token: 'Provided task token is not valid'");
    }
    TaskCall call = account.runtime.task(token);
    if (call == null || !call.isOpen()) {
      throw ErrorCode.TASK_TIMED_OUT.exception("Task Timed Out: 'Provided task does not exist anymore'");
    }
    return call;
  }
}
