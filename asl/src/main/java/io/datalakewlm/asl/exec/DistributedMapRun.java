package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.items.ItemSource;
import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.payload.PayloadTemplate;
import io.datalakewlm.asl.storage.Buckets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The run of a Distributed Map: a map run whose items (or batches of items) each run as a child
 * execution with its own history, at most {@code MaxConcurrency} at a time (0 means the documented
 * ceiling of {@value #DISTRIBUTED_LIMIT}).
 *
 * <p>Failed children are tolerated up to {@code ToleratedFailureCount} or
 * {@code ToleratedFailurePercentage} (either threshold fails the run; with neither, the first
 * failure does) and the state then fails with {@code States.ExceedToleratedFailureThreshold}.
 * Items come from the input ({@code ItemsPath}, {@code Items}) or from the runtime's buckets
 * ({@code ItemReader}, see {@link ItemSource}). Without a {@code ResultWriter} the result is the
 * array of child outputs in item order, a failed child contributing its {@code {"Error", "Cause"}}
 * object; with one, see {@link ResultExport}.
 * A child execution sees no variable of its parent (pass what it needs through ItemSelector), as
 * on AWS.
 *
 * <p>A redrive of the parent that ended in this state redrives the same map run, as AWS does
 * ("Redriving Map Runs"): a {@code MapRunRedriven} event instead of {@code MapRunStarted}; Standard
 * children that failed, timed out or were aborted are redriven where they ended (same ARN, their
 * history continued) if they still can be (within 14 days of their end, room in their history),
 * else their failure stands ({@code failuresNotRedrivable}); Express children that did not succeed
 * start again from the first state under the same ARN; children never started start; succeeded
 * ones keep their output. At most {@value MapRun#MAX_REDRIVES} redrives of one run (then
 * {@code States.Runtime}). After a {@code States.DataLimitExceeded} or {@code States.Runtime}
 * failure of the state, or when no run was started, a redrive starts a new map run.
 */
final class DistributedMapRun extends RecoverableRun {
  static final int DISTRIBUTED_LIMIT = 10_000;

  /** How long after its end a Standard child can be redriven, as any execution (14 days). */
  static final long REDRIVE_WINDOW_MILLIS = 14L * 24 * 3600 * 1000;

  private final MapState map;
  private final List<Execution> running = new ArrayList<>();
  private DistributedMapRun prior;
  private boolean attemptOpen;
  private MapRun mapRun;
  private Children children;
  private ResultExport.Destination destination;

  /** @param prior the run a redrive resumes (its map run is redriven), or {@code null} */
  DistributedMapRun(Flow flow, MapState map, JsonNode rawInput, long enteredMillis, DistributedMapRun prior) {
    super(flow, map, rawInput, enteredMillis, map.retry(), map.catchers());
    this.map = map;
    this.prior = prior;
  }

  // Whether a redrive reruns this run's map run rather than starting a new one.
  private boolean redrivesMapRun() {
    return mapRun != null && children != null && keepsWorkOnRedrive() && !ErrorNames.RUNTIME.equals(lastError());
  }

  @Override
  void attempt() {
    DistributedMapRun before = prior;
    prior = null;
    if (before != null && before.redrivesMapRun()) {
      redrive(before);
      return;
    }
    ObjectNode context = context(null);
    List<JsonNode> inputs;
    Integer max;
    Integer toleratedCount;
    Double toleratedPercentage;
    try {
      Evaluation evaluation = evaluation(context);
      JsonNode effective = data.selectInput(map, rawInput, evaluation);
      JsonNode items = map.itemReader() != null ? readItems(evaluation, effective)
          : MapItems.items(map, rawInput, effective, evaluation);
      destination = exported() ? destination(evaluation, effective) : null;
      List<JsonNode> selected = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        selected.add(MapItems.itemInput(map, engine, evaluation, enteredMillis, recovery.retryCount(), i, items.get(i),
            rawInput, effective));
      }
      inputs = map.itemBatcher() == null ? selected : batches(selected, evaluation, effective);
      max = MapItems.count(map.maxConcurrency(), map.maxConcurrencyPath(), map.maxConcurrencyExpression(),
          evaluation, rawInput, effective, "MaxConcurrencyPath");
      MapState.Tolerance tolerance = map.tolerance() == null ? MapState.Tolerance.NONE : map.tolerance();
      toleratedCount = MapItems.count(tolerance.count(), tolerance.countPath(), tolerance.countExpression(),
          evaluation, rawInput, effective, "ToleratedFailureCountPath");
      toleratedPercentage = MapItems.percentage(tolerance.percentage(), tolerance.percentagePath(),
          tolerance.percentageExpression(), evaluation, rawInput, effective, "ToleratedFailurePercentagePath");
    } catch (StatesError e) {
      failed(e);
      return;
    }
    String label = map.label() != null ? map.label() : map.name();
    String machineName = Engine.nameOf(engine.execution.stateMachineArn()) + "/" + label;
    String runId = StatesRuntime.uuid(engine.random);
    String prefix = "arn:aws:states:" + engine.runtime.region() + ":" + engine.runtime.account() + ":";
    String mapRunArn = prefix + "mapRun:" + machineName + ":" + runId;
    flow.record(EventType.MapStateStarted, engine.details() ? Engine.JSON.objectNode().put("length", inputs.size()) : null);
    flow.record(EventType.MapRunStarted, engine.details() ? Engine.JSON.objectNode().put("mapRunArn", mapRunArn) : null);
    if (engine.halted()) {
      return;
    }
    attemptOpen = true;
    mapRun = new MapRun(mapRunArn, engine.execution.arn(), prefix + "stateMachine:" + machineName, label,
        engine.now(), itemsPerChild(inputs), max == null ? 0 : max, toleratedCount == null ? null : (long) toleratedCount,
        toleratedPercentage);
    engine.runtime.register(mapRun);
    children = new Children(inputs, prefix, machineName, context, null);
    children.launch();
  }

  // Redrives the map run of the run this one resumes: the same ARN, children and settings.
  private void redrive(DistributedMapRun before) {
    ObjectNode context = context(null);
    MapRun run = before.mapRun;
    if (run.redriveCount() >= MapRun.MAX_REDRIVES) {
      failed(FailureCauses.mapRunRedriveLimit(run.arn(), run.redriveCount()));
      return;
    }
    Children old = before.children;
    flow.record(EventType.MapStateStarted, engine.details() ? Engine.JSON.objectNode().put("length", old.inputs.size()) : null);
    run.redrive(engine.now());
    ObjectNode details = engine.details()
        ? Engine.JSON.objectNode().put("mapRunArn", run.arn()).put("redriveCount", run.redriveCount()) : null;
    flow.record(EventType.MapRunRedriven, details);
    if (engine.halted()) {
      return;
    }
    attemptOpen = true;
    mapRun = run;
    children = new Children(old.inputs, old.prefix, old.machineName, context, old);
    children.launch();
  }

  // Whether an unsuccessful Standard child can be redriven now, as RedriveExecution would allow.
  private boolean redrivable(Execution child) {
    return engine.now() - child.stopDate().toEpochMilli() <= REDRIVE_WINDOW_MILLIS
        && child.eventCount() + 2 < engine.runtime.historyLimit();
  }

  @Override
  void stopAttempt(boolean recordAbort) {
    boolean wasOpen = attemptOpen;
    attemptOpen = false;
    stopChildren();
    if (wasOpen) {
      mapRun.end(MapRun.Status.ABORTED, engine.now());
    }
    if (recordAbort && wasOpen) {
      flow.record(EventType.MapRunAborted, null);
      flow.record(EventType.MapStateAborted, null);
    }
  }

  // The items an ItemReader reads from the runtime's buckets.
  private JsonNode readItems(Evaluation evaluation, JsonNode effective) {
    MapState.ItemReader reader = map.itemReader();
    Buckets buckets = engine.runtime.buckets();
    if (buckets == null) {
      throw ItemSource.noBuckets(map.name(), "reads its items from", reader.resource());
    }
    MapState.ReaderConfig config = reader.config();
    Integer maxItems = MapItems.count(config.maxItems(), config.maxItemsPath(), config.maxItemsExpression(),
        evaluation, rawInput, effective, "MaxItemsPath");
    ArrayNode items = Engine.JSON.arrayNode();
    items.addAll(ItemSource.read(buckets, reader, parameters(reader.parameters(), reader.arguments(), evaluation, effective),
        maxItems == null ? 0 : maxItems));
    return items;
  }

  // Whether the ResultWriter exports the results to S3 (rather than only shaping the state's output).
  private boolean exported() {
    return map.resultWriter() != null && map.resultWriter().resource() != null;
  }

  // Where an exporting ResultWriter writes, checked before any child runs.
  private ResultExport.Destination destination(Evaluation evaluation, JsonNode effective) {
    MapState.ResultWriter writer = map.resultWriter();
    if (engine.runtime.buckets() == null) {
      throw ItemSource.noBuckets(map.name(), "writes its results to", writer.resource());
    }
    return ResultExport.Destination.of(parameters(writer.parameters(), writer.arguments(), evaluation, effective));
  }

  // The Parameters (JSONPath) or Arguments (JSONata) of an ItemReader or ResultWriter, evaluated.
  private JsonNode parameters(PayloadTemplate parameters, JsonataTemplate arguments, Evaluation evaluation,
      JsonNode effective) {
    if (arguments != null) {
      return evaluation.evaluate(arguments, evaluation.bindings(rawInput));
    }
    return parameters == null ? null : parameters.evaluate(evaluation.scope(effective));
  }

  // Stops the running children (their map run has ended).
  private void stopChildren() {
    for (Execution child : List.copyOf(running)) {
      child.stop(null, "The map run was stopped");
    }
    running.clear();
  }

  // Groups item inputs into batch inputs {"Items": [...], "BatchInput": ...} within both limits.
  private List<JsonNode> batches(List<JsonNode> selected, Evaluation evaluation, JsonNode effective) {
    MapState.ItemBatcher batcher = map.itemBatcher();
    Integer maxItems = MapItems.count(batcher.maxItemsPerBatch(), batcher.maxItemsPerBatchPath(),
        batcher.maxItemsPerBatchExpression(), evaluation, rawInput, effective, "MaxItemsPerBatchPath");
    Integer maxBytes = MapItems.count(batcher.maxInputBytesPerBatch(), batcher.maxInputBytesPerBatchPath(),
        batcher.maxInputBytesPerBatchExpression(), evaluation, rawInput, effective, "MaxInputBytesPerBatchPath");
    JsonNode batchInput = batcher.batchInput() != null
        ? batcher.batchInput().evaluate(evaluation.scope(effective))
        : batcher.batchInputJsonata() != null
            ? evaluation.evaluate(batcher.batchInputJsonata(), evaluation.bindings(rawInput)) : null;
    List<JsonNode> batches = new ArrayList<>();
    ArrayNode current = Engine.JSON.arrayNode();
    int currentBytes = 0;
    for (JsonNode item : selected) {
      int itemBytes = item.toString().getBytes(StandardCharsets.UTF_8).length + 1;
      boolean full = (maxItems != null && maxItems > 0 && current.size() >= maxItems)
          || (maxBytes != null && maxBytes > 0 && !current.isEmpty() && currentBytes + itemBytes > maxBytes);
      if (full) {
        batches.add(batch(current, batchInput));
        current = Engine.JSON.arrayNode();
        currentBytes = 0;
      }
      current.add(item);
      currentBytes += itemBytes;
    }
    if (!current.isEmpty()) {
      batches.add(batch(current, batchInput));
    }
    return batches;
  }

  // How many items each child input carries: its batch's size, or 1 without a batcher.
  private int[] itemsPerChild(List<JsonNode> inputs) {
    int[] items = new int[inputs.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = map.itemBatcher() == null ? 1 : inputs.get(i).path("Items").size();
    }
    return items;
  }

  private static JsonNode batch(ArrayNode items, JsonNode batchInput) {
    ObjectNode batch = Engine.JSON.objectNode();
    batch.set("Items", items);
    if (batchInput != null) {
      batch.set("BatchInput", batchInput);
    }
    return batch;
  }

  /** The bookkeeping of one map run: next child, running ones, outputs and failures. */
  private final class Children {
    private final List<JsonNode> inputs;
    private final String prefix;
    private final String machineName;
    private final ObjectNode context;
    private final JsonNode[] results;
    // the inputs to run, in order (null: all of them), and the next one to take
    private final int[] order;
    // the children by input, as they ended (an Express child can end before startChild returns)
    private final Execution[] executions;
    private int next;
    private int finished;
    private int failures;

    /** @param old the children of the run a redrive resumes, or {@code null} for a new run */
    Children(List<JsonNode> inputs, String prefix, String machineName, ObjectNode context, Children old) {
      this.inputs = inputs;
      this.prefix = prefix;
      this.machineName = machineName;
      this.context = context;
      this.results = new JsonNode[inputs.size()];
      this.order = old == null ? null : redriveOrder(old);
      this.executions = new Execution[inputs.size()];
      mapRun.onUpdate(() -> engine.scheduler.soon(this::updated));
      mapRun.onChildDone(this::finished);
    }

    // Sorts the old run's children: succeeded ones and final failures are kept, the others rerun.
    private int[] redriveOrder(Children old) {
      int[] rerun = new int[inputs.size()];
      int count = 0;
      for (int index = 0; index < inputs.size(); index++) {
        Execution child = mapRun.child(index);
        boolean express = child != null && child.arn().contains(":express:");
        if (child != null && child.status() == ExecutionStatus.SUCCEEDED) {
          results[index] = old.results[index];
          finished++;
        } else if (child != null && !express && !redrivable(child)) {
          // AWS: "If an execution isn't redrivable, it won't be attempted again."
          results[index] = old.results[index] != null ? old.results[index] : errorOutput(child.error(), child.cause());
          mapRun.notRedrivable(index);
          finished++;
          failures++;
        } else {
          if (child != null) {
            mapRun.pendingRedrive(index, true);
          }
          rerun[count++] = index;
        }
      }
      return Arrays.copyOf(rerun, count);
    }

    private int remaining() {
      return order == null ? inputs.size() - next : order.length - next;
    }

    // Starts (or redrives) children until the concurrency limit is reached or no input is left.
    void launch() {
      if (!attemptOpen) {
        return;
      }
      if (finished == inputs.size()) {
        done();
        return;
      }
      if (exceeded()) {
        // final failures kept by a redrive can exceed the thresholds at once
        failRun();
        return;
      }
      while (attemptOpen && remaining() > 0 && running.size() < mapRun.effectiveLimit(DISTRIBUTED_LIMIT)) {
        int index = order == null ? next++ : order[next++];
        Execution previous = mapRun.child(index);
        mapRun.pendingRedrive(index, false);
        boolean express = "EXPRESS".equals(map.executionType());
        Execution child;
        if (previous != null && !express) {
          child = previous;
          if (!child.redrive()) {
            // its history filled: the failure stands
            mapRun.notRedrivable(index);
            finished(index, child);
            continue;
          }
        } else {
          // a new child, or an Express one started again under its ARN
          String name = previous != null ? previous.name() : StatesRuntime.uuid(engine.random);
          String kind = express ? "express:" : "execution:";
          String arn = previous != null ? previous.arn() : prefix + kind + machineName + ":" + name;
          MapRun run = mapRun;
          child = engine.runtime.startChild(map.processor(), prefix + "stateMachine:" + machineName, arn, name,
              inputs.get(index), engine.execution, express, mapRun.arn(), execution -> run.childDone(index, execution));
          mapRun.started(index, child);
        }
        if (child.status().isFinal()) {
          continue;
        }
        running.add(child);
      }
    }

    private void finished(int index, Execution child) {
      // An Express child can finish before startChild returns it, so it is kept here too.
      executions[index] = child;
      running.remove(child);
      if (!attemptOpen) {
        return;
      }
      finished++;
      if (child.status() == ExecutionStatus.SUCCEEDED) {
        results[index] = child.output();
      } else {
        failures++;
        results[index] = errorOutput(child.error(), child.cause());
        if (exceeded()) {
          failRun();
          return;
        }
      }
      if (finished == inputs.size()) {
        done();
      } else {
        engine.scheduler.soon(this::launch);
      }
    }

    // UpdateMapRun changed the settings: apply the thresholds to the failures so far, then launch.
    private void updated() {
      if (!attemptOpen) {
        return;
      }
      if (exceeded()) {
        failRun();
      } else {
        launch();
      }
    }

    // More children failed than tolerated: stop the others and fail the state.
    private void failRun() {
      attemptOpen = false;
      List<Execution> stopped = List.copyOf(running);
      stopChildren();
      mapRun.end(MapRun.Status.FAILED, engine.now());
      String cause = "The map run failed: " + failures + " of " + inputs.size()
          + " child executions failed, more than tolerated" + tolerance();
      if (destination != null) {
        // AWS writes what the run did before it failed; a write that fails is told in the same cause.
        try {
          export(stopped);
        } catch (StatesError e) {
          cause += "; its results were not written: " + e.cause();
        }
      }
      flow.record(EventType.MapRunFailed,
          engine.details() ? Details.errorAndCause(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, cause) : null);
      flow.record(EventType.MapStateFailed, null);
      failed(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, cause);
    }

    private boolean exceeded() {
      Long toleratedCount = mapRun.toleratedFailureCount();
      Double toleratedPercentage = mapRun.toleratedFailurePercentage();
      if (toleratedCount == null && toleratedPercentage == null) {
        return failures > 0;
      }
      boolean overCount = toleratedCount != null && failures > toleratedCount;
      boolean overPercentage = toleratedPercentage != null && failures * 100.0 / inputs.size() > toleratedPercentage;
      return overCount || overPercentage;
    }

    private String tolerance() {
      Long toleratedCount = mapRun.toleratedFailureCount();
      Double toleratedPercentage = mapRun.toleratedFailurePercentage();
      StringBuilder text = new StringBuilder(" (");
      text.append("ToleratedFailureCount=").append(toleratedCount == null ? 0 : toleratedCount);
      if (toleratedPercentage != null) {
        text.append(", ToleratedFailurePercentage=").append(toleratedPercentage);
      }
      return text.append(')').toString();
    }

    private void done() {
      attemptOpen = false;
      JsonNode result;
      try {
        result = result();
      } catch (StatesError e) {
        mapRun.end(MapRun.Status.FAILED, engine.now());
        flow.record(EventType.MapRunFailed, engine.details() ? Details.errorAndCause(e.error(), e.cause()) : null);
        flow.record(EventType.MapStateFailed, null);
        failed(e);
        return;
      }
      mapRun.end(MapRun.Status.SUCCEEDED, engine.now());
      flow.record(EventType.MapRunSucceeded, null);
      flow.record(EventType.MapStateSucceeded, null);
      succeeded(result, context);
    }

    // The state's result: the children's results, or where the ResultWriter wrote them.
    private JsonNode result() {
      if (destination != null) {
        return export(List.of());
      }
      if (map.resultWriter() != null) {
        return ResultExport.inState(map.resultWriter().transformation(), executions(), results);
      }
      ArrayNode array = Engine.JSON.arrayNode(results.length);
      for (JsonNode result : results) {
        array.add(result);
      }
      return array;
    }

    // Each input's child: as it ended in this attempt, else as the map run holds it (a child a
    // redrive kept, or one still running).
    private Execution[] executions() {
      Execution[] all = new Execution[executions.length];
      for (int index = 0; index < all.length; index++) {
        all[index] = executions[index] != null ? executions[index] : mapRun.child(index);
      }
      return all;
    }

    private JsonNode export(List<Execution> stopped) {
      MapState.ResultWriter writer = map.resultWriter();
      return ResultExport.write(engine.runtime.buckets(), destination, mapRun.arn(), writer.transformation(),
          writer.outputType(), executions(), stopped);
    }
  }
}
