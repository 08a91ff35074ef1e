package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.payload.DataFlow;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.intrinsic.IntrinsicFunction;
import io.datalakewlm.asl.model.ChoiceState;
import io.datalakewlm.asl.model.FailState;
import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.model.ParallelState;
import io.datalakewlm.asl.model.PassState;
import io.datalakewlm.asl.model.State;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.model.SucceedState;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.asl.model.WaitState;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathNotFoundException;
import io.datalakewlm.asl.path.Scope;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the states of one state list from its {@code StartAt} to an end: a whole execution, one
 * branch of a Parallel, or one iteration of a Map. A flow is a value advanced by events on the
 * scheduler, never a thread: entering a state is an action, and states that take time (tasks,
 * waits, branches, iterations) resume the flow from their own actions.
 *
 * <p>{@code previousEventId} chaining follows the flow: each event points at the last event this
 * flow recorded, so interleaved branches read as separate chains, as in AWS histories.
 */
final class Flow {
  final Engine engine;
  private final StateMachine machine;
  private final Consumer<Outcome> done;
  private final Map<String, JsonNode> variables;
  long lastEventId;
  private Cancellable current = Cancellable.NONE;
  private boolean closed;

  Flow(Engine engine, StateMachine machine, long previousEventId, Consumer<Outcome> done) {
    this.engine = engine;
    this.machine = machine;
    this.lastEventId = previousEventId;
    this.done = done;
    this.variables = Map.of();
  }

  void start(JsonNode input) {
    enter(machine.startState(), input);
  }

  /** Stops whatever runs in this flow without reporting an outcome. */
  void cancel(boolean recordAbort) {
    if (!closed) {
      closed = true;
      current.cancel(recordAbort);
      current = Cancellable.NONE;
    }
  }

  boolean isClosed() {
    return closed;
  }

  Map<String, JsonNode> variables() {
    return variables;
  }

  long record(EventType type, ObjectNode details) {
    lastEventId = engine.record(type, lastEventId, details);
    return lastEventId;
  }

  void running(Cancellable work) {
    this.current = work;
  }

  // Enters a state: one transition, one "entered" event, then the state's own behaviour.
  private void enter(State state, JsonNode input) {
    if (closed) {
      return;
    }
    engine.execution.countTransition();
    long enteredMillis = engine.now();
    record(EventType.entered(state.type()), engine.details() ? Details.entered(state.name(), input) : null);
    current = Cancellable.NONE;
    try {
      if (state instanceof PassState pass) {
        pass(pass, input, enteredMillis);
      } else if (state instanceof TaskState task) {
        new TaskRun(this, task, input, enteredMillis).begin();
      } else if (state instanceof ChoiceState choice) {
        choice(choice, input, enteredMillis);
      } else if (state instanceof WaitState wait) {
        new WaitRun(this, wait, input, enteredMillis).begin();
      } else if (state instanceof SucceedState succeed) {
        JsonNode effective = DataFlow.inputPath(succeed.io().inputPath(), input, scope(input, state, enteredMillis));
        exit(state, DataFlow.outputPath(succeed.io().outputPath(), effective, scope(effective, state, enteredMillis)), null);
      } else if (state instanceof FailState fail) {
        fail(fail, input, enteredMillis);
      } else if (state instanceof ParallelState parallel) {
        new ParallelRun(this, parallel, input, enteredMillis).begin();
      } else if (state instanceof MapState map) {
        if (map.mode() == MapState.Mode.DISTRIBUTED) {
          new DistributedMapRun(this, map, input, enteredMillis).begin();
        } else {
          new InlineMapRun(this, map, input, enteredMillis).begin();
        }
      }
    } catch (StatesError e) {
      // Pass, Choice, Wait and Succeed have no Retry/Catch: their errors end the flow.
      fail(e.error(), e.cause());
    }
  }

  // Pass: the result is Result, or the effective input; then ResultPath and OutputPath.
  private void pass(PassState pass, JsonNode input, long enteredMillis) {
    Scope scope = scope(input, pass, enteredMillis);
    JsonNode effective = DataFlow.parameters(
        pass.io().parameters(), DataFlow.inputPath(pass.io().inputPath(), input, scope), scope);
    JsonNode result = pass.result() != null ? pass.result() : effective;
    JsonNode output = DataFlow.resultPath(pass.io().resultPath(), input, result);
    exit(pass, DataFlow.outputPath(pass.io().outputPath(), output, scope(output, pass, enteredMillis)), null);
  }

  // Choice: the first rule that matches picks the next state, else Default, else an error.
  private void choice(ChoiceState choice, JsonNode input, long enteredMillis) {
    Scope scope = scope(input, choice, enteredMillis);
    JsonNode effective = DataFlow.inputPath(choice.io().inputPath(), input, scope);
    Scope effectiveScope = scope(effective, choice, enteredMillis);
    String next = null;
    for (ChoiceState.ChoiceRule rule : choice.choices()) {
      if (ChoiceRules.matches(rule.condition(), effectiveScope)) {
        next = rule.next();
        break;
      }
    }
    if (next == null) {
      next = choice.defaultState();
    }
    if (next == null) {
      throw new StatesError(
          ErrorNames.NO_CHOICE_MATCHED,
          "No choice rule of state '" + choice.name() + "' matched its input, and it has no Default");
    }
    exit(choice, DataFlow.outputPath(choice.io().outputPath(), effective, effectiveScope), next);
  }

  // Fail: ends the flow with the error and cause, fixed or read from the input.
  private void fail(FailState fail, JsonNode input, long enteredMillis) {
    Scope scope = scope(input, fail, enteredMillis);
    String error = fail.error() != null ? fail.error() : text(fail.errorPath(), fail.errorFunction(), scope, "ErrorPath");
    String cause = fail.cause() != null ? fail.cause() : text(fail.causePath(), fail.causeFunction(), scope, "CausePath");
    fail(error, cause);
  }

  // Reads ErrorPath/CausePath (a path or an intrinsic function); it must give a string, as on AWS.
  private static String text(JsonPath path, IntrinsicFunction function, Scope scope, String field) {
    JsonNode value;
    String source;
    if (function != null) {
      value = function.evaluate(scope);
      source = function.text();
    } else if (path != null) {
      source = path.text();
      try {
        value = path.evaluate(scope);
      } catch (PathNotFoundException e) {
        throw new StatesError(ErrorNames.RUNTIME, "Invalid path '" + source + "' in " + field + ": " + e.getMessage());
      }
    } else {
      return null;
    }
    if (!value.isTextual()) {
      throw new StatesError(ErrorNames.RUNTIME, field + " '" + source + "' must give a string, but gave " + value);
    }
    return value.textValue();
  }

  /**
   * Leaves a state with its output: an "exited" event, then the next state (an action of its own,
   * so long chains never grow the stack) or the end of the flow.
   */
  void exit(State state, JsonNode output, String next) {
    if (closed) {
      return;
    }
    current = Cancellable.NONE;
    record(EventType.exited(state.type()), engine.details() ? Details.exited(state.name(), output) : null);
    String target = next != null ? next : state.next();
    if (target == null) {
      finish(Outcome.success(output));
      return;
    }
    State nextState = machine.state(target);
    engine.scheduler.soon(() -> enter(nextState, output));
  }

  /** Ends the flow with an error that nothing in it caught. */
  void fail(String error, String cause) {
    finish(Outcome.failure(error, cause));
  }

  private void finish(Outcome outcome) {
    if (!closed) {
      closed = true;
      current = Cancellable.NONE;
      done.accept(outcome);
    }
  }

  Scope scope(JsonNode input, State state, long enteredMillis) {
    return engine.scope(input, engine.context(state.name(), enteredMillis, 0, null, null), variables);
  }
}
