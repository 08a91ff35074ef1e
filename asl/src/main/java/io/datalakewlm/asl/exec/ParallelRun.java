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
 *
 * <p>A redrive of an execution that ended in this state keeps the outputs of the branches that
 * succeeded and resumes the others where they ended (with their variables), as AWS does; after a
 * {@code States.DataLimitExceeded} failure every branch runs again.
 */
final class ParallelRun extends RecoverableRun {
  private final ParallelState parallel;
  private ParallelRun prior;
  private List<Flow> branches = List.of();
  private JsonNode[] results = new JsonNode[0];
  private boolean[] succeeded = new boolean[0];
  private boolean attemptOpen;

  /** @param prior the run a redrive resumes (its succeeded branches are kept), or {@code null} */
  ParallelRun(Flow flow, ParallelState parallel, JsonNode rawInput, long enteredMillis, ParallelRun prior) {
    super(flow, parallel, rawInput, enteredMillis, parallel.retry(), parallel.catchers());
    this.parallel = parallel;
    this.prior = prior;
  }

  @Override
  void attempt() {
    // A redrive keeps the work of the run it resumes in its first attempt only; a retry after
    // that reruns every branch, as any retry does.
    ParallelRun before = prior;
    prior = null;
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
    boolean keep = before != null && before.keepsWorkOnRedrive() && before.branches.size() == count;
    results = new JsonNode[count];
    succeeded = new boolean[count];
    int[] remaining = {count};
    List<Flow> flows = new ArrayList<>(count);
    branches = flows;
    attemptOpen = true;
    for (int i = 0; i < count; i++) {
      int index = i;
      if (keep && before.succeeded[i]) {
        // AWS redrives only the branches that failed or were aborted; this one's output stands.
        results[i] = before.results[i];
        succeeded[i] = true;
        remaining[0]--;
        flows.add(null);
        continue;
      }
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
        succeeded[index] = true;
        if (--remaining[0] == 0) {
          allSucceeded(context);
        }
      }));
    }
    if (remaining[0] == 0) {
      allSucceeded(context);
      return;
    }
    for (int i = 0; i < count; i++) {
      Flow branch = flows.get(i);
      if (!attemptOpen) {
        break;
      }
      if (branch == null) {
        continue;
      }
      Flow ended = keep ? before.branches.get(i) : null;
      if (ended != null && ended.started()) {
        branch.variables().restore(ended.variables());
        branch.resume(ended);
      } else {
        branch.start(branchInput);
      }
    }
  }

  private void allSucceeded(ObjectNode context) {
    attemptOpen = false;
    flow.record(EventType.ParallelStateSucceeded, null);
    ArrayNode array = Engine.JSON.arrayNode(results.length);
    for (JsonNode result : results) {
      array.add(result);
    }
    succeeded(array, context);
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
      if (branch != null) {
        branch.cancel(recordAbort);
      }
    }
  }
}
