package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.task.TaskHandler;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Execution.redrive(): resuming a failed, timed-out or aborted execution in its own history. */
class RedriveTest {
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:work";

  @Test
  void aRedriveResumesAtTheFailedTaskWithItsInputVariablesAndRedriveCount() {
    AtomicInteger calls = new AtomicInteger();
    Resources resources = new Resources();
    resources.register(FN, TaskHandler.sync(input -> {
      if (calls.incrementAndGet() == 1) {
        throw new StatesError("Flaky", "first call");
      }
      return json("{\"seen\": " + input.get("n") + "}");
    }));
    StatesRuntime runtime = StatesRuntime.builder().resolver(resources).build();
    Execution execution = runtime.start(DefinitionParser.parse("""
        {"StartAt": "Prepare", "States": {
          "Prepare": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Assign": {"kept": "yes"}, "Next": "Work"},
          "Work": {"Type": "Task", "Resource": "%s", "ResultPath": "$.work", "Next": "Report"},
          "Report": {"Type": "Pass", "Parameters": {"work.$": "$.work", "kept.$": "$kept",
            "redrives.$": "$$.Execution.RedriveCount"}, "End": true}}}""".formatted(FN)), json("{\"n\": 1}"));
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.FAILED, execution.status());
    long closingId = execution.eventCount();

    assertTrue(execution.redrive());
    assertEquals(ExecutionStatus.RUNNING, execution.status());
    assertNull(execution.error());
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals(json("{\"work\":{\"seen\":2},\"kept\":\"yes\",\"redrives\":1}"), execution.output());
    assertEquals(1, execution.redriveCount());
    assertEquals(2, calls.get());
    HistoryEvent redriven = execution.history().get((int) closingId);
    assertEquals(EventType.ExecutionRedriven, redriven.type());
    assertEquals(closingId, redriven.previousEventId());
    assertEquals(1, redriven.details().get("redriveCount").asInt());
    HistoryEvent resumed = execution.history().get((int) closingId + 1);
    assertEquals(EventType.TaskStateEntered, resumed.type());
    assertEquals("{\"n\":2}", resumed.details().get("input").asText());
    assertEquals(1, Harness.events(execution, EventType.PassStateEntered).stream()
        .filter(e -> e.details().get("name").asText().equals("Prepare")).count());
    assertFalse(execution.redrive(), "a SUCCEEDED execution is not redriven");
  }

  @Test
  void aTimedOutExecutionResumesInItsWaitWithTheWholeTimeoutAgain() {
    StatesRuntime runtime = StatesRuntime.builder().build();
    Execution execution = runtime.start(DefinitionParser.parse("""
        {"TimeoutSeconds": 10, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"""),
        json("{}"));
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.TIMED_OUT, execution.status());
    long firstStop = execution.stopDate().toEpochMilli();
    runtime.scheduler().post(() -> assertTrue(execution.redrive()));
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.TIMED_OUT, execution.status());
    assertEquals(10_000, execution.stopDate().toEpochMilli() - execution.redriveDate().toEpochMilli());
    assertTrue(execution.redriveDate().toEpochMilli() >= firstStop);
    assertEquals(List.of(EventType.ExecutionStarted, EventType.WaitStateEntered, EventType.WaitStateAborted,
        EventType.ExecutionTimedOut, EventType.ExecutionRedriven, EventType.WaitStateEntered, EventType.WaitStateAborted,
        EventType.ExecutionTimedOut), Harness.types(execution));
  }

  @Test
  void aRunningExecutionOrOneThatFilledItsHistoryIsNotRedriven() {
    StatesRuntime runtime = StatesRuntime.builder().historyLimit(4).build();
    Execution running = runtime.start(DefinitionParser.parse("""
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}"""), json("{}"));
    assertFalse(running.redrive());
    Execution full = runtime.start(DefinitionParser.parse("""
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}"""),
        json("{}"));
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.FAILED, full.status());
    assertEquals(StatesRuntime.historyFullCause(4), full.cause());
    assertFalse(full.redrive());
    assertEquals(ExecutionStatus.FAILED, full.status());
  }
}
