package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.jsonata.StatesFunctions;
import io.datalakewlm.asl.path.Scope;
import io.datalakewlm.asl.time.Scheduler;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The services one execution's states share: the clock, the seeded random source, the history
 * (event ids and records), the context object, and the handlers of Task states. One engine per
 * execution; a Distributed Map's child executions get their own.
 *
 * <p>The engine enforces the history quota: event ids are counted whether or not events are
 * recorded, and the event that would take the last place of the history, unless it is the one that
 * ends the execution, is not recorded: the execution fails in its place (see
 * {@link StatesRuntime.Builder#historyLimit}); while an execution is being stopped, abort events
 * that do not fit are dropped instead. After that, or after the closing event, nothing more
 * enters the history and {@link #halted()} tells the states to stop.
 */
final class Engine {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  final StatesRuntime runtime;
  final Execution execution;
  final Scheduler scheduler;
  final SplittableRandom random;
  private final ObjectNode executionContext;
  private final ObjectNode stateMachineContext;
  private final long historyLimit;
  private Runnable historyFull = () -> {};
  private boolean full;
  private boolean closing;
  private boolean ended;
  private StatesFunctions functions;

  /** @param historyLimit the most events the history may hold, or 0 for no limit (Express). */
  Engine(StatesRuntime runtime, Execution execution, SplittableRandom random, long historyLimit) {
    this.runtime = runtime;
    this.execution = execution;
    this.historyLimit = historyLimit;
    this.scheduler = runtime.scheduler();
    this.random = random;
    this.executionContext = JSON.objectNode();
    executionContext.put("Id", execution.arn());
    executionContext.set("Input", execution.input());
    executionContext.put("Name", execution.name());
    executionContext.put("RoleArn", execution.roleArn());
    executionContext.put("StartTime", timestamp(execution.startDate().toEpochMilli()));
    executionContext.put("RedriveCount", 0);
    this.stateMachineContext = JSON.objectNode();
    stateMachineContext.put("Id", execution.stateMachineArn());
    stateMachineContext.put("Name", nameOf(execution.stateMachineArn()));
  }

  long now() {
    return scheduler.nowMillis();
  }

  /**
   * Adds an event to the history (when recorded) and returns its id for the next link. An event
   * the history has no room for is dropped, and the engine's history-full action fails the
   * execution instead; once the execution has ended, events are dropped.
   */
  long record(EventType type, long previousEventId, ObjectNode details) {
    if (ended) {
      return execution.eventCount();
    }
    if (!type.endsExecution()) {
      if (full) {
        return execution.eventCount();
      }
      if (historyLimit > 0 && execution.eventCount() + 1 >= historyLimit) {
        full = true;
        if (!closing) {
          historyFull.run();
        }
        return execution.eventCount();
      }
    }
    ended = type.endsExecution();
    long id = execution.countEvent();
    if (runtime.recordsHistory()) {
      HistoryEvent event = new HistoryEvent(id, previousEventId, now(), type, details);
      execution.add(event);
      runtime.publish(execution, event);
    }
    return id;
  }

  /** What the engine does when the history is full: fail the execution (set by the runtime). */
  void onHistoryFull(Runnable action) {
    this.historyFull = action;
  }

  /**
   * The execution is being stopped or timed out: its abort events that no longer fit are dropped
   * rather than failing it, so its closing event still takes the last place.
   */
  void closing() {
    this.closing = true;
  }

  /** Whether the history quota ended the execution (such an execution cannot be redriven). */
  boolean historyFull() {
    return full;
  }

  /** Opens the closed history again for a redrive: the context shows the redrive's count and time. */
  void reopen() {
    ended = false;
    closing = false;
    executionContext.put("RedriveCount", execution.redriveCount());
    executionContext.put("RedriveTime", timestamp(execution.redriveDate().toEpochMilli()));
  }

  /** Whether the execution's history is closed: states must not start work or record more. */
  boolean halted() {
    return full || ended;
  }

  /** Whether event details are wanted; callers skip building them (and serialising JSON) if not. */
  boolean details() {
    return runtime.recordsHistory();
  }

  /** The context object {@code $$} of a state at a moment of its run; {@code retryCount} is null for a state that cannot retry. */
  ObjectNode context(String stateName, long enteredMillis, Integer retryCount, String taskToken, JsonNode mapItem) {
    ObjectNode context = JSON.objectNode();
    context.set("Execution", executionContext);
    ObjectNode state = context.putObject("State");
    state.put("EnteredTime", timestamp(enteredMillis));
    state.put("Name", stateName);
    if (retryCount != null) {
      // Only states that can retry (Task, Parallel, Map) have a RetryCount, as on AWS.
      state.put("RetryCount", retryCount);
    }
    context.set("StateMachine", stateMachineContext);
    if (taskToken != null) {
      context.putObject("Task").put("Token", taskToken);
    }
    if (mapItem != null) {
      context.putObject("Map").set("Item", mapItem);
    }
    return context;
  }

  Scope scope(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    return new Scope(input, context, variables, random);
  }

  /** The JSONata functions Step Functions adds, drawing from this execution's random source. */
  StatesFunctions functions() {
    if (functions == null) {
      functions = new StatesFunctions(random, scheduler::nowMillis);
    }
    return functions;
  }

  /** A task token: opaque, unique within the runtime, drawn from the seed so runs repeat. */
  String newTaskToken() {
    return runtime.newTaskToken(random);
  }

  static String timestamp(long millis) {
    // the states a step of the runtime enters share its instant: format each instant once
    Timestamp last = lastTimestamp;
    if (last == null || last.millis() != millis) {
      last = new Timestamp(millis, Instant.ofEpochMilli(millis).toString());
      lastTimestamp = last;
    }
    return last.text();
  }

  /** An instant and its ISO 8601 text, published whole so that any thread reads a matching pair. */
  private record Timestamp(long millis, String text) { }

  private static volatile Timestamp lastTimestamp;

  static String nameOf(String arn) {
    int cut = arn.lastIndexOf(':');
    return cut < 0 ? arn : arn.substring(cut + 1);
  }
}
