package io.datalakewlm.asl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.model.Catcher;
import io.datalakewlm.asl.model.ChoiceState;
import io.datalakewlm.asl.model.Condition;
import io.datalakewlm.asl.model.FailState;
import io.datalakewlm.asl.model.Io;
import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.model.Operator;
import io.datalakewlm.asl.model.ParallelState;
import io.datalakewlm.asl.model.PassState;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.model.Retrier;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.model.SucceedState;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.asl.model.WaitState;
import io.datalakewlm.asl.path.JsonPath;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Valid definitions of every state type build the model the interpreter runs, defaults filled in. */
class ModelBuildingTest {

  @Test
  void topLevelFieldsAndStateOrderAreKept() {
    StateMachine machine =
        DefinitionParser.parse(
            """
            {"Comment": "demo", "Version": "1.0", "TimeoutSeconds": 600, "StartAt": "B",
             "States": {
               "B": {"Type": "Pass", "Next": "A"},
               "A": {"Type": "Succeed"}}}
            """);
    assertEquals("demo", machine.comment());
    assertEquals("1.0", machine.version());
    assertEquals(600, machine.timeoutSeconds());
    assertEquals("B", machine.startAt());
    assertEquals(QueryLanguage.JSONPATH, machine.queryLanguage());
    assertEquals(List.of("B", "A"), List.copyOf(machine.states().keySet()));
    assertEquals("A", machine.state("B").next());
    assertInstanceOf(SucceedState.class, machine.state("A"));
  }

  @Test
  void passStateGetsDefaultPathsAndKeepsItsResult() {
    PassState pass =
        (PassState) DefinitionParser.parse(
            DiagnosticAssertions.oneState("{\"Type\": \"Pass\", \"Result\": {\"x\": 1}, \"End\": true}")).state("S");
    assertEquals("{\"x\":1}", pass.result().toString());
    assertTrue(pass.end());
    assertNull(pass.next());
    assertPath("$", pass.io().inputPath());
    assertPath("$", pass.io().outputPath());
    assertPath("$", pass.io().resultPath());
    assertNull(pass.io().parameters());
    assertNull(pass.io().resultSelector());
  }

  @Test
  void nullPathsMeanDiscard() {
    PassState pass =
        (PassState) DefinitionParser.parse(
            DiagnosticAssertions.oneState(
                "{\"Type\": \"Pass\", \"InputPath\": null, \"ResultPath\": null, \"OutputPath\": \"$.a\", \"End\": true}"))
            .state("S");
    assertEquals(Optional.empty(), pass.io().inputPath());
    assertEquals(Optional.empty(), pass.io().resultPath());
    assertPath("$.a", pass.io().outputPath());
  }

  @Test
  void taskStateGetsTimeoutAndRetrierDefaults() {
    TaskState task =
        (TaskState) DefinitionParser.parse(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "f", "Payload.$": "$"},
                    "ResultSelector": {"body.$": "$.Payload"},
                    "ResultPath": "$.result",
                    "HeartbeatSeconds": 60,
                    "Retry": [{"ErrorEquals": ["Wlm.NoSlot"]},
                              {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5, "MaxAttempts": 0,
                               "BackoffRate": 1.5, "MaxDelaySeconds": 30, "JitterStrategy": "FULL"}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
                    "End": true},
              "Failed": {"Type": "Fail", "Error": "Wlm.Failed"}}}
            """).state("T");
    assertEquals("arn:aws:states:::lambda:invoke", task.resource());
    assertEquals(TaskState.DEFAULT_TIMEOUT_SECONDS, task.timeoutSeconds());
    assertNull(task.timeoutSecondsPath());
    assertEquals(60, task.heartbeatSeconds());
    assertTrue(task.io().parameters() != null && task.io().resultSelector() != null);
    assertPath("$.result", task.io().resultPath());

    Retrier defaults = task.retry().get(0);
    assertEquals(List.of("Wlm.NoSlot"), defaults.errorEquals());
    assertEquals(1.0, defaults.intervalSeconds());
    assertEquals(3, defaults.maxAttempts());
    assertEquals(2.0, defaults.backoffRate());
    assertNull(defaults.maxDelaySeconds());
    assertEquals(Retrier.JitterStrategy.NONE, defaults.jitterStrategy());
    Retrier custom = task.retry().get(1);
    assertEquals(5.0, custom.intervalSeconds());
    assertEquals(0, custom.maxAttempts());
    assertEquals(1.5, custom.backoffRate());
    assertEquals(30, custom.maxDelaySeconds());
    assertEquals(Retrier.JitterStrategy.FULL, custom.jitterStrategy());

    Catcher catcher = task.catchers().get(0);
    assertEquals("Failed", catcher.next());
    assertPath("$", catcher.resultPath());
  }

  @Test
  void taskWithTimeoutPathHasNoFixedTimeout() {
    TaskState task =
        (TaskState) DefinitionParser.parse(
            DiagnosticAssertions.oneState(
                "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:eu-west-1:123456789012:activity:Run\","
                    + " \"TimeoutSecondsPath\": \"$.timeout\", \"HeartbeatSecondsPath\": \"$.beat\", \"End\": true}"))
            .state("S");
    assertNull(task.timeoutSeconds());
    assertEquals("$.timeout", task.timeoutSecondsPath().text());
    assertEquals("$.beat", task.heartbeatSecondsPath().text());
  }

  @Test
  void choiceStateBuildsConditions() {
    ChoiceState choice =
        (ChoiceState) DefinitionParser.parse(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Default": "Wait",
                    "Choices": [
                      {"Variable": "$.ready", "BooleanEquals": true, "Next": "Done", "Comment": "go"},
                      {"And": [{"Variable": "$.n", "NumericGreaterThanPath": "$.limit"},
                               {"Not": {"Variable": "$.name", "StringMatches": "log-*.txt"}}],
                       "Next": "Done"}]},
              "Wait": {"Type": "Wait", "Seconds": 10, "Next": "C"},
              "Done": {"Type": "Succeed"}}}
            """).state("C");
    assertEquals("Wait", choice.defaultState());
    assertNull(choice.next());
    assertPath("$", choice.io().inputPath());
    assertNull(choice.io().resultPath());

    ChoiceState.ChoiceRule first = choice.choices().get(0);
    assertEquals("Done", first.next());
    assertEquals("go", first.comment());
    Condition.Comparison ready = (Condition.Comparison) first.condition();
    assertEquals("$.ready", ready.variable().text());
    assertEquals(Operator.BOOLEAN_EQUALS, ready.operator());
    assertTrue(ready.value().booleanValue());
    assertNull(ready.valuePath());

    Condition.And and = (Condition.And) choice.choices().get(1).condition();
    Condition.Comparison limit = (Condition.Comparison) and.conditions().get(0);
    assertEquals(Operator.NUMERIC_GREATER_THAN, limit.operator());
    assertNull(limit.value());
    assertEquals("$.limit", limit.valuePath().text());
    Condition.Not not = (Condition.Not) and.conditions().get(1);
    assertEquals(Operator.STRING_MATCHES, ((Condition.Comparison) not.condition()).operator());
  }

  @Test
  void waitStateKeepsTheOneFieldItHas() {
    StateMachine machine =
        DefinitionParser.parse(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Wait", "Seconds": 3600, "Next": "B"},
              "B": {"Type": "Wait", "Timestamp": "2024-01-02T03:04:05Z", "Next": "C"},
              "C": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "D"},
              "D": {"Type": "Wait", "TimestampPath": "$.until", "End": true}}}
            """);
    WaitState seconds = (WaitState) machine.state("A");
    assertEquals(3600L, seconds.seconds());
    assertNull(seconds.timestamp());
    assertEquals("2024-01-02T03:04:05Z", ((WaitState) machine.state("B")).timestamp());
    assertEquals("$.wait", ((WaitState) machine.state("C")).secondsPath().text());
    assertEquals("$.until", ((WaitState) machine.state("D")).timestampPath().text());
  }

  @Test
  void failStateKeepsErrorAndCause() {
    StateMachine machine =
        DefinitionParser.parse(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "B"}],
                    "Default": "C"},
              "B": {"Type": "Fail", "Error": "Wlm.MissingDatasets", "Cause": "not ready"},
              "C": {"Type": "Fail", "ErrorPath": "$.error", "CausePath": "$.cause"}}}
            """);
    FailState fixed = (FailState) machine.state("B");
    assertEquals("Wlm.MissingDatasets", fixed.error());
    assertEquals("not ready", fixed.cause());
    assertSame(Io.NONE, fixed.io());
    FailState fromPaths = (FailState) machine.state("C");
    assertEquals("$.error", fromPaths.errorPath().text());
    assertEquals("$.cause", fromPaths.causePath().text());
    assertNull(fromPaths.errorFunction());
  }

  @Test
  void parallelBranchesAreSubMachines() {
    ParallelState parallel =
        (ParallelState) DefinitionParser.parse(
            """
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "End": true,
                    "Branches": [
                      {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                      {"StartAt": "B", "Comment": "second", "States": {"B": {"Type": "Succeed"}}}]}}}
            """).state("P");
    assertEquals(2, parallel.branches().size());
    assertEquals("A", parallel.branches().get(0).startAt());
    assertEquals("second", parallel.branches().get(1).comment());
    assertNull(parallel.branches().get(0).timeoutSeconds());
    assertPath("$", parallel.io().resultPath());
    assertTrue(parallel.retry().isEmpty() && parallel.catchers().isEmpty());
  }

  @Test
  void inlineMapDefaultsAndDeprecatedNames() {
    MapState map =
        (MapState) DefinitionParser.parse(
            """
            {"StartAt": "M", "States": {
              "M": {"Type": "Map", "End": true,
                    "Iterator": {"StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
                    "Parameters": {"item.$": "$$.Map.Item.Value"}}}}
            """).state("M");
    assertEquals(MapState.Mode.INLINE, map.mode());
    assertNull(map.executionType());
    assertEquals("Work", map.processor().startAt());
    assertEquals("$", map.itemsPath().text());
    assertEquals(0, map.maxConcurrency());
    assertTrue(map.itemSelector() != null, "the deprecated Parameters becomes the ItemSelector");
    assertNull(map.io().parameters());
    assertEquals(MapState.Tolerance.NONE, map.tolerance());
    assertNull(map.itemBatcher());
    assertPath("$", map.io().resultPath());
  }

  @Test
  void distributedMapFields() {
    MapState map =
        (MapState) DefinitionParser.parse(
            """
            {"StartAt": "M", "States": {
              "M": {"Type": "Map", "Next": "Done", "ItemsPath": "$.batches", "MaxConcurrencyPath": "$.limit",
                    "ItemProcessor": {
                      "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                      "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
                    "ItemSelector": {"batch.$": "$$.Map.Item.Value"},
                    "ItemBatcher": {"MaxItemsPerBatch": 10, "BatchInput": {"run.$": "$.run"}},
                    "ToleratedFailurePercentage": 5.5, "ToleratedFailureCount": 2,
                    "Label": "batches"},
              "Done": {"Type": "Succeed"}}}
            """).state("M");
    assertEquals(MapState.Mode.DISTRIBUTED, map.mode());
    assertEquals("EXPRESS", map.executionType());
    assertEquals("$.batches", map.itemsPath().text());
    assertNull(map.maxConcurrency());
    assertEquals("$.limit", map.maxConcurrencyPath().text());
    assertEquals(2, map.tolerance().count());
    assertEquals(5.5, map.tolerance().percentage());
    assertEquals(10, map.itemBatcher().maxItemsPerBatch());
    assertTrue(map.itemBatcher().batchInput() != null);
    assertEquals("batches", map.label());
    assertEquals("Done", map.next());
    assertFalse(map.end());
  }

  // Asserts a path field holds the given path.
  private static void assertPath(String expected, Optional<JsonPath> actual) {
    assertTrue(actual != null && actual.isPresent(), () -> "expected " + expected + ", got " + actual);
    assertEquals(expected, actual.get().text());
  }
}
