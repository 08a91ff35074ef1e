package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.time.Scheduler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionTest {
  @Test
  void historyHasAwsEventTypesIdsAndPreviousEventIds() {
    Execution run = Harness.of("""
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Wait", "Seconds": 5, "End": true}}}""")
        .run("{\"k\": 1}");
    List<HistoryEvent> history = run.history();
    assertEquals(List.of(EventType.ExecutionStarted, EventType.PassStateEntered, EventType.PassStateExited,
        EventType.WaitStateEntered, EventType.WaitStateExited, EventType.ExecutionSucceeded), Harness.types(run));
    for (int i = 0; i < history.size(); i++) {
      assertEquals(i + 1, history.get(i).id());
    }
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), history.subList(0, 5).stream().map(HistoryEvent::previousEventId).toList());
    var entered = history.get(1).toJson(true);
    assertEquals("A", entered.get("stateEnteredEventDetails").get("name").asText());
    assertEquals("{\"k\":1}", entered.get("stateEnteredEventDetails").get("input").asText());
    assertEquals(json("{\"k\":1}"), json(history.get(5).details().get("output").asText()));
  }

  @Test
  void parallelBranchesChainTheirEventsToTheirOwnPredecessors() {
    Execution run = Harness.of("""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}}}""").run("{}");
    long started = Harness.events(run, EventType.ParallelStateStarted).get(0).id();
    List<HistoryEvent> branchEntries = Harness.events(run, EventType.PassStateEntered);
    assertEquals(List.of(started, started), branchEntries.stream().map(HistoryEvent::previousEventId).toList());
  }

  @Test
  void executionTimeoutStopsTheRunAsTimedOut() {
    Execution run = Harness.of("""
        {"StartAt": "W", "TimeoutSeconds": 60, "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""").run("{}");
    assertEquals(ExecutionStatus.TIMED_OUT, run.status());
    assertEquals("States.Timeout", run.error());
    assertEquals(60_000, run.stopDate().toEpochMilli() - run.startDate().toEpochMilli());
    assertEquals(EventType.ExecutionTimedOut, Harness.types(run).get(Harness.types(run).size() - 1));
  }

  @Test
  void stopAbortsARunningExecution() {
    StatesRuntime runtime = StatesRuntime.builder().build();
    Execution execution = runtime.start(DefinitionParser.parse("""
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"""), json("{}"));
    runtime.scheduler().runUntil(Instant.parse("2025-01-01T00:10:00Z").toEpochMilli());
    execution.stop("Operator.Stop", "maintenance");
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.ABORTED, execution.status());
    assertEquals("Operator.Stop", execution.error());
    assertEquals(Instant.parse("2025-01-01T00:10:00Z"), execution.stopDate());
    assertEquals(List.of(EventType.ExecutionStarted, EventType.WaitStateEntered, EventType.WaitStateAborted, EventType.ExecutionAborted),
        Harness.types(execution));
  }

  @Test
  void sameSeedSameRunDifferentSeedDifferentRandomness() {
    String definition = """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true,
          "Parameters": {"id.$": "States.UUID()", "n.$": "States.MathRandom(1, 1000000)"}}}}""";
    String first = Harness.of(definition).seed(3).run("{}").output().toString();
    assertEquals(first, Harness.of(definition).seed(3).run("{}").output().toString());
    assertNotEquals(first, Harness.of(definition).seed(4).run("{}").output().toString());
  }

  @Test
  void manyExecutionsShareOneClock() {
    Scheduler scheduler = Scheduler.virtual(Instant.parse("2025-01-01T00:00:00Z"));
    StatesRuntime runtime = StatesRuntime.builder().scheduler(scheduler).recordHistory(false).build();
    var machine = DefinitionParser.parse("""
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}""");
    List<Execution> executions = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      executions.add(runtime.start(machine, json("{\"s\": " + (i % 10) * 60 + "}")));
    }
    scheduler.run();
    assertEquals(1000, executions.stream().filter(e -> e.status() == ExecutionStatus.SUCCEEDED).count());
    assertEquals(Instant.parse("2025-01-01T00:09:00Z"), scheduler.now());
    assertEquals(540_000, executions.get(9).stopDate().toEpochMilli() - executions.get(9).startDate().toEpochMilli());
    assertEquals(0, executions.get(0).history().size());
    assertEquals(1, executions.get(0).transitions());
  }
}
