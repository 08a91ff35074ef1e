package io.datalakewlm.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.parse.DefinitionParser;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the States Language runtime: state transitions per second for a definition made of
 * Pass, Choice and Map states, and for 10,000 executions open at once on one virtual clock.
 * Figures vary with the machine; run it twice and read the second run (the JIT warms up during
 * the first rounds, which are not counted).
 */
public final class RuntimeBench {
  /** A Map of 100 items, each looping ten times through Pass (counter + 1) and Choice. */
  static final String LOOPS = """
      {"StartAt": "Items", "States": {
        "Items": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 0, "End": true,
          "ItemSelector": {"item.$": "$$.Map.Item.Value", "count": 0},
          "ItemProcessor": {"StartAt": "Count", "States": {
            "Count": {"Type": "Pass", "Parameters": {"item.$": "$.item", "count.$": "States.MathAdd($.count, 1)"}, "Next": "Again?"},
            "Again?": {"Type": "Choice", "Choices": [
                {"And": [{"Variable": "$.count", "NumericLessThan": 10}, {"Variable": "$.item", "IsNumeric": true}], "Next": "Count"}],
              "Default": "Done"},
            "Done": {"Type": "Pass", "OutputPath": "$.count", "End": true}}}}}}""";

  /** One execution of 10,000: wait a while, loop a few times, finish. */
  static final String CONCURRENT = """
      {"StartAt": "Wait", "States": {
        "Wait": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Step"},
        "Step": {"Type": "Pass", "Parameters": {"wait.$": "$.wait", "n.$": "States.MathAdd($.n, 1)"}, "Next": "More?"},
        "More?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 5, "Next": "Wait"}], "Default": "Done"},
        "Done": {"Type": "Succeed"}}}""";

  private final PrintWriter out;

  public RuntimeBench(PrintWriter out) {
    this.out = out;
  }

  public void run(double seconds) {
    out.printf("Runtime benchmark on %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
    loops(seconds, false);
    loops(seconds, true);
    concurrent(10_000, false);
    concurrent(10_000, true);
    out.flush();
  }

  // Runs the Pass/Choice/Map definition repeatedly for about `seconds` after a warm-up.
  private void loops(double seconds, boolean history) {
    StateMachine machine = DefinitionParser.parse(LOOPS);
    JsonNode input = JsonNodeFactory.instance.objectNode().set("items", numbers(100));
    long deadline = System.nanoTime() + (long) (seconds * 0.3e9);
    while (System.nanoTime() < deadline) {
      once(machine, input, history);
    }
    long transitions = 0;
    long executions = 0;
    long start = System.nanoTime();
    deadline = start + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      transitions += once(machine, input, history);
      executions++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    out.printf("  Pass/Choice/Map loop, history %-3s: %,12.0f transitions/s (%,d executions of %,d transitions in %.1f s)%n",
        history ? "on" : "off", transitions / elapsed, executions, transitions / Math.max(1, executions), elapsed);
  }

  private static long once(StateMachine machine, JsonNode input, boolean history) {
    StatesRuntime runtime = StatesRuntime.builder().recordHistory(history).build();
    Execution execution = runtime.start(machine, input);
    runtime.scheduler().run();
    if (execution.status() != ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException("benchmark execution failed: " + execution.error() + ": " + execution.cause());
    }
    return execution.transitions();
  }

  // Starts `count` executions on one runtime, then runs the clock until all have finished.
  private void concurrent(int count, boolean history) {
    StateMachine machine = DefinitionParser.parse(CONCURRENT);
    System.gc();
    long heapBefore = usedHeap();
    long start = System.nanoTime();
    StatesRuntime runtime = StatesRuntime.builder().recordHistory(history).build();
    List<Execution> executions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      JsonNode input = JsonNodeFactory.instance.objectNode().put("wait", 60 + i % 600).put("n", 0);
      executions.add(runtime.start(machine, input));
    }
    long heapOpen = usedHeap() - heapBefore;
    runtime.scheduler().run();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long transitions = 0;
    for (Execution execution : executions) {
      if (execution.status() != ExecutionStatus.SUCCEEDED) {
        throw new IllegalStateException("benchmark execution failed: " + execution.error());
      }
      transitions += execution.transitions();
    }
    out.printf("  %,d concurrent executions, history %-3s: %,12.0f transitions/s (%,d transitions, %.2f s wall, "
            + "%.1f virtual hours, ~%,d KiB heap while all open)%n",
        count, history ? "on" : "off", transitions / elapsed, transitions, elapsed,
        (runtime.scheduler().nowMillis() - executions.get(0).startDate().toEpochMilli()) / 3.6e6, heapOpen / 1024);
  }

  private static JsonNode numbers(int count) {
    var array = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < count; i++) {
      array.add(i);
    }
    return array;
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
