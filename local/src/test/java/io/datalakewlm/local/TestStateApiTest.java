package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TestState: one state, alone, with its output, next state, status and (DEBUG) data flow. */
class TestStateApiTest {
  static final String ROLE = StateMachineApiTest.ROLE;

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

  private static TestStateResponse test(String state, String input) {
    return sfn.testState(b -> b.definition(state).roleArn(ROLE).input(input));
  }

  @Test
  void aPassStateAnswersItsOutputAndItsNextState() {
    TestStateResponse answer = test("{\"Type\":\"Pass\",\"Parameters\":{\"sum.$\":\"States.MathAdd($.a, $.b)\"},"
        + "\"ResultPath\":\"$.result\",\"Next\":\"Store\"}", "{\"a\":2,\"b\":3}");
    assertEquals(TestExecutionStatus.SUCCEEDED, answer.status());
    assertEquals("{\"a\":2,\"b\":3,\"result\":{\"sum\":5}}", answer.output());
    assertEquals("Store", answer.nextState());
    assertNull(answer.inspectionData());
  }

  @Test
  void aChoiceStateAnswersTheBranchItTakes() {
    String choice = "{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.n\",\"NumericGreaterThan\":10,\"Next\":\"Big\"}],"
        + "\"Default\":\"Small\"}";
    assertEquals("Big", test(choice, "{\"n\":11}").nextState());
    assertEquals("Small", test(choice, "{\"n\":1}").nextState());
    TestStateResponse unmatched = test("{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.n\",\"NumericEquals\":1,"
        + "\"Next\":\"One\"}]}", "{\"n\":2}");
    assertEquals(TestExecutionStatus.FAILED, unmatched.status());
    assertEquals("States.NoChoiceMatched", unmatched.error());
  }

  @Test
  void aStateThatLoopsToItselfNamesItselfAsTheNextState() {
    TestStateResponse answer = sfn.testState(b -> b.definition("{\"Type\":\"Pass\",\"Next\":\"Again\"}").roleArn(ROLE)
        .stateName("Again").input("{}"));
    assertEquals("Again", answer.nextState());
  }

  @Test
  void aFailStateFails() {
    TestStateResponse answer = test("{\"Type\":\"Fail\",\"Error\":\"Custom.Error\",\"Cause\":\"why\"}", "{}");
    assertEquals(TestExecutionStatus.FAILED, answer.status());
    assertEquals("Custom.Error", answer.error());
    assertEquals("why", answer.cause());
  }

  @Test
  void aMockedTaskErrorIsRetriableWhenARetrierMatchesAndCaughtWhenACatcherDoes() {
    String activity = "arn:aws:states:us-east-1:123456789012:activity:never-polled";
    String task = "{\"Type\":\"Task\",\"Resource\":\"" + activity + "\","
        + "\"Retry\":[{\"ErrorEquals\":[\"Wlm.NoSlot\"],\"MaxAttempts\":3}],"
        + "\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":\"$.error\",\"Next\":\"Recover\"}],\"End\":true}";
    TestStateResponse retriable = sfn.testState(b -> b.definition(task).roleArn(ROLE).input("{\"k\":1}")
        .mock(m -> m.errorOutput(e -> e.error("Wlm.NoSlot").cause("full"))));
    assertEquals(TestExecutionStatus.RETRIABLE, retriable.status());
    assertEquals("Wlm.NoSlot", retriable.error());
    assertEquals("full", retriable.cause());
    TestStateResponse caught = sfn.testState(b -> b.definition(task).roleArn(ROLE).input("{\"k\":1}")
        .mock(m -> m.errorOutput(e -> e.error("Glue.EntityNotFoundException").cause("no job"))));
    assertEquals(TestExecutionStatus.CAUGHT_ERROR, caught.status());
    assertEquals("Recover", caught.nextState());
    assertEquals("{\"k\":1,\"error\":{\"Error\":\"Glue.EntityNotFoundException\",\"Cause\":\"no job\"}}", caught.output());
    TestStateResponse succeeded = sfn.testState(b -> b.definition(task).roleArn(ROLE).input("{\"k\":1}")
        .mock(m -> m.result("{\"ok\":true}")));
    assertEquals(TestExecutionStatus.SUCCEEDED, succeeded.status());
    assertEquals("{\"ok\":true}", succeeded.output());
    assertNull(succeeded.nextState());
  }

  @Test
  void debugShowsEachStepOfTheDataFlow() {
    String task = "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:us-east-1:123456789012:activity:mocked\","
        + "\"InputPath\":\"$.order\",\"Parameters\":{\"id.$\":\"$.id\"},\"ResultSelector\":{\"total.$\":\"$.sum\"},"
        + "\"ResultPath\":\"$.priced\",\"Next\":\"Ship\"}";
    TestStateResponse answer = sfn.testState(b -> b.definition(task).roleArn(ROLE).inspectionLevel(InspectionLevel.DEBUG)
        .input("{\"order\":{\"id\":7}}").mock(m -> m.result("{\"sum\":42,\"currency\":\"EUR\"}")));
    assertEquals(TestExecutionStatus.SUCCEEDED, answer.status());
    assertEquals("{\"order\":{\"id\":7},\"priced\":{\"total\":42}}", answer.output());
    assertEquals("{\"order\":{\"id\":7}}", answer.inspectionData().input());
    assertEquals("{\"id\":7}", answer.inspectionData().afterInputPath());
    assertEquals("{\"id\":7}", answer.inspectionData().afterParameters());
    assertEquals("{\"sum\":42,\"currency\":\"EUR\"}", answer.inspectionData().result());
    assertEquals("{\"total\":42}", answer.inspectionData().afterResultSelector());
    assertEquals("{\"order\":{\"id\":7},\"priced\":{\"total\":42}}", answer.inspectionData().afterResultPath());
  }

  @Test
  void aStateOfAWholeDefinitionIsPickedByName() {
    String machine = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Result\":1,\"Next\":\"B\"},"
        + "\"B\":{\"Type\":\"Pass\",\"Result\":2,\"End\":true}}}";
    TestStateResponse answer = sfn.testState(b -> b.definition(machine).roleArn(ROLE).stateName("B").input("{}"));
    assertEquals("2", answer.output());
    assertNull(answer.nextState());
  }

  @Test
  void variablesAreVisibleToTheState() {
    TestStateResponse answer = sfn.testState(b -> b.roleArn(ROLE).input("{}").variables("{\"limit\":5}")
        .definition("{\"Type\":\"Pass\",\"Parameters\":{\"l.$\":\"$limit\"},\"End\":true}"));
    assertEquals("{\"l\":5}", answer.output());
  }

  @Test
  void whatTestStateCannotRunIsRefused() {
    String activity = "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"End\":true}";
    assertThrows(ValidationException.class, () -> test(activity, "{}"));
    assertThrows(ValidationException.class, () -> test("{\"Type\":\"Parallel\",\"Branches\":[],\"End\":true}", "{}"));
    assertThrows(InvalidDefinitionException.class, () -> test("{\"Type\":\"Pass\",\"Nxt\":\"A\"}", "{}"));
    assertThrows(InvalidDefinitionException.class, () -> test("{\"Type\":", "{}"));
    assertThrows(ValidationException.class, () -> sfn.testState(b -> b.roleArn(ROLE).definition(
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}")));
    ValidationException bothMocks = assertThrows(ValidationException.class, () -> sfn.testState(b -> b.roleArn(ROLE)
        .definition(activity).mock(m -> m.result("{}").errorOutput(e -> e.error("E")))));
    assertTrue(bothMocks.awsErrorDetails().errorMessage().contains("exactly one"));
  }
}
