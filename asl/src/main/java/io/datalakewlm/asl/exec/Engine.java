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
 */
final class Engine {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  final StatesRuntime runtime;
  final Execution execution;
  final Scheduler scheduler;
  final SplittableRandom random;
  private final ObjectNode executionContext;
  private final ObjectNode stateMachineContext;
  private long lastId;
  private StatesFunctions functions;

  Engine(StatesRuntime runtime, Execution execution, SplittableRandom random) {
    this.runtime = runtime;
    this.execution = execution;
    this.scheduler = runtime.scheduler();
    this.random = random;
    this.executionContext = JSON.objectNode();
    executionContext.put("Id", execution.arn());
    executionContext.set("Input", execution.input());
    executionContext.put("Name", execution.name());
    executionContext.put("RoleArn", runtime.roleArn());
    executionContext.put("StartTime", timestamp(execution.startDate().toEpochMilli()));
    executionContext.put("RedriveCount", 0);
    this.stateMachineContext = JSON.objectNode();
    stateMachineContext.put("Id", execution.stateMachineArn());
    stateMachineContext.put("Name", nameOf(execution.stateMachineArn()));
  }

  long now() {
    return scheduler.nowMillis();
  }

  /** Adds an event to the history (when recorded) and returns its id for the next link. */
  long record(EventType type, long previousEventId, ObjectNode details) {
    long id = ++lastId;
    if (runtime.recordsHistory()) {
      HistoryEvent event = new HistoryEvent(id, previousEventId, now(), type, details);
      execution.add(event);
      runtime.publish(execution, event);
    }
    return id;
  }

  /** Whether event details are wanted; callers skip building them (and serialising JSON) if not. */
  boolean details() {
    return runtime.recordsHistory();
  }

  /** The context object {@code $$} of a state at a moment of its run. */
  ObjectNode context(String stateName, long enteredMillis, int retryCount, String taskToken, JsonNode mapItem) {
    ObjectNode context = JSON.objectNode();
    context.set("Execution", executionContext);
    ObjectNode state = context.putObject("State");
    state.put("EnteredTime", timestamp(enteredMillis));
    state.put("Name", stateName);
    state.put("RetryCount", retryCount);
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
    return Instant.ofEpochMilli(millis).toString();
  }

  static String nameOf(String arn) {
    int cut = arn.lastIndexOf(':');
    return cut < 0 ? arn : arn.substring(cut + 1);
  }
}
