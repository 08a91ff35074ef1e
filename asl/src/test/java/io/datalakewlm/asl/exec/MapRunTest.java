package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.parse.DefinitionParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The map runs of Distributed Map states as the API sees them, their updates, and execution roles. */
class MapRunTest {
  /** Each child waits a minute and fails when its item is odd. */
  private static final String MAP = """
      {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "Label": "each", "MaxConcurrency": 1,
        "ToleratedFailureCount": 5,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
          "StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": 60, "Next": "Odd?"},
            "Odd?": {"Type": "Choice", "Choices": [{"Variable": "$.odd", "BooleanEquals": true, "Next": "F"}],
                     "Default": "S"},
            "F": {"Type": "Fail", "Error": "Odd"},
            "S": {"Type": "Succeed"}}}}}}""";

  private final StatesRuntime runtime = StatesRuntime.builder().build();

  private Execution start(String input) {
    return runtime.start(DefinitionParser.parse(MAP), runtime.stateMachineArn("parent"), "run", json(input),
        "arn:aws:iam::123456789012:role/ParentRole");
  }

  private static String items(int count) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : ",").append("{\"odd\":").append(i % 2 == 1).append('}');
    }
    return text.append(']').toString();
  }

  private MapRun onlyMapRun(Execution execution) {
    List<MapRun> runs = runtime.mapRuns(execution.arn());
    assertEquals(1, runs.size());
    return runs.get(0);
  }

  @Test
  void aMapRunReportsItsSettingsChildrenAndCounts() {
    Execution execution = start("[{\"odd\":false},{\"odd\":true},{\"odd\":false}]");
    runtime.scheduler().runUntil(runtime.scheduler().nowMillis() + 30_000);
    MapRun run = onlyMapRun(execution);
    assertEquals(MapRun.Status.RUNNING, run.status());
    assertEquals(runtime.stateMachineArn("parent/each"), run.stateMachineArn());
    assertEquals("each", run.label());
    assertEquals(1, run.maxConcurrency());
    assertEquals(5L, run.toleratedFailureCount());
    assertNull(run.toleratedFailurePercentage());
    assertNull(run.stopDate());
    assertEquals(new MapRun.Counts(2, 1, 0, 0, 0, 0, 3), run.executionCounts());
    String mapRunArn = Harness.events(execution, EventType.MapRunStarted).get(0).details().path("mapRunArn").asText();
    assertEquals(mapRunArn, run.arn());
    assertEquals(run, runtime.mapRun(mapRunArn));
    assertEquals(mapRunArn, run.children().get(0).mapRunArn());
    runtime.scheduler().run();
    assertEquals(MapRun.Status.SUCCEEDED, run.status());
    assertEquals(new MapRun.Counts(0, 0, 2, 1, 0, 0, 3), run.executionCounts());
    assertEquals(run.executionCounts(), run.itemCounts());
    assertEquals(execution.stopDate(), run.stopDate());
    assertFalse(run.update(new MapRun.Update(10, null, null)), "an ended run cannot be updated");
  }

  @Test
  void raisingTheConcurrencyOfARunningMapRunStartsMoreChildrenAtOnce() {
    Execution execution = start(items(6).replace("true", "false"));
    runtime.scheduler().runUntil(runtime.scheduler().nowMillis() + 30_000);
    MapRun run = onlyMapRun(execution);
    assertEquals(1, run.executionCounts().running());
    assertTrue(run.update(new MapRun.Update(3, null, null)));
    runtime.scheduler().runUntil(runtime.scheduler().nowMillis() + 1);
    assertEquals(3, run.executionCounts().running());
    assertEquals(3, run.maxConcurrency());
    runtime.scheduler().run();
    // one at a time, six children take 360 s; from 30 s on, three at a time end at 150 s
    assertEquals(150_000, execution.stopDate().toEpochMilli() - execution.startDate().toEpochMilli(), 1_000);
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
  }

  @Test
  void loweringTheToleratedFailuresBelowTheFailuresSoFarFailsTheRunAtOnce() {
    Execution execution = start(items(6));
    runtime.scheduler().runUntil(runtime.scheduler().nowMillis() + 150_000);
    MapRun run = onlyMapRun(execution);
    assertEquals(1, run.executionCounts().failed());
    assertTrue(run.update(new MapRun.Update(null, 0L, null)));
    runtime.scheduler().run();
    assertEquals(MapRun.Status.FAILED, run.status());
    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("States.ExceedToleratedFailureThreshold", execution.error());
    assertEquals(150_000, run.stopDate().toEpochMilli() - run.startDate().toEpochMilli(), 1_000);
    assertEquals(1, run.executionCounts().aborted());
  }

  @Test
  void childrenRunAsTheParentsRoleAndTheClosingEventPointsAtTheLastStateEvent() {
    Execution execution = start("[{\"odd\":false}]");
    runtime.scheduler().run();
    String role = "arn:aws:iam::123456789012:role/ParentRole";
    assertEquals(role, execution.roleArn());
    assertEquals(role, execution.history().get(0).details().path("roleArn").asText());
    Execution child = onlyMapRun(execution).children().get(0);
    assertEquals(role, child.roleArn());
    for (Execution run : List.of(execution, child)) {
      List<HistoryEvent> events = run.history();
      HistoryEvent last = events.get(events.size() - 1);
      assertEquals(EventType.ExecutionSucceeded, last.type());
      assertEquals(events.get(events.size() - 2).id(), last.previousEventId());
    }
    Execution defaultRole = runtime.start(DefinitionParser.parse(
        "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"E\"}}}"), json("{}"));
    runtime.scheduler().run();
    assertEquals("arn:aws:iam::123456789012:role/StatesExecutionRole", defaultRole.roleArn());
    List<HistoryEvent> failed = defaultRole.history();
    assertEquals(EventType.ExecutionFailed, failed.get(failed.size() - 1).type());
    assertEquals(failed.get(failed.size() - 2).id(), failed.get(failed.size() - 1).previousEventId());
  }

  // A distributed Map over [1, 2] whose child fails for item 2, after a Pass that assigns $tolerated.
  private static Execution toleratingOneOfTwo(String queryLanguage, String tolerance, int tolerated) {
    String condition = queryLanguage.equals("JSONata")
        ? "{\"Condition\": \"{% $states.input = 2 %}\", \"Next\": \"F\"}"
        : "{\"Variable\": \"$\", \"NumericEquals\": 2, \"Next\": \"F\"}";
    return Harness.of("""
        {"QueryLanguage": "%s", "StartAt": "A", "States": {
          "A": {"Type": "Pass", "Assign": {"tolerated": %d, "max": 1}, "Next": "M"},
          "M": {"Type": "Map", "End": true, %s,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "Two?", "States": {
                "Two?": {"Type": "Choice", "Choices": [%s], "Default": "S"},
                "F": {"Type": "Fail", "Error": "Two"},
                "S": {"Type": "Succeed"}}}}}}""".formatted(queryLanguage, tolerated, tolerance, condition)).run("[1, 2]");
  }

  @Test
  void toleratedFailuresAndConcurrencyCanComeFromVariablesAndJsonata() {
    String fromVariables = "\"MaxConcurrencyPath\": \"$max\", \"ToleratedFailureCountPath\": \"$tolerated\"";
    assertEquals(ExecutionStatus.SUCCEEDED, toleratingOneOfTwo("JSONPath", fromVariables, 1).status());
    assertEquals("States.ExceedToleratedFailureThreshold", toleratingOneOfTwo("JSONPath", fromVariables, 0).error());
    String fromJsonata = "\"ToleratedFailureCount\": \"{% $tolerated %}\", \"ToleratedFailurePercentage\": \"{% $tolerated * 50 %}\"";
    assertEquals(ExecutionStatus.SUCCEEDED, toleratingOneOfTwo("JSONata", fromJsonata, 1).status());
    assertEquals("States.ExceedToleratedFailureThreshold", toleratingOneOfTwo("JSONata", fromJsonata, 0).error());
  }
}
