package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.task.TaskHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelAndMapTest {
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:item";

  @Test
  void parallelOutputsBranchResultsInBranchOrder() {
    Execution run = Harness.of("""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 10, "Next": "A"},
                                          "A": {"Type": "Pass", "Result": "a", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Pass", "InputPath": "$.x", "End": true}}}]}}}""")
        .run("{\"x\": 42}");
    assertEquals(json("[\"a\", 42]"), run.output());
  }

  @Test
  void aFailingBranchStopsTheOthersAndItsErrorCanBeCaught() {
    Execution run = Harness.of("""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "Done",
          "Catch": [{"ErrorEquals": ["Branch.Broke"], "ResultPath": "$.err", "Next": "Done"}], "Branches": [
          {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 3600, "End": true}}},
          {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Branch.Broke", "Cause": "b"}}}]},
          "Done": {"Type": "Succeed"}}}""").run("{}");
    assertEquals(ExecutionStatus.SUCCEEDED, run.status());
    assertEquals(json("{\"err\":{\"Error\":\"Branch.Broke\",\"Cause\":\"b\"}}"), run.output());
    assertEquals(1, Harness.events(run, EventType.WaitStateAborted).size());
    assertEquals(1, Harness.events(run, EventType.ParallelStateFailed).size());
    assertTrue(run.stopDate().equals(run.startDate()), "the hour-long wait was cancelled, not waited for");
  }

  @Test
  void mapRunsTheProcessorPerItemWithItemSelectorAndContextItem() {
    Execution run = Harness.of("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.detail.shipped",
          "ItemSelector": {"index.$": "$$.Map.Item.Index", "sku.$": "$$.Map.Item.Value.sku", "customer.$": "$.detail.customer"},
          "ItemProcessor": {"StartAt": "Ship", "States": {"Ship": {"Type": "Pass", "End": true}}},
          "ResultPath": "$.detail.results", "OutputPath": "$.detail.results", "End": true}}}""")
        .run("{\"detail\": {\"customer\": \"c1\", \"shipped\": [{\"sku\": \"a\"}, {\"sku\": \"b\"}]}}");
    assertEquals(json("[{\"index\":0,\"sku\":\"a\",\"customer\":\"c1\"},{\"index\":1,\"sku\":\"b\",\"customer\":\"c1\"}]"), run.output());
  }

  @Test
  void aThousandHourLongIterationsRunTenAtATimeInVirtualTime() {
    StringBuilder items = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      items.append(i == 0 ? "" : ",").append(i);
    }
    long wallStart = System.nanoTime();
    Execution run = Harness.of("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 10, "End": true,
          "ItemProcessor": {"StartAt": "Hour", "States": {"Hour": {"Type": "Wait", "Seconds": 3600, "End": true}}}}}}""")
        .run(items.append("]").toString());
    long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
    assertEquals(ExecutionStatus.SUCCEEDED, run.status());
    assertEquals(1000, run.output().size());
    assertEquals(100 * 3600_000L, run.stopDate().toEpochMilli() - run.startDate().toEpochMilli());
    assertEquals(10, maxConcurrentIterations(run));
    System.out.println("1000 x 1 h Map with MaxConcurrency 10: " + wallMillis + " ms wall");
  }

  @Test
  void maxConcurrencyPathAndTheInlineLimitOfForty() {
    String definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", %s, "End": true,
          "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}}}}}""";
    String hundred = "{\"limit\": 3, \"items\": " + java.util.stream.IntStream.range(0, 100).boxed().toList() + "}";
    Execution fromPath = Harness.of(definition.formatted("\"ItemsPath\": \"$.items\", \"MaxConcurrencyPath\": \"$.limit\"")).run(hundred);
    assertEquals(3, maxConcurrentIterations(fromPath));
    Execution unlimited = Harness.of(definition.formatted("\"ItemsPath\": \"$.items\", \"MaxConcurrency\": 0")).run(hundred);
    assertEquals(40, maxConcurrentIterations(unlimited));
  }

  @Test
  void aFailedIterationFailsTheMapAndAbortsTheOthers() {
    Execution run = Harness.of("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
          "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""".formatted(FN))
        .handler(FN, call -> {
          if (call.input().asInt() == 2) {
            call.fail("Item.Bad", "item 2");
          } else {
            call.after(60_000, () -> call.succeed(call.input()));
          }
        }).run("[1, 2, 3]");
    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals("Item.Bad", run.error());
    assertEquals(2, Harness.events(run, EventType.MapIterationAborted).size());
    assertEquals(1, Harness.events(run, EventType.MapStateFailed).size());
  }

  @Test
  void itemsPathMustSelectAnArray() {
    Execution run = Harness.of("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.x", "End": true,
          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""").run("{\"x\": 1}");
    assertEquals("States.Runtime", run.error());
  }

  @Test
  void distributedMapToleratesFailuresUpToItsThreshold() {
    String definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ToleratedFailureCount": %d,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}}}}""";
    TaskHandler oddFails = TaskHandler.sync(input -> {
      if (input.asInt() % 2 == 1) {
        throw new StatesError("Odd", "odd item " + input.asInt());
      }
      return input;
    });
    Execution tolerated = Harness.of(definition.formatted(2, FN)).handler(FN, oddFails).run("[0, 1, 2, 3, 4]");
    assertEquals(ExecutionStatus.SUCCEEDED, tolerated.status());
    assertEquals(json("[0,{\"Error\":\"Odd\",\"Cause\":\"odd item 1\"},2,{\"Error\":\"Odd\",\"Cause\":\"odd item 3\"},4]"), tolerated.output());
    assertEquals(1, Harness.events(tolerated, EventType.MapRunStarted).size());

    Execution exceeded = Harness.of(definition.formatted(1, FN)).handler(FN, oddFails).run("[0, 1, 2, 3, 4]");
    assertEquals(ExecutionStatus.FAILED, exceeded.status());
    assertEquals("States.ExceedToleratedFailureThreshold", exceeded.error());
  }

  @Test
  void distributedMapBatchesItemsWithBatchInput() {
    Execution run = Harness.of("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
          "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}},
          "ItemsPath": "$.items",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""")
        .run("{\"run\": \"r1\", \"items\": [1, 2, 3, 4, 5]}");
    assertEquals(json("[{\"Items\":[1,2],\"BatchInput\":{\"run\":\"r1\"}},{\"Items\":[3,4],\"BatchInput\":{\"run\":\"r1\"}},"
        + "{\"Items\":[5],\"BatchInput\":{\"run\":\"r1\"}}]"), run.output());
  }

  // The largest number of iterations between their Started and Succeeded/Failed events.
  static int maxConcurrentIterations(Execution run) {
    int running = 0;
    int max = 0;
    for (HistoryEvent event : run.history()) {
      if (event.type() == EventType.MapIterationStarted) {
        max = Math.max(max, ++running);
      } else if (List.of(EventType.MapIterationSucceeded, EventType.MapIterationFailed, EventType.MapIterationAborted)
          .contains(event.type())) {
        running--;
      }
    }
    return max;
  }
}
