package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.intrinsic.IntrinsicFunction;
import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.model.Assign;
import io.datalakewlm.asl.model.ChoiceState;
import io.datalakewlm.asl.model.Condition;
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
import java.util.function.Consumer;

/**
 * Runs the states of one state list from its {@code StartAt} to an end: a whole execution, one
 * branch of a Parallel, or one iteration of a Map. A flow is a value advanced by events on the
 * scheduler, never a thread: entering a state is an action, and states that take time (tasks,
 * waits, branches, iterations) resume the flow from their own actions.
 *
 * <p>{@code previousEventId} chaining follows the flow: each event points at the last event this
 * flow recorded, so interleaved branches read as separate chains, as in AWS histories.
 *
 * <p>A flow owns a scope of workflow variables ({@link Variables}): the execution's, or a child
 * scope for a branch or an iteration, released when the flow ends. A state's assignments apply
 * when the flow records its exit.
 */
final class Flow {
  final Engine engine;
  private final StateMachine machine;
  private final Consumer<Outcome> done;
  private final Variables variables;
  long lastEventId;
  private long enteredEventId;
  private State enteredState;
  private JsonNode enteredInput;
  private JsonNode startInput;
  private Cancellable current = Cancellable.NONE;
  private RecoverableRun enteredRun;
  private RecoverableRun resumeFrom;
  private boolean closed;

  /** The top-level flow of an execution, with a fresh scope of variables. */
  Flow(Engine engine, StateMachine machine, long previousEventId, Consumer<Outcome> done) {
    this(engine, machine, previousEventId, Variables.root(), done);
  }

  /** A flow with the given scope of variables (a child scope for a branch or an iteration). */
  Flow(Engine engine, StateMachine machine, long previousEventId, Variables variables, Consumer<Outcome> done) {
    this.engine = engine;
    this.machine = machine;
    this.lastEventId = previousEventId;
    this.done = done;
    this.variables = variables;
  }

  void start(JsonNode input) {
    startInput = input;
    enter(machine.startState(), input);
  }

  /**
   * A redrive: starts at the state where {@code ended} (an earlier flow of the same states) ended,
   * with the input it had there. If that was a Parallel or Map, its new run picks up the old one's
   * work (the branches, iterations or Map Run children that succeeded are kept).
   */
  void resume(Flow ended) {
    if (ended.enteredState == null) {
      start(ended.startInput);
      return;
    }
    resumeFrom = ended.enteredRun;
    enter(ended.enteredState, ended.enteredInput);
  }

  /** Whether the flow was started, so that a redrive can resume it rather than start it. */
  boolean started() {
    return enteredState != null;
  }

  /** The run of a Task, Parallel or Map this flow ended in (or runs now), or {@code null}. */
  RecoverableRun enteredRun() {
    return enteredRun;
  }

  /** A recoverable run began in this flow's current state. */
  void began(RecoverableRun run) {
    this.enteredRun = run;
  }

  /** The state this flow entered last (where it ended, once closed), or {@code null}. */
  State enteredState() {
    return enteredState;
  }

  /** The input {@link #enteredState()} was entered with. */
  JsonNode enteredInput() {
    return enteredInput;
  }

  /** Stops whatever runs in this flow without reporting an outcome. */
  void cancel(boolean recordAbort) {
    if (!closed) {
      closed = true;
      current.cancel(recordAbort);
      current = Cancellable.NONE;
      variables.release(true);
    }
  }

  boolean isClosed() {
    return closed;
  }

  Variables variables() {
    return variables;
  }

  /** The id of the entered event of the state this flow runs now. */
  long enteredEventId() {
    return enteredEventId;
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
    if (closed || engine.halted()) {
      return;
    }
    engine.execution.countTransition();
    enteredState = state;
    enteredInput = input;
    enteredRun = null;
    RecoverableRun prior = resumeFrom;
    resumeFrom = null;
    long enteredMillis = engine.now();
    enteredEventId = record(EventType.entered(state.type()), engine.details() ? Details.entered(state.name(), input) : null);
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
        Evaluation evaluation = evaluation(succeed, enteredMillis);
        StateData data = StateData.of(succeed);
        JsonNode selected = data.selectInput(succeed, input, evaluation);
        exit(succeed, data.leave(succeed, input, selected, null, null, succeed.io().output(), evaluation), null);
      } else if (state instanceof FailState fail) {
        fail(fail, input, enteredMillis);
      } else if (state instanceof ParallelState parallel) {
        new ParallelRun(this, parallel, input, enteredMillis, prior instanceof ParallelRun run ? run : null).begin();
      } else if (state instanceof MapState map) {
        if (map.mode() == MapState.Mode.DISTRIBUTED) {
          new DistributedMapRun(this, map, input, enteredMillis,
              prior instanceof DistributedMapRun run ? run : null).begin();
        } else {
          new InlineMapRun(this, map, input, enteredMillis, prior instanceof InlineMapRun run ? run : null).begin();
        }
      }
    } catch (StatesError e) {
      // Pass, Choice, Wait and Succeed have no Retry/Catch: their errors end the flow.
      fail(state, e);
    }
  }

  // Pass: the result is Result, or the effective input (JSONata: Output over the input).
  private void pass(PassState pass, JsonNode input, long enteredMillis) {
    Evaluation evaluation = evaluation(pass, enteredMillis);
    StateData data = StateData.of(pass);
    JsonNode selected = data.selectInput(pass, input, evaluation);
    JsonNode effective = data.workInput(pass, input, selected, evaluation);
    JsonNode result = pass.queryLanguage() == io.datalakewlm.asl.model.QueryLanguage.JSONATA ? null
        : pass.result() != null ? pass.result() : effective;
    exit(pass, data.leave(pass, input, selected, result, pass.io().assign(), pass.io().output(), evaluation), null);
  }

  // Choice: the first rule that matches picks the next state and its Assign/Output, else
  // Default with the state's, else an error.
  private void choice(ChoiceState choice, JsonNode input, long enteredMillis) {
    Evaluation evaluation = evaluation(choice, enteredMillis);
    StateData data = StateData.of(choice);
    JsonNode selected = data.selectInput(choice, input, evaluation);
    Scope scope = null;
    ChoiceState.ChoiceRule matched = null;
    for (ChoiceState.ChoiceRule rule : choice.choices()) {
      boolean matches;
      if (rule.condition() instanceof Condition.Jsonata jsonata) {
        matches = condition(jsonata.condition(), input, evaluation);
      } else {
        scope = scope != null ? scope : evaluation.scope(selected);
        matches = ChoiceRules.matches(rule.condition(), scope);
      }
      if (matches) {
        matched = rule;
        break;
      }
    }
    if (matched == null && choice.defaultState() == null) {
      throw FailureCauses.noChoiceMatched(choice.name());
    }
    String next = matched != null ? matched.next() : choice.defaultState();
    Assign assign = matched != null ? matched.assign() : choice.io().assign();
    JsonataTemplate output = matched != null ? matched.output() : choice.io().output();
    exit(choice, data.leave(choice, input, selected, null, assign, output, evaluation), next);
  }

  // A JSONata Condition: it must give a Boolean.
  private static boolean condition(JsonataTemplate condition, JsonNode input, Evaluation evaluation) {
    JsonNode value = evaluation.evaluate(condition, evaluation.bindings(input));
    if (!value.isBoolean()) {
      JsonataExpression expression = condition.expressions().isEmpty() ? null : condition.expressions().get(0);
      if (expression == null) {
        throw FailureCauses.runtime(ErrorNames.QUERY_EVALUATION_ERROR, "The Condition " + value + " is not a boolean");
      }
      throw evaluation.unexpected(expression, "a boolean", value);
    }
    return value.booleanValue();
  }

  // Fail: ends the flow with the error and cause, fixed, read from the input or computed.
  private void fail(FailState fail, JsonNode input, long enteredMillis) {
    Evaluation evaluation = evaluation(fail, enteredMillis);
    Scope scope = evaluation.scope(input);
    String error = fail.error() != null ? fail.error()
        : fail.errorExpression() != null ? text(fail.errorExpression(), input, evaluation)
        : text(fail.errorPath(), fail.errorFunction(), scope, "ErrorPath");
    String cause = fail.cause() != null ? fail.cause()
        : fail.causeExpression() != null ? text(fail.causeExpression(), input, evaluation)
        : text(fail.causePath(), fail.causeFunction(), scope, "CausePath");
    fail(error, cause);
  }

  // A JSONata Error or Cause: it must give a string.
  private static String text(JsonataExpression expression, JsonNode input, Evaluation evaluation) {
    JsonNode value = evaluation.evaluate(expression, evaluation.bindings(input));
    if (!value.isTextual()) {
      throw evaluation.unexpected(expression, "a string", value);
    }
    return value.textValue();
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
        throw FailureCauses.invalidPath(source, e.getMessage());
      }
    } else {
      return null;
    }
    if (!value.isTextual()) {
      throw FailureCauses.wrongValue(field, source, "a string", value);
    }
    return value.textValue();
  }

  /**
   * Leaves a state with its output: an "exited" event, then the next state (an action of its own,
   * so long chains never grow the stack) or the end of the flow.
   */
  void exit(State state, Exit exit, String next) {
    if (closed || engine.halted()) {
      return;
    }
    current = Cancellable.NONE;
    JsonNode output = exit.output();
    if (PayloadSize.exceeds(output, FailureCauses.MAX_PAYLOAD_BYTES)) {
      fail(state, FailureCauses.dataLimitExceeded(state.name()));
      return;
    }
    variables.assign(exit.assigned());
    record(EventType.exited(state.type()), engine.details() ? Details.exited(state.name(), output, exit.assigned()) : null);
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

  /** Ends the flow with a failure raised while {@code state} ran, placed in that state. */
  void fail(State state, StatesError e) {
    StatesError placed = placed(state, e);
    fail(placed.error(), placed.cause());
  }

  /** The failure as {@code state}, the state this flow runs now, reports it (see {@link StatesError#placedIn}). */
  StatesError placed(State state, StatesError e) {
    return e.placedIn(state.name(), enteredEventId);
  }

  private void finish(Outcome outcome) {
    if (!closed) {
      closed = true;
      current = Cancellable.NONE;
      variables.release(outcome.failed());
      done.accept(outcome);
    }
  }

  /** The evaluation of a state without attempts (Pass, Choice, Wait, Succeed, Fail). */
  Evaluation evaluation(State state, long enteredMillis) {
    return new Evaluation(this, state, () -> engine.context(state.name(), enteredMillis, null, null, null));
  }
}
