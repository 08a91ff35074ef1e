package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** RedriveExecution, and the redrive fields of DescribeExecution and ListExecutions. */
class RedriveApiTest {
  static final Duration DEADLINE = ExecutionApiTest.DEADLINE;

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

  @Test
  void aFailedExecutionResumesAtItsFailedTaskWithTheSameInputAndKeepsTheStatesThatSucceeded() {
    String activity = sfn.createActivity(b -> b.name("flaky")).activityArn();
    String definition = "{\"StartAt\":\"Prepare\",\"States\":{"
        + "\"Prepare\":{\"Type\":\"Pass\",\"Parameters\":{\"n.$\":\"States.MathAdd($.n, 1)\"},"
        + "\"Assign\":{\"prepared.$\":\"$.n\"},\"Next\":\"Work\"},"
        + "\"Work\":{\"Type\":\"Task\",\"Resource\":\"" + activity + "\",\"ResultPath\":\"$.result\",\"Next\":\"Report\"},"
        + "\"Report\":{\"Type\":\"Pass\",\"Parameters\":{\"prepared.$\":\"$prepared\",\"result.$\":\"$.result\","
        + "\"redrives.$\":\"$$.Execution.RedriveCount\"},\"End\":true}}}";
    String machine = ExecutionApiTest.create(sfn, "redrive-flaky", definition, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("first").input("{\"n\": 41}")).executionArn();
    GetActivityTaskResponse first = ActivityApiTest.takeTask(sfn, activity, "worker");
    sfn.sendTaskFailure(b -> b.taskToken(first.taskToken()).error("Flaky").cause("first try"));
    DescribeExecutionResponse failed = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.FAILED, failed.status());
    assertEquals(0, failed.redriveCount());
    assertEquals(ExecutionRedriveStatus.REDRIVABLE, failed.redriveStatus());
    assertNull(failed.redriveDate());
    long closingId = history(arn).get(history(arn).size() - 1).id();

    Instant redriven = sfn.redriveExecution(b -> b.executionArn(arn).clientToken("once")).redriveDate();
    // The same client token answers the same redrive, and redrives nothing more.
    assertEquals(redriven, sfn.redriveExecution(b -> b.executionArn(arn).clientToken("once")).redriveDate());
    GetActivityTaskResponse second = ActivityApiTest.takeTask(sfn, activity, "worker");
    assertEquals(first.input(), second.input());
    DescribeExecutionResponse running = sfn.describeExecution(b -> b.executionArn(arn));
    assertEquals(ExecutionStatus.RUNNING, running.status());
    assertEquals(ExecutionRedriveStatus.NOT_REDRIVABLE, running.redriveStatus());
    assertEquals("Execution is RUNNING and cannot be redriven.", running.redriveStatusReason());
    sfn.sendTaskSuccess(b -> b.taskToken(second.taskToken()).output("{\"rows\":3}"));

    DescribeExecutionResponse done = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.SUCCEEDED, done.status());
    assertEquals("{\"prepared\":42,\"result\":{\"rows\":3},\"redrives\":1}", done.output());
    assertEquals(1, done.redriveCount());
    assertEquals(redriven, done.redriveDate());
    assertEquals(failed.startDate(), done.startDate());
    assertEquals(ExecutionRedriveStatus.NOT_REDRIVABLE, done.redriveStatus());
    assertEquals("Execution is SUCCEEDED and cannot be redriven.", done.redriveStatusReason());

    List<HistoryEvent> events = history(arn);
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).id());
    }
    HistoryEvent redrivenEvent = events.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN)
        .findFirst().orElseThrow();
    assertEquals(closingId + 1, redrivenEvent.id());
    assertEquals(closingId, redrivenEvent.previousEventId());
    assertEquals(1, redrivenEvent.executionRedrivenEventDetails().redriveCount());
    assertEquals(HistoryEventType.TASK_STATE_ENTERED, events.get(redrivenEvent.id().intValue()).type());
    assertEquals(redrivenEvent.id(), events.get(redrivenEvent.id().intValue()).previousEventId());
    assertEquals(1, events.stream().filter(e -> e.type() == HistoryEventType.PASS_STATE_ENTERED
        && e.stateEnteredEventDetails().name().equals("Prepare")).count());
    assertEquals(1, events.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_FAILED).count());

    ExecutionNotRedrivableException again = assertThrows(ExecutionNotRedrivableException.class,
        () -> sfn.redriveExecution(b -> b.executionArn(arn)));
    assertTrue(again.getMessage().contains("SUCCEEDED"), again.getMessage());
    String other = sfn.startExecution(b -> b.stateMachineArn(machine).name("never-redriven").input("{\"n\": 1}"))
        .executionArn();
    List<String> redrivenOnes = sfn.listExecutions(b -> b.stateMachineArn(machine)
        .redriveFilter(ExecutionRedriveFilter.REDRIVEN)).executions().stream().map(ExecutionListItem::executionArn).toList();
    assertEquals(List.of(arn), redrivenOnes);
    List<ExecutionListItem> notRedriven = sfn.listExecutions(b -> b.stateMachineArn(machine)
        .redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN)).executions();
    assertEquals(List.of(other), notRedriven.stream().map(ExecutionListItem::executionArn).toList());
    assertEquals(0, notRedriven.get(0).redriveCount());
    sfn.stopExecution(b -> b.executionArn(other));
  }

  @Test
  void anAbortedExecutionResumesInTheWaitItWasStoppedIn() {
    String machine = ExecutionApiTest.create(sfn, "redrive-wait", ExecutionApiTest.WAIT_A_DAY, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"day\": 1}")).executionArn();
    sfn.stopExecution(b -> b.executionArn(arn).error("Ops").cause("paused"));
    assertEquals(ExecutionRedriveStatus.REDRIVABLE, local.awaitEnd(arn, DEADLINE).redriveStatus());
    sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse resumed = sfn.describeExecution(b -> b.executionArn(arn));
    assertEquals(ExecutionStatus.RUNNING, resumed.status());
    assertNull(resumed.error());
    List<HistoryEvent> events = history(arn);
    HistoryEvent last = events.get(events.size() - 1);
    assertEquals(HistoryEventType.WAIT_STATE_ENTERED, last.type());
    assertEquals("{\"day\":1}", last.stateEnteredEventDetails().input());
    sfn.stopExecution(b -> b.executionArn(arn));
    assertEquals(ExecutionStatus.ABORTED, local.awaitEnd(arn, DEADLINE).status());
  }

  @Test
  void expressSucceededAndUnknownExecutionsAreRefused() {
    String failing = "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"E\"}}}";
    String express = ExecutionApiTest.create(sfn, "redrive-express", failing, StateMachineType.EXPRESS);
    String arn = sfn.startSyncExecution(b -> b.stateMachineArn(express)).executionArn();
    DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(arn));
    assertEquals(ExecutionRedriveStatus.NOT_REDRIVABLE, described.redriveStatus());
    assertTrue(described.redriveStatusReason().contains("EXPRESS"), described.redriveStatusReason());
    assertThrows(ExecutionNotRedrivableException.class, () -> sfn.redriveExecution(b -> b.executionArn(arn)));
    assertThrows(ExecutionDoesNotExistException.class, () -> sfn.redriveExecution(
        b -> b.executionArn("arn:aws:states:us-east-1:123456789012:execution:redrive-express:none")));
  }

  @Test
  void aRedrivenParentRedrivesItsMapRunWhichDescribeMapRunShows() {
    String activity = sfn.createActivity(b -> b.name("map-item")).activityArn();
    String definition = "{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"Label\":\"each\",\"End\":true,"
        + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},"
        + "\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Task\",\"Resource\":\"" + activity + "\",\"End\":true}}}}}}";
    String machine = ExecutionApiTest.create(sfn, "redrive-map", definition, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("[0, 1, 2]")).executionArn();
    // the child of item 1 fails, the others succeed: the Map Run and its parent fail
    List<GetActivityTaskResponse> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tasks.add(ActivityApiTest.takeTask(sfn, activity, "worker"));
    }
    tasks.sort(java.util.Comparator.comparing(task -> task.input().equals("1")));
    for (GetActivityTaskResponse task : tasks) {
      if (task.input().equals("1")) {
        sfn.sendTaskFailure(b -> b.taskToken(task.taskToken()).error("Flaky").cause("item 1"));
      } else {
        sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"done\":" + task.input() + "}"));
      }
    }
    assertEquals(ExecutionStatus.FAILED, local.awaitEnd(arn, DEADLINE).status());
    String mapRunArn = history(arn).stream().filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED).findFirst()
        .orElseThrow().mapRunStartedEventDetails().mapRunArn();
    DescribeMapRunResponse failedRun = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertEquals(MapRunStatus.FAILED, failedRun.status());
    assertEquals(0, failedRun.redriveCount());
    assertNull(failedRun.redriveDate());
    ExecutionListItem failedChild = sfn.listExecutions(b -> b.mapRunArn(mapRunArn).statusFilter(ExecutionStatus.FAILED))
        .executions().get(0);
    DescribeExecutionResponse child = sfn.describeExecution(b -> b.executionArn(failedChild.executionArn()));
    assertEquals(ExecutionRedriveStatus.REDRIVABLE_BY_MAP_RUN, child.redriveStatus());
    assertThrows(ExecutionNotRedrivableException.class,
        () -> sfn.redriveExecution(b -> b.executionArn(failedChild.executionArn())));

    Instant redriven = sfn.redriveExecution(b -> b.executionArn(arn)).redriveDate();
    GetActivityTaskResponse again = ActivityApiTest.takeTask(sfn, activity, "worker");
    assertEquals("1", again.input(), "only the failed child runs again");
    sfn.sendTaskSuccess(b -> b.taskToken(again.taskToken()).output("{\"done\":1}"));
    DescribeExecutionResponse done = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.SUCCEEDED, done.status());
    assertEquals("[{\"done\":0},{\"done\":1},{\"done\":2}]", done.output());

    DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertEquals(MapRunStatus.SUCCEEDED, run.status());
    assertEquals(1, run.redriveCount());
    // the Map Run is redriven as the parent re-enters the Map state, moments after the parent's redrive
    assertTrue(!run.redriveDate().isBefore(redriven) && run.redriveDate().isBefore(redriven.plusSeconds(60)),
        run.redriveDate() + " vs " + redriven);
    assertEquals(3L, run.executionCounts().succeeded());
    assertEquals(3L, run.executionCounts().total());
    assertEquals(0L, run.executionCounts().failuresNotRedrivable());
    assertEquals(0L, run.executionCounts().pendingRedrive());
    assertEquals(List.of(mapRunArn), sfn.listMapRuns(b -> b.executionArn(arn)).mapRuns().stream()
        .map(MapRunListItem::mapRunArn).toList(), "the same Map Run, no new one");
    HistoryEvent mapRunRedriven = history(arn).stream().filter(e -> e.type() == HistoryEventType.MAP_RUN_REDRIVEN)
        .findFirst().orElseThrow();
    assertEquals(mapRunArn, mapRunRedriven.mapRunRedrivenEventDetails().mapRunArn());
    assertEquals(1, mapRunRedriven.mapRunRedrivenEventDetails().redriveCount());
    DescribeExecutionResponse redrivenChild = sfn.describeExecution(b -> b.executionArn(failedChild.executionArn()));
    assertEquals(ExecutionStatus.SUCCEEDED, redrivenChild.status());
    assertEquals(1, redrivenChild.redriveCount());
    assertEquals(1, sfn.listExecutions(b -> b.mapRunArn(mapRunArn).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
        .executions().size());
  }

  // The whole history of an execution, oldest first.
  private static List<HistoryEvent> history(String arn) {
    return sfn.getExecutionHistoryPaginator(b -> b.executionArn(arn)).events().stream().toList();
  }
}
