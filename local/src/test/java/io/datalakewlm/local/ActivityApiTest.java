package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.CreateActivityResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * Activities and their tasks: CreateActivity, DescribeActivity, ListActivities, DeleteActivity,
 * GetActivityTask, SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat — the worker's side of the
 * protocol, exercised with the SDK client as a worker uses it.
 */
class ActivityApiTest {
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private static LocalEndpoint local;
  private static SfnClient sfn;

  @BeforeAll
  static void start() {
    local = LocalEndpoint.start(100);
    sfn = local.sfn;
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  // A state machine with one activity task, its Task fields given as JSON members.
  static String activityMachine(SfnClient sfn, String name, String activityArn, String taskFields) {
    String definition = "{\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Task\",\"Resource\":\"" + activityArn
        + "\"" + taskFields + ",\"End\":true}}}";
    return ExecutionApiTest.create(sfn, name, definition, StateMachineType.STANDARD);
  }

  // Polls until a task comes (each poll ends after the endpoint's 1 s poll timeout).
  static GetActivityTaskResponse takeTask(SfnClient sfn, String activityArn, String worker) {
    return LocalEndpoint.await(() -> sfn.getActivityTask(b -> b.activityArn(activityArn).workerName(worker)),
        response -> response.taskToken() != null, DEADLINE, "a task of " + activityArn);
  }

  @Test
  void activitiesAreCreatedOnceDescribedListedAndDeleted() {
    CreateActivityResponse created = sfn.createActivity(b -> b.name("lifecycle"));
    assertEquals("arn:aws:states:us-east-1:123456789012:activity:lifecycle", created.activityArn());
    assertEquals(created.activityArn(), sfn.createActivity(b -> b.name("lifecycle")).activityArn());
    assertEquals("lifecycle", sfn.describeActivity(b -> b.activityArn(created.activityArn())).name());
    List<String> listed = sfn.listActivitiesPaginator(b -> b.maxResults(1)).activities().stream()
        .map(ActivityListItem::activityArn).toList();
    assertTrue(listed.contains(created.activityArn()));
    assertEquals(listed.size(), listed.stream().distinct().count());
    sfn.deleteActivity(b -> b.activityArn(created.activityArn()));
    assertThrows(ActivityDoesNotExistException.class, () -> sfn.describeActivity(b -> b.activityArn(created.activityArn())));
    sfn.deleteActivity(b -> b.activityArn(created.activityArn()));
    assertThrows(InvalidNameException.class, () -> sfn.createActivity(b -> b.name("bad name")));
    assertThrows(InvalidArnException.class, () -> sfn.deleteActivity(b -> b.activityArn("arn:aws:states:us-east-1:1:stateMachine:x")));
  }

  @Test
  void aWorkerTakesTheTaskAndItsResultBecomesTheStateOutput() {
    String activity = sfn.createActivity(b -> b.name("echo")).activityArn();
    String machine = activityMachine(sfn, "echo-machine", activity, ",\"ResultPath\":\"$.result\"");
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"object\":\"s3://b/k\"}")).executionArn();
    GetActivityTaskResponse task = takeTask(sfn, activity, "worker-1");
    assertEquals("{\"object\":\"s3://b/k\"}", task.input());
    sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"rows\": 3}"));
    DescribeExecutionResponse done = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.SUCCEEDED, done.status());
    assertEquals("{\"object\":\"s3://b/k\",\"result\":{\"rows\":3}}", done.output());
    List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    HistoryEvent started = events.stream().filter(e -> e.type() == HistoryEventType.ACTIVITY_STARTED).findFirst()
        .orElseThrow();
    assertEquals("worker-1", started.activityStartedEventDetails().workerName());
    assertTrue(events.stream().anyMatch(e -> e.type() == HistoryEventType.ACTIVITY_SUCCEEDED));
    assertThrows(TaskTimedOutException.class,
        () -> sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}")));
  }

  @Test
  void aPollThatWaitsGetsTheTaskScheduledWhileItWaits() {
    String activity = sfn.createActivity(b -> b.name("long-poll")).activityArn();
    String machine = activityMachine(sfn, "long-poll-machine", activity, "");
    CompletableFuture<GetActivityTaskResponse> poll = CompletableFuture.supplyAsync(
        () -> takeTask(sfn, activity, "waiting-worker"));
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\":1}")).executionArn();
    GetActivityTaskResponse task = poll.join();
    assertEquals("{\"n\":1}", task.input());
    sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("\"done\""));
    assertEquals("\"done\"", local.awaitEnd(arn, DEADLINE).output());
  }

  @Test
  void aPollWithNothingToDoEndsWithoutATask() {
    String activity = sfn.createActivity(b -> b.name("idle")).activityArn();
    GetActivityTaskResponse empty = sfn.getActivityTask(b -> b.activityArn(activity));
    assertNull(empty.taskToken());
    assertThrows(ActivityDoesNotExistException.class, () -> sfn.getActivityTask(b -> b.activityArn(
        "arn:aws:states:us-east-1:123456789012:activity:nobody")));
  }

  @Test
  void aFailureReportedByTheWorkerIsMatchedByTheStatesCatch() {
    String activity = sfn.createActivity(b -> b.name("failing")).activityArn();
    String machine = ExecutionApiTest.create(sfn, "failing-machine", "{\"StartAt\":\"Work\",\"States\":{\"Work\":{"
        + "\"Type\":\"Task\",\"Resource\":\"" + activity + "\",\"Catch\":[{\"ErrorEquals\":[\"Wlm.NoSlot\"],"
        + "\"ResultPath\":\"$.error\",\"Next\":\"Caught\"}],\"End\":true},\"Caught\":{\"Type\":\"Pass\",\"End\":true}}}",
        StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    GetActivityTaskResponse task = takeTask(sfn, activity, "w");
    sfn.sendTaskFailure(b -> b.taskToken(task.taskToken()).error("Wlm.NoSlot").cause("glue-job:a is full"));
    DescribeExecutionResponse done = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.SUCCEEDED, done.status());
    assertEquals("{\"error\":{\"Error\":\"Wlm.NoSlot\",\"Cause\":\"glue-job:a is full\"}}", done.output());
  }

  @Test
  void aTaskWithoutHeartbeatsTimesOutAndItsTokenIsThenRefused() {
    String activity = sfn.createActivity(b -> b.name("silent")).activityArn();
    String machine = activityMachine(sfn, "silent-machine", activity, ",\"HeartbeatSeconds\":30");
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    GetActivityTaskResponse task = takeTask(sfn, activity, "w");
    DescribeExecutionResponse done = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.FAILED, done.status());
    assertEquals("States.HeartbeatTimeout", done.error());
    assertTrue(sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream()
        .anyMatch(e -> e.type() == HistoryEventType.ACTIVITY_TIMED_OUT));
    TaskTimedOutException refused = assertThrows(TaskTimedOutException.class,
        () -> sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}")));
    assertEquals("Task Timed Out: 'Provided task does not exist anymore'", refused.awsErrorDetails().errorMessage());
    assertThrows(TaskTimedOutException.class, () -> sfn.sendTaskHeartbeat(b -> b.taskToken(task.taskToken())));
  }

  @Test
  void heartbeatsKeepATaskAliveLongerThanItsHeartbeatSeconds() {
    String activity = sfn.createActivity(b -> b.name("beating")).activityArn();
    // 50 s of runtime time at scale 100: half a second of wall time between heartbeats at most
    String machine = activityMachine(sfn, "beating-machine", activity, ",\"HeartbeatSeconds\":50");
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    GetActivityTaskResponse task = takeTask(sfn, activity, "w");
    long aliveUntil = System.nanoTime() + Duration.ofMillis(1500).toNanos();
    int beats = 0;
    while (System.nanoTime() < aliveUntil) {
      sfn.sendTaskHeartbeat(b -> b.taskToken(task.taskToken()));
      beats++;
    }
    sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}"));
    DescribeExecutionResponse done = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.SUCCEEDED, done.status(), "after " + beats + " heartbeats: " + done);
    long runtimeSeconds = (done.stopDate().toEpochMilli() - done.startDate().toEpochMilli()) / 1000;
    assertTrue(runtimeSeconds > 50, "the task lived " + runtimeSeconds + " s of runtime time");
  }

  @Test
  void aTaskNobodyTakesTimesOutAndIsNotHandedOutAfterwards() {
    String activity = sfn.createActivity(b -> b.name("unattended")).activityArn();
    String machine = activityMachine(sfn, "unattended-machine", activity, ",\"TimeoutSeconds\":20");
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    DescribeExecutionResponse done = local.awaitEnd(arn, DEADLINE);
    assertEquals("States.Timeout", done.error());
    assertNull(sfn.getActivityTask(b -> b.activityArn(activity)).taskToken());
  }

  @Test
  void aTaskOfADeletedActivityFails() {
    String activity = sfn.createActivity(b -> b.name("short-lived")).activityArn();
    String machine = activityMachine(sfn, "orphan-machine", activity, "");
    sfn.deleteActivity(b -> b.activityArn(activity));
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    DescribeExecutionResponse done = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.FAILED, done.status());
    assertEquals("States.Runtime", done.error());
    assertTrue(done.cause().contains(activity), done.cause());
  }

  @Test
  void badTokensAndOutputsGetAwsErrors() {
    assertEquals("Invalid Token: 'Provided task token is not valid'", assertThrows(InvalidTokenException.class,
        () -> sfn.sendTaskSuccess(b -> b.taskToken("garbage").output("{}"))).awsErrorDetails().errorMessage());
    String unknown = "00000000-0000-4000-8000-000000000000" + "0".repeat(32);
    assertThrows(TaskTimedOutException.class, () -> sfn.sendTaskFailure(b -> b.taskToken(unknown)));
    assertThrows(ValidationException.class, () -> sfn.sendTaskHeartbeat(b -> b.taskToken("t".repeat(2049))));
    String activity = sfn.createActivity(b -> b.name("strict-output")).activityArn();
    String machine = activityMachine(sfn, "strict-output-machine", activity, "");
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    GetActivityTaskResponse task = takeTask(sfn, activity, "w");
    InvalidOutputException badOutput = assertThrows(InvalidOutputException.class,
        () -> sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{oops")));
    assertTrue(badOutput.awsErrorDetails().errorMessage().startsWith("Invalid Output: '"));
    sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("[1,2]"));
    assertEquals("[1,2]", local.awaitEnd(arn, DEADLINE).output());
    assertNotNull(task.taskToken());
  }
}
