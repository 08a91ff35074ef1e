package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.task.TaskHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Redrives of executions that ended in a Parallel or a Map, as AWS's "Redriving executions" and
 * "Redriving Map Runs" describe them: only the branches, iterations or child executions that did
 * not succeed run again.
 */
class RedriveStatesTest {
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:work";

  /** Calls of the task per item {@code i}; the items named in {@code failFirst} fail their first call. */
  private final Map<Integer, AtomicInteger> calls = new HashMap<>();

  private StatesRuntime runtime(int... failFirst) {
    Resources resources = new Resources();
    resources.register(FN, TaskHandler.sync(input -> {
      int item = input.path("i").asInt();
      int call = calls.computeIfAbsent(item, key -> new AtomicInteger()).incrementAndGet();
      for (int failing : failFirst) {
        if (failing == item && call == 1) {
          throw new StatesError("Flaky", "item " + item + " failed its first call");
        }
      }
      return json("{\"done\": " + item + "}");
    }));
    return StatesRuntime.builder().resolver(resources).build();
  }

  private int calls(int item) {
    AtomicInteger count = calls.get(item);
    return count == null ? 0 : count.get();
  }

  /** The events after the (last) ExecutionRedriven event. */
  private static List<HistoryEvent> afterRedrive(Execution execution) {
    List<HistoryEvent> history = execution.history();
    int at = 0;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).type() == EventType.ExecutionRedriven) {
        at = i;
      }
    }
    return history.subList(at + 1, history.size());
  }

  private static List<String> enteredStates(List<HistoryEvent> events) {
    return events.stream().filter(e -> e.type().name().endsWith("StateEntered"))
        .map(e -> e.details().get("name").asText()).toList();
  }

  @Test
  void aRedrivenParallelRerunsOnlyItsFailedAndAbortedBranchesWhereTheyEnded() {
    StatesRuntime runtime = runtime(1);
    Execution execution = runtime.start(DefinitionParser.parse("""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A1", "States": {
            "A1": {"Type": "Pass", "Parameters": {"i": 0}, "Next": "A2"},
            "A2": {"Type": "Task", "Resource": "%1$s", "End": true}}},
          {"StartAt": "B1", "States": {
            "B1": {"Type": "Pass", "Parameters": {"i": 1}, "Assign": {"mine": "kept"}, "Next": "B2"},
            "B2": {"Type": "Wait", "Seconds": 5, "Next": "B3"},
            "B3": {"Type": "Task", "Resource": "%1$s", "ResultSelector": {"done.$": "$.done", "mine.$": "$mine"},
                   "End": true}}},
          {"StartAt": "C1", "States": {
            "C1": {"Type": "Pass", "Parameters": {"i": 2}, "Next": "C2"},
            "C2": {"Type": "Wait", "Seconds": 60, "Next": "C3"},
            "C3": {"Type": "Task", "Resource": "%1$s", "End": true}}}]}}}""".formatted(FN)), json("{}"));
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("Flaky", execution.error());
    assertEquals(1, Harness.events(execution, EventType.ParallelStateFailed).size());

    assertTrue(execution.redrive());
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    // branch A's output is the first attempt's; B resumed at its Task with its variable; C at its Wait
    assertEquals(json("[{\"done\":0},{\"done\":1,\"mine\":\"kept\"},{\"done\":2}]"), execution.output());
    assertEquals(List.of("P", "B3", "C2", "C3"), enteredStates(afterRedrive(execution)));
    assertEquals(1, calls(0));
    assertEquals(2, calls(1));
    assertEquals(1, calls(2));
  }

  @Test
  void aRedrivenInlineMapRerunsOnlyTheIterationThatFailed() {
    StatesRuntime runtime = runtime(3);
    Execution execution = runtime.start(DefinitionParser.parse("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {
          "StartAt": "W", "States": {
            "W": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "T"},
            "T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""".formatted(FN)),
        json("[{\"i\":0,\"delay\":1},{\"i\":1,\"delay\":1},{\"i\":2,\"delay\":1},{\"i\":3,\"delay\":10},"
            + "{\"i\":4,\"delay\":1}]"));
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals(4, Harness.events(execution, EventType.MapIterationSucceeded).size());

    assertTrue(execution.redrive());
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals(json("[{\"done\":0},{\"done\":1},{\"done\":2},{\"done\":3},{\"done\":4}]"), execution.output());
    List<HistoryEvent> redriven = afterRedrive(execution);
    List<HistoryEvent> started = redriven.stream().filter(e -> e.type() == EventType.MapIterationStarted).toList();
    assertEquals(1, started.size());
    assertEquals(3, started.get(0).details().get("index").asInt());
    // the iteration resumed at its Task, where it failed: its Wait is not waited again
    assertEquals(List.of("M", "T"), enteredStates(redriven));
    for (int item = 0; item < 5; item++) {
      assertEquals(item == 3 ? 2 : 1, calls(item), "task calls of item " + item);
    }
  }

  @Test
  void aParallelThatFailedOnItsDataLimitRerunsAllItsBranches() {
    StatesRuntime runtime = StatesRuntime.builder().build();
    Execution execution = runtime.start(DefinitionParser.parse("""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Small", "States": {"Small": {"Type": "Pass", "Parameters": {}, "End": true}}},
          {"StartAt": "Big", "States": {"Big": {"Type": "Pass", "End": true}}}]}}}"""),
        json("{\"big\": \"" + "x".repeat(300_000) + "\"}"));
    runtime.scheduler().run();
    assertEquals("States.DataLimitExceeded", execution.error());
    assertEquals(1, Harness.events(execution, EventType.PassStateExited).size(), "Small succeeded");
    assertTrue(execution.redrive());
    runtime.scheduler().run();
    assertEquals(List.of("P", "Small", "Big"), enteredStates(afterRedrive(execution)));
  }

  private static final String DISTRIBUTED = """
      {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "Label": "each",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "%s"},
          "StartAt": "W", "States": {
            "W": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "T"},
            "T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""";

  private static String items(int count, int slow) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append(",\"delay\":").append(i == slow ? 10 : 1)
          .append('}');
    }
    return text.append(']').toString();
  }

  @Test
  void aRedrivenParentRedrivesItsMapRunsFailedStandardChildAndKeepsTheOthers() {
    StatesRuntime runtime = runtime(2);
    Execution execution = runtime.start(DefinitionParser.parse(DISTRIBUTED.formatted("STANDARD", FN)), json(items(4, 2)));
    runtime.scheduler().run();
    assertEquals("States.ExceedToleratedFailureThreshold", execution.error());
    MapRun run = runtime.mapRuns(execution.arn()).get(0);
    Execution failedChild = run.children().stream().filter(c -> c.status() == ExecutionStatus.FAILED).findFirst()
        .orElseThrow();
    List<Execution> firstChildren = run.children();

    assertTrue(execution.redrive());
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals(json("[{\"done\":0},{\"done\":1},{\"done\":2},{\"done\":3}]"), execution.output());
    assertEquals(List.of(run), runtime.mapRuns(execution.arn()), "the same Map Run, no new one");
    assertEquals(MapRun.Status.SUCCEEDED, run.status());
    assertEquals(1, run.redriveCount());
    assertEquals(execution.redriveDate(), run.redriveDate());
    assertEquals(new MapRun.Counts(0, 0, 4, 0, 0, 0, 4), run.executionCounts());
    assertEquals(firstChildren, run.children(), "Standard children keep their executions and ARNs");

    List<HistoryEvent> redriven = afterRedrive(execution);
    assertEquals(List.of(EventType.MapStateEntered, EventType.MapStateStarted, EventType.MapRunRedriven,
        EventType.MapRunSucceeded, EventType.MapStateSucceeded, EventType.MapStateExited, EventType.ExecutionSucceeded),
        redriven.stream().map(HistoryEvent::type).toList());
    JsonNode details = redriven.get(2).details();
    assertEquals(run.arn(), details.get("mapRunArn").asText());
    assertEquals(1, details.get("redriveCount").asInt());

    assertEquals(1, failedChild.redriveCount());
    assertEquals(ExecutionStatus.SUCCEEDED, failedChild.status());
    assertEquals(List.of("T"), enteredStates(afterRedrive(failedChild)), "the child resumed at its failed Task");
    assertEquals(3, run.children().stream().filter(c -> c.redriveCount() == 0).count());
    for (int item = 0; item < 4; item++) {
      assertEquals(item == 2 ? 2 : 1, calls(item), "task calls of item " + item);
    }
  }

  @Test
  void aRedriveRestartsTheMapRunsUnsuccessfulExpressChildrenUnderTheirArns() {
    StatesRuntime runtime = runtime(1);
    Execution execution = runtime.start(DefinitionParser.parse(DISTRIBUTED.formatted("EXPRESS", FN)), json(items(3, 1)));
    runtime.scheduler().run();
    MapRun run = runtime.mapRuns(execution.arn()).get(0);
    Execution failed = run.children().get(1);
    assertEquals(ExecutionStatus.FAILED, failed.status());
    Execution succeeded = run.children().get(0);

    assertTrue(execution.redrive());
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    Execution restarted = run.children().get(1);
    assertNotSame(failed, restarted, "an Express child starts again as a new execution");
    assertEquals(failed.arn(), restarted.arn());
    assertEquals(0, restarted.redriveCount());
    assertEquals(ExecutionStatus.SUCCEEDED, restarted.status());
    assertSame(restarted, runtime.execution(failed.arn()));
    assertSame(succeeded, run.children().get(0));
    assertEquals(List.of(1, 2, 1), List.of(calls(0), calls(1), calls(2)));
  }

  @Test
  void aChildThatEndedMoreThan14DaysBeforeTheRedriveKeepsItsFailure() {
    StatesRuntime runtime = runtime(0, 1);
    // child 0 fails at once (tolerated); child 1 fails after 15 days, which fails the run
    Execution execution = runtime.start(DefinitionParser.parse("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ToleratedFailureCount": 1,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "W", "States": {
              "W": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "T"},
              "T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""".formatted(FN)),
        json("[{\"i\":0,\"delay\":0},{\"i\":1,\"delay\":1296000},{\"i\":2,\"delay\":0}]"));
    runtime.scheduler().run();
    assertEquals("States.ExceedToleratedFailureThreshold", execution.error());
    MapRun run = runtime.mapRuns(execution.arn()).get(0);

    assertTrue(execution.redrive());
    runtime.scheduler().run();
    // child 1 is redriven and succeeds; child 0's failure stands, within the tolerated one
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals("Flaky", execution.output().get(0).get("Error").asText());
    assertEquals(new MapRun.RedriveCounts(1, 0), run.executionRedriveCounts());
    assertEquals(0, run.children().get(0).redriveCount());
    assertEquals(1, run.children().get(1).redriveCount());
    assertEquals(1, calls(0));
    assertEquals(2, calls(1));
  }

  @Test
  void childrenToRedriveBeyondTheMaxConcurrencyArePendingRedriveUntilASlotFrees() {
    StatesRuntime runtime = runtime(0, 1, 2);
    // one child at a time; the third failure is one more than tolerated
    Execution execution = runtime.start(DefinitionParser.parse("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "MaxConcurrency": 1, "ToleratedFailureCount": 2,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""".formatted(FN)),
        json("[{\"i\":0},{\"i\":1},{\"i\":2}]"));
    runtime.scheduler().run();
    MapRun run = runtime.mapRuns(execution.arn()).get(0);
    assertEquals(new MapRun.Counts(0, 0, 0, 3, 0, 0, 3), run.executionCounts());

    assertTrue(execution.redrive());
    assertEquals(new MapRun.RedriveCounts(0, 2), run.executionRedriveCounts());
    assertEquals(List.of(false, true, true), run.children().stream().map(c -> run.pendingRedrive(c.arn())).toList());
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals(new MapRun.RedriveCounts(0, 0), run.executionRedriveCounts());
    assertEquals(List.of(1, 1, 1), run.children().stream().map(Execution::redriveCount).toList());
  }

  @Test
  void aMapRunIsRedrivenAtMost1000TimesThenTheMapStateFailsWithStatesRuntime() {
    StatesRuntime runtime = StatesRuntime.builder().build();
    Execution execution = runtime.start(DefinitionParser.parse("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Always"}}}}}}"""), json("[1]"));
    runtime.scheduler().run();
    MapRun run = runtime.mapRuns(execution.arn()).get(0);
    for (int redrive = 1; redrive <= MapRun.MAX_REDRIVES; redrive++) {
      assertTrue(execution.redrive());
      runtime.scheduler().run();
      assertEquals("States.ExceedToleratedFailureThreshold", execution.error());
    }
    assertEquals(1000, run.redriveCount());
    assertEquals(1000, run.children().get(0).redriveCount());

    assertTrue(execution.redrive());
    runtime.scheduler().run();
    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("States.Runtime", execution.error());
    assertTrue(execution.cause().startsWith("An error occurred while executing the state 'M' (entered at the event id #"),
        execution.cause());
    assertTrue(execution.cause().endsWith("The Map Run '" + run.arn()
        + "' cannot be redriven: it was redriven 1000 times, the most a Map Run can be."), execution.cause());
    assertEquals(1000, run.redriveCount());
    assertEquals(List.of(run), runtime.mapRuns(execution.arn()));
  }
}
