package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.model.ParallelState;
import java.util.ArrayList;
import java.util.List;

/**
 * The run of a Parallel state: every branch starts on the same effective input; the result is the
 * array of their outputs in branch order. The first branch to fail stops the others, and its error
 * becomes the state's error (so {@code Catch} can match the branch's own error name). Each branch
 * runs in a child scope of variables: it reads the outer variables, and what it assigns stays in
 * it.
 */
final class ParallelRun extends RecoverableRun {
  private final ParallelState parallel;
  private List<Flow> branches = List.of();
  private boolean attemptOpen;

  ParallelRun(Flow flow, ParallelState parallel, JsonNode rawInput, long enteredMillis) {
    super(flow, parallel, rawInput, enteredMillis, parallel.retry(), parallel.catchers());
    this.parallel = parallel;
  }

  @Override
  void attempt() {
    ObjectNode context = context(null);
    JsonNode branchInput;
    try {
      Evaluation evaluation = evaluation(context);
      JsonNode effective = data.selectInput(parallel, rawInput, evaluation);
      branchInput = data.workInput(parallel, rawInput, effective, evaluation);
    } catch (StatesError e) {
      failed(e);
      return;
    }
    long startedId = flow.record(EventType.ParallelStateStarted, null);
    if (engine.halted()) {
      return;
    }
    int count = parallel.branches().size();
    JsonNode[] results = new JsonNode[count];
    int[] remaining = {count};
    List<Flow> flows = new ArrayList<>(count);
    branches = flows;
    attemptOpen = true;
    for (int i = 0; i < count; i++) {
      int index = i;
      flows.add(new Flow(engine, parallel.branches().get(i), startedId, flow.variables().child(), outcome -> {
        if (!attemptOpen) {
          return;
        }
        if (outcome.failed()) {
          attemptOpen = false;
          stopBranches(true);
          flow.record(EventType.ParallelStateFailed, null);
          failed(outcome.error(), outcome.cause());
          return;
        }
        results[index] = outcome.output();
        if (--remaining[0] == 0) {
          attemptOpen = false;
          flow.record(EventType.ParallelStateSucceeded, null);
          ArrayNode array = Engine.JSON.arrayNode(count);
          for (JsonNode result : results) {
            array.add(result);
          }
          succeeded(array, context);
        }
      }));
    }
    for (Flow branch : flows) {
      if (!attemptOpen) {
        break;
      }
      branch.start(branchInput);
    }
  }

  @Override
  void stopAttempt(boolean recordAbort) {
    boolean wasOpen = attemptOpen;
    attemptOpen = false;
    stopBranches(recordAbort);
    if (recordAbort && wasOpen) {
      flow.record(EventType.ParallelStateAborted, null);
    }
  }

  private void stopBranches(boolean recordAbort) {
    for (Flow branch : branches) {
      branch.cancel(recordAbort);
    }
  }
}
