package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.task.TaskHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every JSONata field of every state type, run; expected values from the AWS documentation where it gives them. */
class JsonataExecutionTest {
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:fn";

  /** A JSONata definition whose states are {@code states} (a JSON object body), starting at {@code start}. */
  private static String jsonata(String start, String states) {
    return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"" + start + "\", \"States\": {" + states + "}}";
  }

  /** A handler that records the inputs it gets and answers with them. */
  private static TaskHandler echo(List<JsonNode> inputs) {
    return TaskHandler.sync(input -> {
      inputs.add(input);
      return input;
    });
  }

  @Test
  void theDocumentationsConversionExampleGivesTheSameArgumentsInBothDialects() {
    String jsonPath = """
        {"StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Assign": {"customerName": "María"}, "Next": "Call"},
          "Call": {"Type": "Task", "Resource": "%s", "End": true, "Parameters": {
            "static": "Hello", "title.$": "$.title", "name.$": "$customerName", "not-evaluated": "$customerName"}}}}"""
        .formatted(FN);
    String jsonata = jsonata("Init", """
          "Init": {"Type": "Pass", "Assign": {"customerName": "María"}, "Next": "Call"},
          "Call": {"Type": "Task", "Resource": "%s", "End": true, "Arguments": {
            "static": "Hello", "title": "{%% $states.input.title %%}", "name": "{%% $customerName %%}", "not-evaluated": "$customerName"}}"""
        .formatted(FN));
    JsonNode expected = json("{\"static\": \"Hello\", \"title\": \"Doctor\", \"name\": \"María\", \"not-evaluated\": \"$customerName\"}");
    for (String definition : List.of(jsonPath, jsonata)) {
      List<JsonNode> inputs = new ArrayList<>();
      Execution run = Harness.of(definition).handler(FN, echo(inputs)).run("{\"title\": \"Doctor\"}");
      assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::cause);
      assertEquals(List.of(expected), inputs);
      assertEquals(expected, run.output());
    }
  }

  @Test
  void passOutputDefaultsToTheInputAndCanBeComputed() {
    assertEquals(json("{\"a\": 1}"), Harness.of(jsonata("P", "\"P\": {\"Type\": \"Pass\", \"End\": true}")).run("{\"a\": 1}").output());
    Execution run = Harness.of(jsonata("P",
        "\"P\": {\"Type\": \"Pass\", \"Output\": {\"sum\": \"{% $sum($states.input.n) %}\", \"state\": \"{% $states.context.State.Name %}\","
            + " \"fixed\": [1, \"{% 'two' %}\"]}, \"End\": true}")).run("{\"n\": [1, 2, 3.5]}");
    assertEquals(json("{\"sum\": 6.5, \"state\": \"P\", \"fixed\": [1, \"two\"]}"), run.output());
  }

  @Test
  void taskArgumentsOutputAndAssignSeeInputAndResult() {
    List<JsonNode> inputs = new ArrayList<>();
    Execution run = Harness.of(jsonata("T", """
          "T": {"Type": "Task", "Resource": "%s", "Arguments": {"id": "{%% $states.input.id %%}"},
            "Output": {"echoed": "{%% $states.result.id %%}", "original": "{%% $states.input %%}"},
            "Assign": {"lastId": "{%% $states.result.id %%}"}, "Next": "Read"},
          "Read": {"Type": "Pass", "Output": "{%% $lastId %%}", "End": true}""".formatted(FN)))
        .handler(FN, echo(inputs)).run("{\"id\": 7, \"other\": true}");
    assertEquals(List.of(json("{\"id\": 7}")), inputs);
    assertEquals(json("7"), run.output());
    HistoryEvent exited = Harness.events(run, EventType.TaskStateExited).get(0);
    assertEquals(json("{\"echoed\": 7, \"original\": {\"id\": 7, \"other\": true}}"), json(exited.details().get("output").asText()));
    assertEquals("7", exited.details().get("assignedVariables").get("lastId").asText());
    assertEquals(json("{\"truncated\": false}"), exited.details().get("assignedVariablesDetails"));
  }

  @Test
  void aTaskWithoutOutputReturnsItsResult() {
    Execution run = Harness.of(jsonata("T", "\"T\": {\"Type\": \"Task\", \"Resource\": \"" + FN + "\", \"End\": true}"))
        .handler(FN, TaskHandler.sync(input -> json("{\"result\": true}"))).run("{\"in\": 1}");
    assertEquals(json("{\"result\": true}"), run.output());
  }

  @Test
  void timeoutAndHeartbeatCanBeExpressions() {
    Execution run = Harness.of(jsonata("T", """
          "T": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:slow",
            "TimeoutSeconds": "{% $states.input.limit * 60 %}", "HeartbeatSeconds": "{% $states.input.limit * 60 - 1 %}", "End": true}"""))
        .handler("arn:aws:states:us-east-1:123456789012:activity:slow", call -> call.started("w"))
        .run("{\"limit\": 2}");
    assertEquals(ErrorNames.HEARTBEAT_TIMEOUT, run.error());
    assertEquals(List.of(119.0), Harness.secondsOf(run, EventType.ActivityTimedOut));
    HistoryEvent scheduled = Harness.events(run, EventType.ActivityScheduled).get(0);
    assertEquals(120, scheduled.details().get("timeoutInSeconds").asInt());
    assertEquals(119, scheduled.details().get("heartbeatInSeconds").asInt());
  }

  @Test
  void aCatcherOutputsTheErrorOutputOrItsOwnOutputAndAssigns() {
    String definition = jsonata("T", """
          "T": {"Type": "Task", "Resource": "%s", "Next": "Done", "Catch": [
            {"ErrorEquals": ["Boom"], "Next": "Done", "Assign": {"why": "{%% $states.errorOutput.Cause %%}"}%s}]},
          "Done": {"Type": "Pass", "Output": {"in": "{%% $states.input %%}", "why": "{%% $why %%}"}, "End": true}""");
    TaskHandler boom = call -> call.fail("Boom", "it broke");
    Execution plain = Harness.of(definition.formatted(FN, "")).handler(FN, boom).run("{}");
    assertEquals(json("{\"in\": {\"Error\": \"Boom\", \"Cause\": \"it broke\"}, \"why\": \"it broke\"}"), plain.output());
    Execution shaped = Harness.of(definition.formatted(FN, ", \"Output\": {\"failed\": \"{% $states.errorOutput.Error %}\", \"input\": \"{% $states.input %}\"}"))
        .handler(FN, boom).run("{\"x\": 1}");
    assertEquals(json("{\"in\": {\"failed\": \"Boom\", \"input\": {\"x\": 1}}, \"why\": \"it broke\"}"), shaped.output());
  }

  @Test
  void aMatchedRuleAssignsItsOwnVariablesAndDefaultTheStates() {
    // the AWS-validated Choice example of LocalStack's test suite (choice_condition_jsonata)
    String definition = jsonata("ChoiceState", """
          "ChoiceState": {"Type": "Choice", "Choices": [
              {"Condition": "{% $states.input.condition %}", "Next": "ConditionTrue", "Assign": {"Assignment": "Condition assignment"}}],
            "Default": "DefaultState", "Assign": {"Assignment": "Default Assignment"}},
          "ConditionTrue": {"Type": "Pass", "End": true},
          "DefaultState": {"Type": "Fail", "Cause": "Condition is false"}""");
    Execution matched = Harness.of(definition).run("{\"condition\": true}");
    assertEquals(ExecutionStatus.SUCCEEDED, matched.status());
    assertEquals(json("{\"condition\": true}"), matched.output());
    assertEquals("\"Condition assignment\"",
        Harness.events(matched, EventType.ChoiceStateExited).get(0).details().get("assignedVariables").get("Assignment").asText());
    Execution fallback = Harness.of(definition).run("{\"condition\": false}");
    assertEquals("Condition is false", fallback.cause());
    assertEquals("\"Default Assignment\"",
        Harness.events(fallback, EventType.ChoiceStateExited).get(0).details().get("assignedVariables").get("Assignment").asText());
  }

  @Test
  void aRuleOutputShapesTheChoiceOutputAndAConditionMustBeBoolean() {
    String definition = jsonata("C", """
          "C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n %}", "Next": "D", "Output": {"seen": "{% $states.input.n %}"}}],
            "Default": "D"},
          "D": {"Type": "Succeed"}""");
    Execution notBoolean = Harness.of(definition).run("{\"n\": 3}");
    assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, notBoolean.error());
    assertTrue(notBoolean.cause().endsWith(
        "The JSONata expression '$states.input.n' specified for the field 'Choices[0]/Condition' returned 3, but it must be a boolean."),
        notBoolean.cause());
  }

  @Test
  void waitSecondsAndTimestampCanBeComputed() {
    Execution seconds = Harness.of(jsonata("W", "\"W\": {\"Type\": \"Wait\", \"Seconds\": \"{% $states.input.minutes * 60 %}\", \"End\": true}"))
        .run("{\"minutes\": 90}");
    assertEquals(5400_000L, seconds.stopDate().toEpochMilli() - seconds.startDate().toEpochMilli());
    Execution timestamp = Harness.of(jsonata("W",
        "\"W\": {\"Type\": \"Wait\", \"Timestamp\": \"{% $states.input.at %}\", \"Output\": {\"waited\": true}, \"End\": true}"))
        .run("{\"at\": \"2025-01-02T00:00:00Z\"}");
    assertEquals("2025-01-02T00:00:00Z", timestamp.stopDate().toString());
    assertEquals(json("{\"waited\": true}"), timestamp.output());
    Execution wrong = Harness.of(jsonata("W", "\"W\": {\"Type\": \"Wait\", \"Seconds\": \"{% 'soon' %}\", \"End\": true}")).run("{}");
    assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, wrong.error());
    assertTrue(wrong.cause().contains("specified for the field 'Seconds' returned \"soon\", but it must be an integer"), wrong.cause());
  }

  @Test
  void succeedOutputAndFailErrorAndCauseAreExpressions() {
    assertEquals(json("{\"ok\": 1}"),
        Harness.of(jsonata("S", "\"S\": {\"Type\": \"Succeed\", \"Output\": {\"ok\": \"{% $states.input.v %}\"}}")).run("{\"v\": 1}").output());
    Execution failed = Harness.of(jsonata("F",
        "\"F\": {\"Type\": \"Fail\", \"Error\": \"{% 'Order.' & $states.input.kind %}\", \"Cause\": \"{% 'order ' & $string($states.input.id) & ' refused' %}\"}"))
        .run("{\"kind\": \"Refused\", \"id\": 12}");
    assertEquals("Order.Refused", failed.error());
    assertEquals("order 12 refused", failed.cause());
  }

  @Test
  void parallelArgumentsFeedTheBranchesAndOutputSeesTheResults() {
    Execution run = Harness.of(jsonata("P", """
          "P": {"Type": "Parallel", "Arguments": {"n": "{% $states.input.n %}"}, "End": true,
            "Output": {"total": "{% $sum($states.result.n) %}", "count": "{% $count($states.result) %}"},
            "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {"n": "{% $states.input.n * 10 %}"}, "End": true}}},
              {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}""")).run("{\"n\": 2, \"ignored\": true}");
    assertEquals(json("{\"total\": 22, \"count\": 2}"), run.output());
  }

  @Test
  void mapItemsItemSelectorAndMaxConcurrencyAreExpressions() {
    Execution run = Harness.of(jsonata("M", """
          "M": {"Type": "Map", "Items": "{% $states.input.orders[qty > 0] %}", "MaxConcurrency": "{% $states.input.limit %}",
            "ItemSelector": {"sku": "{% $states.context.Map.Item.Value.sku %}", "index": "{% $states.context.Map.Item.Index %}",
              "customer": "{% $states.input.customer %}"},
            "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}},
            "Output": "{% $states.result.sku %}", "End": true}"""))
        .run("{\"customer\": \"c1\", \"limit\": 2, \"orders\": [{\"sku\": \"a\", \"qty\": 1}, {\"sku\": \"b\", \"qty\": 0},"
            + " {\"sku\": \"c\", \"qty\": 2}, {\"sku\": \"d\", \"qty\": 5}]}");
    assertEquals(json("[\"a\", \"c\", \"d\"]"), run.output());
    assertEquals(2000, run.stopDate().toEpochMilli() - run.startDate().toEpochMilli(), "three one-second items, two at a time");
    HistoryEvent first = Harness.events(run, EventType.WaitStateEntered).get(0);
    assertEquals(json("{\"sku\": \"a\", \"index\": 0, \"customer\": \"c1\"}"), json(first.details().get("input").asText()));
  }

  @Test
  void mapItemsMayBeALiteralArrayAndDefaultToTheInput() {
    Execution literal = Harness.of(jsonata("M", """
          "M": {"Type": "Map", "Items": [1, "{% $states.input.two %}", 3], "End": true,
            "ItemProcessor": {"StartAt": "D", "States": {"D": {"Type": "Pass", "Output": "{% $states.input * 2 %}", "End": true}}}}"""))
        .run("{\"two\": 2}");
    assertEquals(json("[2, 4, 6]"), literal.output());
    Execution notArray = Harness.of(jsonata("M", """
          "M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "D", "States": {"D": {"Type": "Succeed"}}}}"""))
        .run("{\"a\": 1}");
    assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, notArray.error());
  }

  @Test
  void aDistributedMapToleratesFailuresGivenByAnExpression() {
    String definition = jsonata("M", """
          "M": {"Type": "Map", "Items": "{% $states.input.items %}", "ToleratedFailureCount": "{% $states.input.tolerate %}",
            "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input > 1 %}", "Next": "Bad"}],
                "Default": "Good"}, "Bad": {"Type": "Fail", "Error": "Item.Bad"}, "Good": {"Type": "Succeed"}}}}""");
    assertEquals(ExecutionStatus.SUCCEEDED, Harness.of(definition).run("{\"items\": [1, 2, 3], \"tolerate\": 2}").status());
    assertEquals(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, Harness.of(definition).run("{\"items\": [1, 2, 3], \"tolerate\": 1}").error());
  }

  @Test
  void aDistributedMapBatchesWithComputedSizesAndBatchInput() {
    Execution run = Harness.of(jsonata("M", """
          "M": {"Type": "Map", "Items": "{% $range(1, 5, 1) %}", "End": true,
            "ItemBatcher": {"MaxItemsPerBatch": "{% $states.input.size %}", "BatchInput": {"run": "{% $states.input.run %}"}},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "B", "States": {"B": {"Type": "Pass",
                "Output": {"run": "{% $states.input.BatchInput.run %}", "sum": "{% $sum($states.input.Items) %}"}, "End": true}}}}"""))
        .run("{\"size\": 2, \"run\": \"r1\"}");
    assertEquals(json("[{\"run\": \"r1\", \"sum\": 3}, {\"run\": \"r1\", \"sum\": 7}, {\"run\": \"r1\", \"sum\": 5}]"), run.output());
  }

  @Test
  void anUndefinedResultFailsWithAwsCauseAndAnEvaluationFailedEvent() {
    Execution run = Harness.of(jsonata("S", "\"S\": {\"Type\": \"Pass\", \"Output\": {\"v\": \"{% $states.input.absent %}\"}, \"End\": true}"))
        .run("{}");
    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, run.error());
    assertEquals("An error occurred while executing the state 'S' (entered at the event id #2). The JSONata expression"
        + " '$states.input.absent' specified for the field 'Output/v' returned nothing (undefined).", run.cause());
    HistoryEvent failed = Harness.events(run, EventType.EvaluationFailed).get(0);
    assertEquals("Output/v", failed.details().get("location").asText());
    assertEquals("S", failed.details().get("state").asText());
    assertEquals(run.cause(), failed.details().get("cause").asText());
  }

  @Test
  void aQueryEvaluationErrorInArgumentsCanBeRetriedAndCaught() {
    Execution run = Harness.of(jsonata("T", """
          "T": {"Type": "Task", "Resource": "%s", "Arguments": {"n": "{%% $number($states.input.n) %%}"},
            "Retry": [{"ErrorEquals": ["States.QueryEvaluationError"], "MaxAttempts": 1, "IntervalSeconds": 5}],
            "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "Handled"}], "End": true},
          "Handled": {"Type": "Pass", "Output": "{%% $states.input.Error %%}", "End": true}""".formatted(FN)))
        .handler(FN, TaskHandler.sync(input -> input)).run("{\"n\": \"abc\"}");
    assertEquals(json("\"States.QueryEvaluationError\""), run.output());
    assertEquals(2, Harness.events(run, EventType.EvaluationFailed).size(), "one per attempt");
    assertEquals(5000, run.stopDate().toEpochMilli() - run.startDate().toEpochMilli());
  }

  @Test
  void theAddedFunctionsRepeatForASeed() {
    String definition = jsonata("S", "\"S\": {\"Type\": \"Pass\", \"Output\": {\"id\": \"{% $uuid() %}\", \"r\": \"{% $random() %}\","
        + " \"chunks\": \"{% $partition($range(1, 5, 1), 2) %}\", \"h\": \"{% $hash('abc', 'SHA-1') %}\", \"p\": \"{% $parse('[1]') %}\"}, \"End\": true}");
    JsonNode first = Harness.of(definition).seed(3).run("{}").output();
    assertEquals(first, Harness.of(definition).seed(3).run("{}").output());
    assertTrue(!first.equals(Harness.of(definition).seed(4).run("{}").output()), "another seed, other values");
    assertEquals(json("[[1,2],[3,4],[5]]"), first.get("chunks"));
    assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", first.get("h").asText());
    assertEquals(json("[1]"), first.get("p"));
  }

  @Test
  void nowIsTheVirtualTime() {
    Execution run = Harness.of(jsonata("W", """
          "W": {"Type": "Wait", "Seconds": 90, "Next": "P"},
          "P": {"Type": "Pass", "Output": {"now": "{% $now() %}", "entered": "{% $states.context.State.EnteredTime %}"}, "End": true}"""))
        .run("{}");
    assertEquals(json("{\"now\": \"2025-01-01T00:01:30Z\", \"entered\": \"2025-01-01T00:01:30Z\"}"), run.output());
  }

  @Test
  void variablesCrossBetweenTheDialects() {
    Execution run = Harness.of("""
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"total": "{% $sum($states.input.n) %}"}, "Next": "B"},
          "B": {"Type": "Pass", "Parameters": {"t.$": "$total"}, "Assign": {"doubled.$": "States.MathAdd($total, $total)"}, "Next": "C"},
          "C": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"t": "{% $states.input.t %}", "d": "{% $doubled %}"}, "End": true}}}
        """).run("{\"n\": [1, 2]}");
    assertEquals(json("{\"t\": 3, \"d\": 6}"), run.output());
  }

  @Test
  void aFailedHandlerErrorIsNotWrappedAsAQueryError() {
    Execution run = Harness.of(jsonata("T", "\"T\": {\"Type\": \"Task\", \"Resource\": \"" + FN + "\", \"End\": true}"))
        .handler(FN, TaskHandler.sync(input -> {
          throw new StatesError("Own.Error", "mine");
        })).run("{}");
    assertEquals("Own.Error", run.error());
    assertEquals("mine", run.cause());
  }
}
