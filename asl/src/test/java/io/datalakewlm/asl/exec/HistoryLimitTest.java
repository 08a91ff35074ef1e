package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.task.Resources;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The history quota: a Standard execution whose history would pass the limit fails as on AWS
 * ({@code States.Runtime}, "The execution reached the maximum number of history events (25000).",
 * the failure as the last event), whether or not the history is recorded.
 */
class HistoryLimitTest {
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:fn";

  /**
   * Pass → Wait → Choice back to Pass while {@code n < max}: six events a round; with the started
   * event and Succeed's two plus ExecutionSucceeded, {@code max} rounds make 6 × max + 4 events.
   */
  private static final String LOOP = """
      {"StartAt": "Count", "States": {
        "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)", "max.$": "$.max"}, "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 60, "Next": "Again?"},
        "Again?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThanPath": "$.max", "Next": "Count"}],
          "Default": "Done"},
        "Done": {"Type": "Succeed"}}}""";

  private static Execution run(StatesRuntime runtime, String definition, String input) {
    Execution execution = runtime.start(DefinitionParser.parse(definition), json(input));
    runtime.scheduler().run();
    return execution;
  }

  @Test
  void anEndlessLoopFailsWithAwsErrorAndCauseAsEvent25000() {
    Execution run = run(StatesRuntime.builder().build(), LOOP, "{\"n\": 0, \"max\": 1000000}");

    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals(ErrorNames.RUNTIME, run.error());
    assertEquals("The execution reached the maximum number of history events (25000).", run.cause());
    assertEquals(25_000, run.eventCount());
    List<HistoryEvent> history = run.history();
    assertEquals(25_000, history.size());
    HistoryEvent last = history.get(history.size() - 1);
    assertEquals(EventType.ExecutionFailed, last.type());
    assertEquals(25_000, last.id());
    assertEquals(ErrorNames.RUNTIME, last.details().path("error").asText());
    assertEquals(run.cause(), last.details().path("cause").asText());
    // 4,166 rounds (24,997 events), then Count's two: WaitStateEntered would have been 25,000
    assertEquals(EventType.PassStateExited, history.get(history.size() - 2).type());
    assertEquals(24_999, history.get(history.size() - 2).id());
    assertEquals(4_167, Harness.events(run, EventType.PassStateEntered).size());
  }

  @Test
  void anExecutionWhoseSucceededEventIsNumber25000Succeeds() {
    // 6 × 4,166 + 4 = 25,000: the last place goes to ExecutionSucceeded, which AWS lets through
    Execution exactly = run(StatesRuntime.builder().build(), LOOP, "{\"n\": 0, \"max\": 4166}");
    assertEquals(ExecutionStatus.SUCCEEDED, exactly.status());
    assertEquals(25_000, exactly.eventCount());
    assertEquals(EventType.ExecutionSucceeded, exactly.history().get(24_999).type());

    Execution oneRoundMore = run(StatesRuntime.builder().build(), LOOP, "{\"n\": 0, \"max\": 4167}");
    assertEquals(ExecutionStatus.FAILED, oneRoundMore.status());
    assertEquals(25_000, oneRoundMore.eventCount());
  }

  @Test
  void theLimitIsCountedWhenHistoryIsNotRecorded() {
    StatesRuntime runtime = StatesRuntime.builder().recordHistory(false).retainFinished(false).historyLimit(100).build();

    Execution endless = run(runtime, LOOP, "{\"n\": 0, \"max\": 1000}");
    assertEquals(ExecutionStatus.FAILED, endless.status());
    assertEquals(ErrorNames.RUNTIME, endless.error());
    assertEquals("The execution reached the maximum number of history events (100).", endless.cause());
    assertEquals(100, endless.eventCount());
    assertTrue(endless.history().isEmpty());

    // 6 × 16 + 4 = 100 events fit exactly
    Execution fits = run(runtime, LOOP, "{\"n\": 0, \"max\": 16}");
    assertEquals(ExecutionStatus.SUCCEEDED, fits.status());
    assertEquals(100, fits.eventCount());
  }

  @Test
  void noCatcherCatchesTheFailureAndTheExecutionTimeoutStops() {
    // The loop runs inside a Parallel that catches everything, under a 30-day TimeoutSeconds:
    // the history limit still fails the whole execution, and the timeout never fires.
    String definition = """
        {"TimeoutSeconds": 2592000, "StartAt": "Guarded", "States": {
          "Guarded": {"Type": "Parallel", "Branches": [%s], "Next": "Caught",
            "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Caught"}, {"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
          "Caught": {"Type": "Succeed"}}}""".formatted(LOOP);
    StatesRuntime runtime = StatesRuntime.builder().historyLimit(200).build();
    Execution run = run(runtime, definition, "{\"n\": 0, \"max\": 1000}");

    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals(ErrorNames.RUNTIME, run.error());
    assertEquals(200, run.eventCount());
    assertTrue(Harness.events(run, EventType.ExecutionTimedOut).isEmpty());
    assertTrue(Harness.events(run, EventType.ParallelStateAborted).isEmpty());
  }

  @Test
  void aTaskWhoseScheduledEventWouldFillTheHistoryIsNeverCalled() {
    AtomicInteger calls = new AtomicInteger();
    Resources resources = new Resources();
    resources.register(FN, call -> {
      calls.incrementAndGet();
      call.succeed(json("{}"));
    });
    // ExecutionStarted 1, TaskStateEntered 2: TaskScheduled would be 3 of 3
    StatesRuntime runtime = StatesRuntime.builder().resolver(resources).historyLimit(3).build();
    Execution run = run(runtime, """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(FN), "{}");

    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals(0, calls.get());
    assertEquals(List.of(EventType.ExecutionStarted, EventType.TaskStateEntered, EventType.ExecutionFailed), Harness.types(run));
  }

  @Test
  void inlineMapIterationsCountInTheParentDistributedChildrenInTheirOwn() {
    // Ten items, each a 4-round loop (28 events of iteration states, plus its started and
    // succeeded events): about 300 events inline, about 30 in each distributed child.
    String items = "[" + "{\"n\": 0, \"max\": 4},".repeat(9) + "{\"n\": 0, \"max\": 4}]";
    String inline = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
          "ItemProcessor": %s}}}""".formatted(LOOP);
    String distributed = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Count", "States": %s}}}}""".formatted(json(LOOP).path("States"));
    String input = "{\"items\": " + items + "}";

    StatesRuntime inlineRuntime = StatesRuntime.builder().historyLimit(100).build();
    Execution inlineRun = run(inlineRuntime, inline, input);
    assertEquals(ExecutionStatus.FAILED, inlineRun.status());
    assertEquals(ErrorNames.RUNTIME, inlineRun.error());
    assertEquals(100, inlineRun.eventCount());

    StatesRuntime distributedRuntime = StatesRuntime.builder().historyLimit(100).build();
    Execution parent = run(distributedRuntime, distributed, input);
    assertEquals(ExecutionStatus.SUCCEEDED, parent.status(), () -> parent.error() + ": " + parent.cause());
    assertTrue(parent.eventCount() < 100);
    List<Execution> children = distributedRuntime.executions().stream().filter(e -> parent.arn().equals(e.parentArn())).toList();
    assertEquals(10, children.size());
    for (Execution child : children) {
      assertEquals(ExecutionStatus.SUCCEEDED, child.status());
      assertEquals(6 * 4 + 4, child.eventCount());
    }
    // together they hold far more than the parent's limit, which they do not count against
    assertTrue(children.stream().mapToLong(Execution::eventCount).sum() > 100);
  }
}
