package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.model.MapState;

/**
 * The run of an inline Map: iterations run inside this execution, at most {@code MaxConcurrency}
 * at a time and never more than {@value #INLINE_LIMIT} (the inline mode's documented limit, which
 * also applies when MaxConcurrency is 0). Outputs keep item order. One failed iteration stops the
 * others and fails the state with its error. Each iteration runs in a child scope of variables.
 *
 * <p>A redrive of an execution that ended in this state keeps the outputs of the iterations that
 * succeeded and resumes the others where they ended (iterations never started start), as AWS
 * does; after a {@code States.DataLimitExceeded} failure every iteration runs again.
 */
final class InlineMapRun extends RecoverableRun {
  static final int INLINE_LIMIT = 40;

  private final MapState map;
  private InlineMapRun prior;
  private Flow[] iterations = new Flow[0];
  private JsonNode[] results = new JsonNode[0];
  private boolean[] succeeded = new boolean[0];
  private boolean attemptOpen;

  /** @param prior the run a redrive resumes (its succeeded iterations are kept), or {@code null} */
  InlineMapRun(Flow flow, MapState map, JsonNode rawInput, long enteredMillis, InlineMapRun prior) {
    super(flow, map, rawInput, enteredMillis, map.retry(), map.catchers());
    this.map = map;
    this.prior = prior;
  }

  @Override
  void attempt() {
    // Only the first attempt after a redrive keeps the resumed run's work; a retry reruns all.
    InlineMapRun before = prior;
    prior = null;
    ObjectNode context = context(null);
    JsonNode effective;
    JsonNode items;
    int limit;
    Evaluation evaluation = evaluation(context);
    try {
      effective = data.selectInput(map, rawInput, evaluation);
      items = MapItems.items(map, rawInput, effective, evaluation);
      Integer max = MapItems.count(map.maxConcurrency(), map.maxConcurrencyPath(), map.maxConcurrencyExpression(),
          evaluation, rawInput, effective, "MaxConcurrencyPath");
      limit = max == null || max == 0 ? INLINE_LIMIT : Math.min(max, INLINE_LIMIT);
    } catch (StatesError e) {
      failed(e);
      return;
    }
    int count = items.size();
    ObjectNode startedDetails = engine.details() ? Engine.JSON.objectNode().put("length", count) : null;
    long startedId = flow.record(EventType.MapStateStarted, startedDetails);
    if (engine.halted()) {
      return;
    }
    boolean keep = before != null && before.keepsWorkOnRedrive() && before.results.length == count;
    new Iterations(items, effective, context, evaluation, limit, startedId, keep ? before : null).launch();
  }

  @Override
  void stopAttempt(boolean recordAbort) {
    boolean wasOpen = attemptOpen;
    attemptOpen = false;
    abortIterations(recordAbort);
    if (recordAbort && wasOpen) {
      flow.record(EventType.MapStateAborted, null);
    }
  }

  private void abortIterations(boolean recordAbort) {
    for (int i = 0; i < iterations.length; i++) {
      Flow iteration = iterations[i];
      if (iteration != null && !iteration.isClosed()) {
        iteration.cancel(recordAbort);
        if (recordAbort) {
          flow.record(EventType.MapIterationAborted, iterationDetails(i));
        }
      }
    }
  }

  private ObjectNode iterationDetails(int index) {
    return engine.details() ? Engine.JSON.objectNode().put("name", map.name()).put("index", index) : null;
  }

  /** The bookkeeping of one attempt: which item is next, how many run, the outputs so far. */
  private final class Iterations {
    private final JsonNode items;
    private final JsonNode effective;
    private final ObjectNode context;
    private final Evaluation evaluation;
    private final int limit;
    private final long startedId;
    private final InlineMapRun before;
    private int next;
    private int running;
    private int finished;

    Iterations(JsonNode items, JsonNode effective, ObjectNode context, Evaluation evaluation, int limit, long startedId,
        InlineMapRun before) {
      this.items = items;
      this.effective = effective;
      this.context = context;
      this.evaluation = evaluation;
      this.limit = limit;
      this.startedId = startedId;
      this.before = before;
      results = new JsonNode[items.size()];
      succeeded = new boolean[items.size()];
      iterations = new Flow[items.size()];
      attemptOpen = true;
      if (before != null) {
        for (int i = 0; i < results.length; i++) {
          if (before.succeeded[i]) {
            results[i] = before.results[i];
            succeeded[i] = true;
            finished++;
          }
        }
      }
    }

    // Starts iterations until the concurrency limit is reached or no item is left.
    void launch() {
      if (finished == items.size()) {
        done();
        return;
      }
      while (attemptOpen && next < items.size() && running < limit) {
        int index = next++;
        if (succeeded[index]) {
          continue;
        }
        running++;
        Flow ended = before == null ? null : before.iterations[index];
        JsonNode input;
        try {
          input = MapItems.itemInput(map, engine, evaluation, enteredMillis, recovery.retryCount(), index, items.get(index),
              rawInput, effective);
        } catch (StatesError e) {
          StatesError placed = flow.placed(map, e);
          fail(placed.error(), placed.cause());
          return;
        }
        flow.record(EventType.MapIterationStarted, iterationDetails(index));
        Flow iteration = new Flow(engine, map.processor(), startedId, flow.variables().child(),
            outcome -> finished(index, outcome));
        iterations[index] = iteration;
        if (ended != null && ended.started()) {
          iteration.variables().restore(ended.variables());
          iteration.resume(ended);
        } else {
          iteration.start(input);
        }
      }
    }

    private void finished(int index, Outcome outcome) {
      if (!attemptOpen) {
        return;
      }
      running--;
      if (outcome.failed()) {
        flow.record(EventType.MapIterationFailed, iterationDetails(index));
        fail(outcome.error(), outcome.cause());
        return;
      }
      flow.record(EventType.MapIterationSucceeded, iterationDetails(index));
      results[index] = outcome.output();
      succeeded[index] = true;
      iterations[index] = null;
      if (++finished == items.size()) {
        done();
      } else {
        launch();
      }
    }

    private void fail(String error, String cause) {
      attemptOpen = false;
      abortIterations(true);
      flow.record(EventType.MapStateFailed, null);
      failed(error, cause);
    }

    private void done() {
      attemptOpen = false;
      flow.record(EventType.MapStateSucceeded, null);
      ArrayNode array = Engine.JSON.arrayNode(results.length);
      for (JsonNode result : results) {
        array.add(result);
      }
      succeeded(array, context);
    }
  }
}
