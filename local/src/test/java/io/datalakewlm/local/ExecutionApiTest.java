package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineForExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDeletingException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * StartExecution, StartSyncExecution, DescribeExecution, DescribeStateMachineForExecution, ListExecutions,
 * GetExecutionHistory, StopExecution.
 */
class ExecutionApiTest {
  static final String ROLE = StateMachineApiTest.ROLE;
  static final Duration DEADLINE = Duration.ofSeconds(20);
  /** Waits a day: runs until stopped. */
  static final String WAIT_A_DAY = "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":86400,\"End\":true}}}";
  static final String ADD_ONE = "{\"StartAt\":\"Add\",\"States\":{\"Add\":{\"Type\":\"Pass\","
      + "\"Parameters\":{\"n.$\":\"States.MathAdd($.n, 1)\"},\"Next\":\"Done\"},\"Done\":{\"Type\":\"Succeed\"}}}";

  private static LocalEndpoint local;
  private static SfnClient sfn;

  @BeforeAll
  static void start() {
    local = LocalEndpoint.start(1000);
    sfn = local.sfn;
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  static String create(SfnClient sfn, String name, String definition, StateMachineType type) {
    return sfn.createStateMachine(b -> b.name(name).roleArn(ROLE).definition(definition).type(type)).stateMachineArn();
  }

  @Test
  void anExecutionRunsToItsOutputAndIsDescribed() {
    String machine = create(sfn, "add-one", ADD_ONE, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("first").input("{\"n\": 41}")).executionArn();
    assertEquals("arn:aws:states:us-east-1:123456789012:execution:add-one:first", arn);
    DescribeExecutionResponse described = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.SUCCEEDED, described.status());
    assertEquals("{\"n\":42}", described.output());
    assertEquals("{\"n\":41}", described.input());
    assertEquals(machine, described.stateMachineArn());
    assertEquals("first", described.name());
    assertFalse(described.stopDate().isBefore(described.startDate()));
    String generated = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\": 1}")).executionArn();
    assertTrue(generated.startsWith("arn:aws:states:us-east-1:123456789012:execution:add-one:"));
    assertEquals("{\"n\":2}", local.awaitEnd(generated, DEADLINE).output());
  }

  @Test
  void startingARunningExecutionAgainIsIdempotentAndAnyOtherReuseOfTheNameIsRefused() {
    String machine = create(sfn, "long-wait", WAIT_A_DAY, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}")).executionArn();
    assertEquals(arn, sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}")).executionArn());
    ExecutionAlreadyExistsException otherInput = assertThrows(ExecutionAlreadyExistsException.class,
        () -> sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":2}")));
    assertEquals("Execution Already Exists: '" + arn + "'", otherInput.awsErrorDetails().errorMessage());
    sfn.stopExecution(b -> b.executionArn(arn));
    assertThrows(ExecutionAlreadyExistsException.class,
        () -> sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}")));
    assertEquals(1, sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().stream()
        .filter(e -> e.name().equals("once")).count());
  }

  @Test
  void stoppingAbortsWithTheGivenErrorAndCause() {
    String machine = create(sfn, "to-stop", WAIT_A_DAY, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    assertNotNull(sfn.stopExecution(b -> b.executionArn(arn).error("Operator.Stop").cause("maintenance")).stopDate());
    DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(arn));
    assertEquals(ExecutionStatus.ABORTED, described.status());
    assertEquals("Operator.Stop", described.error());
    assertEquals("maintenance", described.cause());
    List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    HistoryEvent last = events.get(events.size() - 1);
    assertEquals(HistoryEventType.EXECUTION_ABORTED, last.type());
    assertEquals("Operator.Stop", last.executionAbortedEventDetails().error());
  }

  @Test
  void anExecutionPastItsTimeoutTimesOut() {
    String definition = "{\"TimeoutSeconds\":60,\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}";
    String machine = create(sfn, "times-out", definition, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    DescribeExecutionResponse described = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.TIMED_OUT, described.status());
    assertEquals("States.Timeout", described.error());
  }

  @Test
  void listingShowsNewestFirstFiltersByStatusAndPages() {
    String machine = create(sfn, "listed", WAIT_A_DAY, StateMachineType.STANDARD);
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String name = "run-" + i;
      started.add(sfn.startExecution(b -> b.stateMachineArn(machine).name(name)).executionArn());
    }
    sfn.stopExecution(b -> b.executionArn(started.get(1)));
    List<String> newestFirst = new ArrayList<>(started);
    java.util.Collections.reverse(newestFirst);
    List<String> listed = sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).maxResults(2)).executions()
        .stream().map(ExecutionListItem::executionArn).toList();
    assertEquals(newestFirst, listed);
    List<ExecutionListItem> aborted = sfn.listExecutions(b -> b.stateMachineArn(machine)
        .statusFilter(ExecutionStatus.ABORTED)).executions();
    assertEquals(1, aborted.size());
    assertEquals(started.get(1), aborted.get(0).executionArn());
    assertNotNull(aborted.get(0).stopDate());
    assertEquals(4, sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING))
        .executions().size());
    String token = sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(2)).nextToken();
    assertThrows(software.amazon.awssdk.services.sfn.model.InvalidTokenException.class,
        () -> sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING).nextToken(token)));
    assertThrows(ValidationException.class, () -> sfn.listExecutions(b -> b.maxResults(2)));
    started.forEach(arn -> sfn.stopExecution(b -> b.executionArn(arn)));
  }

  @Test
  void historyPagesForwardAndBackwardAndCanLeaveOutTheData() {
    String machine = create(sfn, "history", ADD_ONE, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\": 1}")).executionArn();
    local.awaitEnd(arn, DEADLINE);
    List<HistoryEvent> all = sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    assertEquals(HistoryEventType.EXECUTION_STARTED, all.get(0).type());
    assertEquals(HistoryEventType.EXECUTION_SUCCEEDED, all.get(all.size() - 1).type());
    // the closing event points at the last state event, as on AWS
    assertEquals(HistoryEventType.SUCCEED_STATE_EXITED, all.get(all.size() - 2).type());
    assertEquals(all.get(all.size() - 2).id(), all.get(all.size() - 1).previousEventId());
    assertEquals("{\"n\":1}", all.get(0).executionStartedEventDetails().input());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i + 1, all.get(i).id());
    }
    List<HistoryEvent> paged = sfn.getExecutionHistoryPaginator(b -> b.executionArn(arn).maxResults(2)).events()
        .stream().toList();
    assertEquals(all, paged);
    List<HistoryEvent> reversed = new ArrayList<>(all);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, sfn.getExecutionHistoryPaginator(b -> b.executionArn(arn).maxResults(3).reverseOrder(true))
        .events().stream().toList());
    GetExecutionHistoryResponse firstPage = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(2));
    assertEquals(2, firstPage.events().size());
    assertNotNull(firstPage.nextToken());
    GetExecutionHistoryResponse withoutData = sfn.getExecutionHistory(b -> b.executionArn(arn).includeExecutionData(false));
    assertNull(withoutData.events().get(0).executionStartedEventDetails().input());
    assertNull(withoutData.events().get(withoutData.events().size() - 1).executionSucceededEventDetails().output());
  }

  @Test
  void anExpressStateMachineRunsSynchronouslyAndAStandardOneDoesNot() {
    String express = create(sfn, "sync-express", ADD_ONE, StateMachineType.EXPRESS);
    StartSyncExecutionResponse answer = sfn.startSyncExecution(b -> b.stateMachineArn(express).input("{\"n\": 9}"));
    assertEquals(SyncExecutionStatus.SUCCEEDED, answer.status());
    assertEquals("{\"n\":10}", answer.output());
    assertEquals("{\"n\":9}", answer.input());
    assertNotNull(answer.billingDetails());
    String failing = create(sfn, "sync-fails", "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\","
        + "\"Error\":\"Custom.Bad\",\"Cause\":\"no good\"}}}", StateMachineType.EXPRESS);
    StartSyncExecutionResponse failed = sfn.startSyncExecution(b -> b.stateMachineArn(failing));
    assertEquals(SyncExecutionStatus.FAILED, failed.status());
    assertEquals("Custom.Bad", failed.error());
    assertEquals("no good", failed.cause());
    String standard = create(sfn, "sync-standard", ADD_ONE, StateMachineType.STANDARD);
    assertEquals("StateMachineTypeNotSupported", assertThrows(StateMachineTypeNotSupportedException.class,
        () -> sfn.startSyncExecution(b -> b.stateMachineArn(standard).input("{\"n\": 1}")))
        .awsErrorDetails().errorCode());
  }

  @Test
  void badStartsAndUnknownExecutionsGetAwsErrors() {
    String machine = create(sfn, "errors", ADD_ONE, StateMachineType.STANDARD);
    InvalidExecutionInputException badInput = assertThrows(InvalidExecutionInputException.class,
        () -> sfn.startExecution(b -> b.stateMachineArn(machine).input("{not json")));
    assertTrue(badInput.awsErrorDetails().errorMessage().startsWith("Invalid State Machine Execution Input: '"));
    assertThrows(InvalidNameException.class, () -> sfn.startExecution(b -> b.stateMachineArn(machine).name("a b")));
    assertThrows(StateMachineDoesNotExistException.class, () -> sfn.startExecution(b -> b.stateMachineArn(
        "arn:aws:states:us-east-1:123456789012:stateMachine:nothing")));
    assertThrows(InvalidArnException.class, () -> sfn.startExecution(b -> b.stateMachineArn("nothing")));
    ValidationException tooBig = assertThrows(ValidationException.class, () -> sfn.startExecution(b -> b
        .stateMachineArn(machine).input("\"" + "x".repeat(262_144) + "\"")));
    assertTrue(tooBig.awsErrorDetails().errorMessage().contains("Member must have length less than or equal to 262144"));
    String unknown = "arn:aws:states:us-east-1:123456789012:execution:errors:none";
    ExecutionDoesNotExistException absent = assertThrows(ExecutionDoesNotExistException.class,
        () -> sfn.describeExecution(b -> b.executionArn(unknown)));
    assertEquals("Execution Does Not Exist: '" + unknown + "'", absent.awsErrorDetails().errorMessage());
    assertThrows(ExecutionDoesNotExistException.class, () -> sfn.getExecutionHistory(b -> b.executionArn(unknown)));
    assertThrows(ExecutionDoesNotExistException.class, () -> sfn.stopExecution(b -> b.executionArn(unknown)));
    assertThrows(InvalidArnException.class, () -> sfn.describeExecution(b -> b.executionArn(machine)));
  }

  @Test
  void anUpdateAppliesToLaterExecutionsOnly() {
    String machine = create(sfn, "versions", "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":2,"
        + "\"Next\":\"P\"},\"P\":{\"Type\":\"Pass\",\"Result\":\"old\",\"End\":true}}}", StateMachineType.STANDARD);
    String before = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":\"new\",\"End\":true}}}"));
    String after = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    assertNotEquals(before, after);
    assertEquals("\"old\"", local.awaitEnd(before, DEADLINE).output());
    assertEquals("\"new\"", local.awaitEnd(after, DEADLINE).output());
  }

  @Test
  void aDeletedStateMachineIsDeletingUntilItsExecutionsEndAtTheirNextTransition() {
    String activity = sfn.createActivity(b -> b.name("deleted-while-working")).activityArn();
    String machine = create(sfn, "deleted-while-running", "{\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Task\","
        + "\"Resource\":\"" + activity + "\",\"Next\":\"After\"},\"After\":{\"Type\":\"Pass\",\"End\":true}}}",
        StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    var task = ActivityApiTest.takeTask(sfn, activity, "worker");
    sfn.deleteStateMachine(b -> b.stateMachineArn(machine));
    assertEquals(StateMachineStatus.DELETING, sfn.describeStateMachine(b -> b.stateMachineArn(machine)).status());
    assertEquals(ExecutionStatus.RUNNING, sfn.describeExecution(b -> b.executionArn(arn)).status());
    assertThrows(StateMachineDeletingException.class, () -> sfn.startExecution(b -> b.stateMachineArn(machine)));
    assertThrows(StateMachineDeletingException.class, () -> sfn.createStateMachine(b -> b.name("deleted-while-running")
        .roleArn(ROLE).definition(WAIT_A_DAY)));
    sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}"));
    DescribeExecutionResponse ended = local.awaitEnd(arn, DEADLINE);
    assertEquals(ExecutionStatus.ABORTED, ended.status());
    List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    assertEquals(HistoryEventType.TASK_STATE_EXITED, events.get(events.size() - 2).type());
    assertThrows(StateMachineDoesNotExistException.class, () -> sfn.describeStateMachine(b -> b.stateMachineArn(machine)));
  }

  @Test
  void anExecutionDescribesTheStateMachineItStartedWithAndRunsAsItsRole() {
    String role = "arn:aws:iam::123456789012:role/FirstRole";
    String machine = sfn.createStateMachine(b -> b.name("described-for-execution").roleArn(role)
        .definition(WAIT_A_DAY)).stateMachineArn();
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    String revision = sfn.describeStateMachine(b -> b.stateMachineArn(machine)).revisionId();
    sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(ADD_ONE)
        .roleArn("arn:aws:iam::123456789012:role/SecondRole"));
    DescribeStateMachineForExecutionResponse described = sfn.describeStateMachineForExecution(b -> b.executionArn(arn));
    assertEquals(machine, described.stateMachineArn());
    assertEquals("described-for-execution", described.name());
    assertEquals(WAIT_A_DAY, described.definition());
    assertEquals(role, described.roleArn());
    assertEquals(revision, described.revisionId());
    assertNotNull(described.updateDate());
    assertEquals(software.amazon.awssdk.services.sfn.model.LogLevel.OFF, described.loggingConfiguration().level());
    assertFalse(described.tracingConfiguration().enabled());
    assertNull(described.mapRunArn());
    HistoryEvent started = sfn.getExecutionHistory(b -> b.executionArn(arn)).events().get(0);
    assertEquals(role, started.executionStartedEventDetails().roleArn());
    String later = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\":1}")).executionArn();
    assertEquals(ADD_ONE, sfn.describeStateMachineForExecution(b -> b.executionArn(later)).definition());
    assertEquals("arn:aws:iam::123456789012:role/SecondRole", sfn.getExecutionHistory(b -> b.executionArn(later))
        .events().get(0).executionStartedEventDetails().roleArn());
    sfn.stopExecution(b -> b.executionArn(arn));
    assertThrows(ExecutionDoesNotExistException.class, () -> sfn.describeStateMachineForExecution(b -> b.executionArn(
        "arn:aws:states:us-east-1:123456789012:execution:described-for-execution:none")));
    assertThrows(InvalidArnException.class, () -> sfn.describeStateMachineForExecution(b -> b.executionArn(machine)));
  }

  @Test
  void aMapRunsChildDescribesTheMapRunsStateMachine() {
    String processor = "{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},"
        + "\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    String definition = "{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"Label\":\"each\","
        + "\"ItemProcessor\":" + processor + ",\"End\":true}}}";
    String machine = create(sfn, "map-for-execution", definition, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("[1]")).executionArn();
    local.awaitEnd(arn, DEADLINE);
    String mapRunArn = sfn.listMapRuns(b -> b.executionArn(arn)).mapRuns().get(0).mapRunArn();
    String child = sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions().get(0).executionArn();
    DescribeStateMachineForExecutionResponse described = sfn.describeStateMachineForExecution(b -> b.executionArn(child));
    assertEquals(machine + "/each", described.stateMachineArn());
    assertEquals("map-for-execution/each", described.name());
    assertEquals(processor, described.definition());
    assertEquals(mapRunArn, described.mapRunArn());
    assertEquals("each", described.label());
    assertEquals(ROLE, described.roleArn());
    assertEquals(ROLE, sfn.getExecutionHistory(b -> b.executionArn(child)).events().get(0)
        .executionStartedEventDetails().roleArn());
  }

  @Test
  void theChildrenOfADistributedMapAreListedByTheirMapRun() {
    String definition = "{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\","
        + "\"Label\":\"each\",\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},"
        + "\"StartAt\":\"Double\",\"States\":{\"Double\":{\"Type\":\"Pass\",\"Parameters\":{\"v.$\":\"States.MathAdd($, $)\"},"
        + "\"End\":true}}},\"End\":true}}}";
    String machine = create(sfn, "distributed", definition, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"items\":[1,2,3]}")).executionArn();
    assertEquals("[{\"v\":2},{\"v\":4},{\"v\":6}]", local.awaitEnd(arn, DEADLINE).output());
    String mapRunArn = sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream()
        .filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED).findFirst().orElseThrow()
        .mapRunStartedEventDetails().mapRunArn();
    List<ExecutionListItem> children = sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
    assertEquals(3, children.size());
    assertTrue(children.stream().allMatch(c -> c.status() == ExecutionStatus.SUCCEEDED && mapRunArn.equals(c.mapRunArn())
        && c.itemCount() == 1));
    assertNull(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().get(0).itemCount());
    DescribeExecutionResponse child = sfn.describeExecution(b -> b.executionArn(children.get(1).executionArn()));
    assertEquals("{\"v\":4}", child.output());
    assertEquals(mapRunArn, child.mapRunArn());
    assertNull(sfn.describeExecution(b -> b.executionArn(arn)).mapRunArn());
    assertTrue(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().stream()
        .noneMatch(e -> e.executionArn().contains("/each:")));
    assertThrows(software.amazon.awssdk.services.sfn.model.ResourceNotFoundException.class,
        () -> sfn.listExecutions(b -> b.mapRunArn(mapRunArn.substring(0, mapRunArn.lastIndexOf(':')) + ":nope")));
  }
}
