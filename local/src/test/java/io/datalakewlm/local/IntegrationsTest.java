package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.mock.MockConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * What serves the executions' Task states: states:startExecution against the endpoint's own
 * state machines, the emulated Glue jobs and crawlers, Step Functions Local mock test cases, and
 * the error for anything else.
 */
class IntegrationsTest {
  static final Duration DEADLINE = Duration.ofSeconds(20);
  static final String MOCKS = """
      {"StateMachines": {"mocked": {"TestCases": {
          "HappyPath": {"Call the service": "Answer"},
          "Broken": {"Call the service": "Refuse"}}}},
       "MockedResponses": {
          "Answer": {"0": {"Return": {"rows": 12}}},
          "Refuse": {"0": {"Throw": {"Error": "Service.Down", "Cause": "maintenance"}}}}}
      """;

  private static LocalEndpoint local;
  private static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    local = LocalEndpoint.start(LocalStepFunctions.Options.defaults().withTimeScale(1000)
        .withPollTimeout(Duration.ofSeconds(1)).withGlueTimes(Duration.ofSeconds(600), Duration.ofSeconds(60))
        .withMocks(MockConfig.parse("mocks.json", MOCKS)));
    sfn = local.sfn;
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void aStateMachineStartsAnotherAndANameIsUsedOnce() {
    String child = ExecutionApiTest.create(sfn, "child", "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\","
        + "\"Seconds\":86400,\"End\":true}}}", StateMachineType.STANDARD);
    String parent = ExecutionApiTest.create(sfn, "parent", "{\"StartAt\":\"Start\",\"States\":{\"Start\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution\",\"Parameters\":{\"StateMachineArn\":\"" + child + "\","
        + "\"Name.$\":\"$.name\",\"Input\":{\"from.$\":\"$$.Execution.Id\"}},\"Catch\":[{\"ErrorEquals\":"
        + "[\"StepFunctions.ExecutionAlreadyExistsException\"],\"ResultPath\":\"$.refused\",\"Next\":\"Refused\"}],"
        + "\"End\":true},\"Refused\":{\"Type\":\"Pass\",\"End\":true}}}", StateMachineType.STANDARD);
    String first = sfn.startExecution(b -> b.stateMachineArn(parent).input("{\"name\":\"daily-1\"}")).executionArn();
    DescribeExecutionResponse started = local.awaitEnd(first, DEADLINE);
    assertEquals(ExecutionStatus.SUCCEEDED, started.status());
    assertTrue(started.output().contains("\"ExecutionArn\":\"arn:aws:states:us-east-1:123456789012:execution:child:daily-1\""),
        started.output());
    List<ExecutionListItem> children = sfn.listExecutions(b -> b.stateMachineArn(child)).executions();
    assertEquals(1, children.size());
    assertEquals("{\"from\":\"" + first + "\"}", sfn.describeExecution(b -> b.executionArn(children.get(0).executionArn()))
        .input());
    String second = sfn.startExecution(b -> b.stateMachineArn(parent).input("{\"name\":\"daily-1\"}")).executionArn();
    DescribeExecutionResponse refused = local.awaitEnd(second, DEADLINE);
    assertTrue(refused.output().contains("StepFunctions.ExecutionAlreadyExistsException"), refused.output());
    assertEquals(1, sfn.listExecutions(b -> b.stateMachineArn(child)).executions().size());
    String bad = sfn.startExecution(b -> b.stateMachineArn(parent).input("{\"name\":\"has space\"}")).executionArn();
    DescribeExecutionResponse invalid = local.awaitEnd(bad, DEADLINE);
    assertEquals("StepFunctions.InvalidNameException", invalid.error());
  }

  @Test
  void aGlueJobRunsInTheEmulatedAccountAndItsConcurrencyIsEnforced() {
    String definition = "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::glue:startJobRun.sync\",\"Parameters\":{\"JobName\":\"nightly\"},"
        + "\"ResultSelector\":{\"state.$\":\"$.JobRunState\"},\"Next\":\"Crawl\"},\"Crawl\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::aws-sdk:glue:startCrawler\",\"Parameters\":{\"Name\":\"nightly-crawler\"},"
        + "\"ResultPath\":null,\"End\":true}}}";
    String machine = ExecutionApiTest.create(sfn, "glue", definition, StateMachineType.STANDARD);
    String first = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    String second = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    DescribeExecutionResponse ran = local.awaitEnd(first, DEADLINE);
    assertEquals(ExecutionStatus.SUCCEEDED, ran.status(), ran.toString());
    assertEquals("{\"state\":\"SUCCEEDED\"}", ran.output());
    long runtimeSeconds = (ran.stopDate().toEpochMilli() - ran.startDate().toEpochMilli()) / 1000;
    assertTrue(runtimeSeconds >= 600, "the job ran " + runtimeSeconds + " s");
    DescribeExecutionResponse refused = local.awaitEnd(second, DEADLINE);
    assertEquals(ExecutionStatus.FAILED, refused.status());
    assertEquals("Glue.ConcurrentRunsExceededException", refused.error());
    assertTrue(sfn.getExecutionHistory(b -> b.executionArn(first)).events().stream()
        .anyMatch(e -> e.type() == HistoryEventType.TASK_SUBMITTED));
  }

  @Test
  void aMockTestCaseAnswersTheTasksOfExecutionsStartedWithIt() {
    String definition = "{\"StartAt\":\"Call the service\",\"States\":{\"Call the service\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":\"f\"},\"End\":true}}}";
    String machine = ExecutionApiTest.create(sfn, "mocked", definition, StateMachineType.STANDARD);
    String happy = sfn.startExecution(b -> b.stateMachineArn(machine + "#HappyPath")).executionArn();
    assertEquals("{\"rows\":12}", local.awaitEnd(happy, DEADLINE).output());
    String broken = sfn.startExecution(b -> b.stateMachineArn(machine + "#Broken")).executionArn();
    DescribeExecutionResponse failed = local.awaitEnd(broken, DEADLINE);
    assertEquals("Service.Down", failed.error());
    assertEquals("maintenance", failed.cause());
    String unmocked = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    DescribeExecutionResponse unserved = local.awaitEnd(unmocked, DEADLINE);
    assertEquals("States.Runtime", unserved.error());
    assertTrue(unserved.cause().contains("arn:aws:states:::lambda:invoke"), unserved.cause());
    assertThrows(ValidationException.class, () -> sfn.startExecution(b -> b.stateMachineArn(machine + "#Nope")));
    assertEquals(3, sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().size());
  }
}
