package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.model.Catcher;
import io.datalakewlm.asl.model.Retrier;
import io.datalakewlm.asl.model.State;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.asl.path.Scope;
import io.datalakewlm.asl.time.Timer;
import java.util.List;

/**
 * The run of a state that can fail and recover: Task, Parallel and Map. It makes attempts; an
 * attempt ends in {@link #succeeded} (result processing, then the next state) or {@link #failed}
 * (retry after a delay, catch into another state, or fail the flow).
 */
abstract class RecoverableRun implements Cancellable {
  final Flow flow;
  final Engine engine;
  final State state;
  final JsonNode rawInput;
  final long enteredMillis;
  final Recovery recovery;
  final StateData data;
  private Timer retryTimer = Timer.NONE;
  private String lastError;

  RecoverableRun(Flow flow, State state, JsonNode rawInput, long enteredMillis, List<Retrier> retry, List<Catcher> catchers) {
    this.flow = flow;
    this.engine = flow.engine;
    this.state = state;
    this.rawInput = rawInput;
    this.enteredMillis = enteredMillis;
    this.recovery = new Recovery(retry, catchers);
    this.data = StateData.of(state);
  }

  final void begin() {
    flow.running(this);
    flow.began(this);
    attempt();
  }

  /** The error of this state's last failed attempt, or {@code null}. */
  String lastError() {
    return lastError;
  }

  /**
   * Whether a redrive may keep what this run's last attempt achieved: not when it failed with
   * {@code States.DataLimitExceeded}, as AWS then reruns the whole state.
   */
  boolean keepsWorkOnRedrive() {
    return !ErrorNames.DATA_LIMIT_EXCEEDED.equals(lastError);
  }

  /** Makes one attempt; it must end, now or later, in {@link #succeeded} or {@link #failed}. */
  abstract void attempt();

  /** Stops the attempt in flight (on cancel); {@code recordAbort} writes its abort events. */
  abstract void stopAttempt(boolean recordAbort);

  /** The state's context object for the current attempt. */
  ObjectNode context(String taskToken) {
    return engine.context(state.name(), enteredMillis, recovery.retryCount(), taskToken, null);
  }

  Scope scope(JsonNode input, JsonNode context) {
    return engine.scope(input, context, flow.variables().view());
  }

  /** The evaluation of this state's fields in an attempt with {@code context}. */
  Evaluation evaluation(ObjectNode context) {
    return new Evaluation(flow, state, context);
  }

  /**
   * The attempt produced {@code result}: ResultSelector, Assign, ResultPath, OutputPath (JSONata:
   * Output and Assign), then the next state.
   */
  final void succeeded(JsonNode result, ObjectNode context) {
    if (result != null && PayloadSize.exceeds(result, FailureCauses.MAX_PAYLOAD_BYTES)) {
      // AWS names a task's Resource here, any other state (a Map, a Parallel) by its name.
      failed(FailureCauses.dataLimitExceeded(state instanceof TaskState task ? task.resource() : state.name()));
      return;
    }
    Exit exit;
    try {
      exit = data.leave(state, rawInput, null, result, state.io().assign(), state.io().output(), evaluation(context));
    } catch (StatesError e) {
      failed(e);
      return;
    }
    flow.exit(state, exit, null);
  }

  /** A runtime failure of this state's own fields: placed in the state, then like {@link #failed(String, String)}. */
  final void failed(StatesError e) {
    StatesError placed = flow.placed(state, e);
    failed(placed.error(), placed.cause());
  }

  /** The attempt failed: retry, catch, or end the flow with the error. */
  final void failed(String error, String cause) {
    if (flow.isClosed()) {
      return;
    }
    lastError = error;
    long delay = recovery.retryDelayMillis(error, engine.random);
    if (delay >= 0) {
      // Step Functions bills each retry as one more state transition.
      engine.execution.countTransition();
      retryTimer = engine.scheduler.after(delay, () -> {
        retryTimer = Timer.NONE;
        attempt();
      });
      return;
    }
    Catcher catcher = recovery.catcher(error);
    if (catcher == null) {
      flow.fail(error, cause);
      return;
    }
    Exit exit;
    try {
      exit = data.caught(catcher, rawInput, errorOutput(error, cause), evaluation(context(null)));
    } catch (StatesError e) {
      flow.fail(state, e);
      return;
    }
    flow.exit(state, exit, catcher.next());
  }

  @Override
  public final void cancel(boolean recordAbort) {
    retryTimer.cancel();
    stopAttempt(recordAbort);
  }

  /** The error output a catcher passes on: {@code {"Error": …, "Cause": …}}. */
  static ObjectNode errorOutput(String error, String cause) {
    ObjectNode node = Engine.JSON.objectNode();
    if (error != null) {
      node.put("Error", error);
    }
    if (cause != null) {
      node.put("Cause", cause);
    }
    return node;
  }
}
