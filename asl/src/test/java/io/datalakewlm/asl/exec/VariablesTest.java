package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.task.TaskHandler;
import org.junit.jupiter.api.Test;

/** Workflow variables at run time: evaluation order, scopes, the size limits and the history. */
class VariablesTest {
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:fn";

  @Test
  void jsonPathAssignReadsTheResult() {
    // LocalStack's AWS-validated BASE_ASSIGN_FROM_RESULT: $ in Assign is the state's result
    Execution run = Harness.of("""
        {"StartAt": "State0", "States": {
          "State0": {"Type": "Pass", "Result": {"answer": 42}, "Assign": {"theAnswer.$": "$.answer"}, "Next": "Read"},
          "Read": {"Type": "Pass", "Parameters": {"v.$": "$theAnswer"}, "End": true}}}
        """).run("{}");
    assertEquals(json("{\"v\": 42}"), run.output());
  }

  @Test
  void everyFieldOfAStateReadsTheValuesFromBeforeItsOwnAssign() {
    // LocalStack's AWS-validated BASE_EVALUATION_ORDER_PASS_STATE: OutputPath sees the old answer
    Execution run = Harness.of("""
        {"StartAt": "State0", "States": {
          "State0": {"Type": "Pass", "Result": {"theQuestion": "What is the answer to life the universe and everything?"},
            "Assign": {"question.$": "$.theQuestion", "answer": 42}, "Next": "State1"},
          "State1": {"Type": "Pass", "InputPath": "$answer", "ResultPath": "$.theAnswer", "OutputPath": "$answer",
            "Assign": {"answer": "<omitted>"}, "Next": "Final"},
          "Final": {"Type": "Pass", "Parameters": {"out.$": "$", "answer.$": "$answer"}, "End": true}}}
        """).run("{}");
    assertEquals(json("{\"out\": 42, \"answer\": \"<omitted>\"}"), run.output());
    Execution jsonata = Harness.of("""
        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
          "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
          "B": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "y": "{% $x %}"}, "Output": {"x": "{% $x %}"}, "Next": "C"},
          "C": {"Type": "Pass", "Output": {"before": "{% $states.input.x %}", "x": "{% $x %}", "y": "{% $y %}"}, "End": true}}}
        """).run("{}");
    assertEquals(json("{\"before\": 1, \"x\": 2, \"y\": 1}"), jsonata.output());
  }

  @Test
  void aCatcherAndAChoiceRuleAssignInJsonPath() {
    Execution run = Harness.of("""
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "%s", "End": true,
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Assign": {"why.$": "$.Cause"}, "Next": "C"}]},
          "C": {"Type": "Choice", "Choices": [{"Variable": "$why", "StringEquals": "busy", "Assign": {"retry": true}, "Next": "D"}],
            "Default": "D"},
          "D": {"Type": "Pass", "Parameters": {"why.$": "$why", "retry.$": "$retry", "in.$": "$"}, "End": true}}}
        """.formatted(FN)).handler(FN, call -> call.fail("Busy", "busy")).run("{\"k\": 1}");
    assertEquals(json("{\"why\": \"busy\", \"retry\": true, \"in\": {\"k\": 1}}"), run.output());
  }

  @Test
  void mapIterationsReadOuterVariablesAndKeepTheirOwnToThemselves() {
    Execution run = Harness.of("""
        {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Assign": {"factor": 10}, "Next": "Each"},
          "Each": {"Type": "Map", "Items": "{% $states.input.items %}", "Next": "After",
            "ItemProcessor": {"StartAt": "Scale", "States": {
              "Scale": {"Type": "Pass", "Assign": {"scaled": "{% $states.input * $factor %}"}, "Next": "Report"},
              "Report": {"Type": "Pass", "Output": "{% $scaled %}", "End": true}}}},
          "After": {"Type": "Pass", "Output": {"results": "{% $states.input %}", "leaked": "{% $exists($scaled) %}"}, "End": true}}}
        """).run("{\"items\": [1, 2, 3]}");
    assertEquals(json("{\"results\": [10, 20, 30], \"leaked\": false}"), run.output());
  }

  @Test
  void parallelBranchesReadOuterVariablesButNotEachOthers() {
    Execution run = Harness.of("""
        {"StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Assign": {"shared": "outer"}, "Next": "P"},
          "P": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"mine": "a"}, "Next": "A2"},
              "A2": {"Type": "Pass", "Parameters": {"shared.$": "$shared", "mine.$": "$mine"}, "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 5, "Next": "B2"},
              "B2": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"shared": "{% $shared %}", "sawA": "{% $exists($mine) %}"},
                "End": true}}}]}}}
        """).run("{}");
    assertEquals(json("[{\"shared\": \"outer\", \"mine\": \"a\"}, {\"shared\": \"outer\", \"sawA\": false}]"), run.output());
  }

  @Test
  void aDistributedMapChildSeesNoOuterVariable() {
    Execution run = Harness.of("""
        {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Assign": {"limit": 5}, "Next": "Each"},
          "Each": {"Type": "Map", "Items": [1], "End": true, "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Read", "States": {"Read": {"Type": "Pass", "Output": "{% $limit %}", "End": true}}}}}}
        """).run("{}");
    assertEquals(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, run.error());
    Execution passed = Harness.of("""
        {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Assign": {"limit": 5}, "Next": "Each"},
          "Each": {"Type": "Map", "Items": [1], "ItemSelector": {"limit": "{% $limit %}"}, "End": true, "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Read", "States": {"Read": {"Type": "Pass", "Output": "{% $states.input.limit %}", "End": true}}}}}}
        """).run("{}");
    assertEquals(json("[5]"), passed.output());
  }

  @Test
  void readingAnUnassignedVariableFailsTheState() {
    Execution jsonPath = Harness.of("""
        {"StartAt": "S", "States": {"S": {"Type": "Pass", "Parameters": {"v.$": "$nothing"}, "End": true}}}
        """).run("{}");
    assertEquals(ErrorNames.RUNTIME, jsonPath.error());
    assertTrue(jsonPath.cause().contains("the variable '$nothing' is not defined"), jsonPath.cause());
  }

  @Test
  void theSizeLimitsFailTheStateWithDataLimitExceeded() {
    String big = "x".repeat(200 * 1024);
    Execution oneTooBig = Harness.of("""
        {"StartAt": "S", "States": {"S": {"Type": "Pass", "Assign": {"v.$": "States.Format('{}{}', $.big, $.big)"}, "End": true}}}
        """).run("{\"big\": \"" + big + "\"}");
    assertEquals(ErrorNames.DATA_LIMIT_EXCEEDED, oneTooBig.error());
    assertTrue(oneTooBig.cause().contains("the variable 'v' would hold 409602 bytes; a variable holds at most 262144"), oneTooBig.cause());
    Execution assignTooBig = Harness.of("""
        {"StartAt": "S", "States": {"S": {"Type": "Pass", "Assign": {"a.$": "$.big", "b.$": "$.big"}, "End": true}}}
        """).run("{\"big\": \"" + big + "\"}");
    assertEquals(ErrorNames.DATA_LIMIT_EXCEEDED, assignTooBig.error());
    assertTrue(assignTooBig.cause().contains("one Assign stores at most 262144 bytes"), assignTooBig.cause());
    StringBuilder states = new StringBuilder();
    for (int i = 0; i < 52; i++) {
      states.append(i == 0 ? "" : ",").append("\"S").append(i).append("\": {\"Type\": \"Pass\", \"Assign\": {\"v").append(i)
          .append(".$\": \"$.big\"}, ").append(i == 51 ? "\"End\": true}" : "\"Next\": \"S" + (i + 1) + "\"}");
    }
    Execution executionTooBig = Harness.of("{\"StartAt\": \"S0\", \"States\": {" + states + "}}").run("{\"big\": \"" + big + "\"}");
    assertEquals(ErrorNames.DATA_LIMIT_EXCEEDED, executionTooBig.error());
    assertTrue(executionTooBig.cause().startsWith("State 'S51' exceeds"), "the 52nd variable of 200 KiB passes 10 MiB: "
        + executionTooBig.cause().substring(0, 40));
    Execution reassigned = Harness.of("{\"StartAt\": \"S0\", \"States\": {" + states.toString().replaceAll("\"v\\d+\\.\\$\"", "\"v.\\$\"")
        + "}}").run("{\"big\": \"" + big + "\"}");
    assertEquals(ExecutionStatus.SUCCEEDED, reassigned.status(), "reassigning one variable does not add up");
  }

  @Test
  void aDataLimitErrorIsNotCaughtByStatesAll() {
    Execution run = Harness.of("""
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "%s", "Assign": {"v.$": "$.big"}, "End": true,
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
          "Caught": {"Type": "Succeed"}}}
        """.formatted(FN)).handler(FN, TaskHandler.sync(input -> json("{\"big\": \"" + "y".repeat(300 * 1024) + "\"}"))).run("{}");
    assertEquals(ErrorNames.DATA_LIMIT_EXCEEDED, run.error());
  }

  @Test
  void stateExitedEventsListTheAssignedVariablesOnly() {
    Execution run = Harness.of("""
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Assign": {"n": 1, "o": {"k": [true]}}, "Next": "B"},
          "B": {"Type": "Pass", "End": true}}}
        """).run("{}");
    HistoryEvent a = Harness.events(run, EventType.PassStateExited).get(0);
    JsonNode variables = a.details().get("assignedVariables");
    assertEquals("1", variables.get("n").asText());
    assertEquals("{\"k\":[true]}", variables.get("o").asText());
    assertFalse(Harness.events(run, EventType.PassStateExited).get(1).details().has("assignedVariables"));
  }
}
