package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.task.TaskCall;
import io.datalakewlm.asl.task.TaskHandler;
import io.datalakewlm.asl.time.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt of a Task, as its handler sees it ({@link TaskCall}). It owns the attempt's timers:
 * {@code TimeoutSeconds} from scheduling, {@code HeartbeatSeconds} from the start and from each
 * heartbeat. The first of answer, timeout or cancel closes it; whatever comes after is ignored.
 */
final class TaskAttempt implements TaskCall {
  private final TaskRun run;
  private final Engine engine;
  private final TaskHandler handler;
  private final JsonNode input;
  private final String token;
  private final ObjectNode context;
  private final int timeoutSeconds;
  private final Integer heartbeatSeconds;
  private final List<Runnable> onCancel = new ArrayList<>(1);
  private Timer timeoutTimer = Timer.NONE;
  private Timer heartbeatTimer = Timer.NONE;
  private boolean open = true;
  private boolean started;

  TaskAttempt(
      TaskRun run, TaskHandler handler, JsonNode input, String token, ObjectNode context, int timeoutSeconds, Integer heartbeatSeconds) {
    this.run = run;
    this.engine = run.engine;
    this.handler = handler;
    this.input = input;
    this.token = token;
    this.context = context;
    this.timeoutSeconds = timeoutSeconds;
    this.heartbeatSeconds = heartbeatSeconds;
  }

  void start() {
    engine.runtime.openTask(this);
    timeoutTimer = engine.scheduler.after(timeoutSeconds * 1000L, () -> timeOut(ErrorNames.TIMEOUT,
        "The task did not finish within its TimeoutSeconds (" + timeoutSeconds + " s)"));
    if (!run.isActivity()) {
      markStarted(null);
    }
    if (!open) {
      // The started event filled the history: the execution failed before the work began.
      return;
    }
    try {
      handler.start(this);
    } catch (StatesError e) {
      fail(e.error(), e.cause());
    } catch (RuntimeException e) {
      fail(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }
  }

  /** Closes the attempt because its state stopped (execution stopped, sibling failed). */
  void cancel() {
    if (open) {
      close();
      onCancel.forEach(Runnable::run);
    }
  }

  @Override
  public String resource() {
    return run.resource();
  }

  @Override
  public JsonNode input() {
    return input;
  }

  @Override
  public String taskToken() {
    return token;
  }

  @Override
  public JsonNode context() {
    return context;
  }

  @Override
  public String executionArn() {
    return engine.execution.arn();
  }

  @Override
  public String stateName() {
    return run.stateName();
  }

  @Override
  public int retryCount() {
    return run.recovery.retryCount();
  }

  @Override
  public Instant now() {
    return engine.scheduler.now();
  }

  @Override
  public void started(String workerName) {
    onLoop(() -> {
      if (open) {
        markStarted(workerName);
      }
    });
  }

  @Override
  public void succeed(JsonNode output) {
    onLoop(() -> {
      if (!open) {
        return;
      }
      if (!started) {
        markStarted(null);
      }
      close();
      run.flow.record(run.succeededType(), engine.details()
          ? run.resourceDetails(Details.payload(Engine.JSON.objectNode(), "output", output)) : null);
      run.succeeded(output == null ? Engine.JSON.nullNode() : output, context);
    });
  }

  @Override
  public void fail(String error, String cause) {
    onLoop(() -> {
      if (!open) {
        return;
      }
      close();
      run.flow.record(run.failedType(), engine.details() ? run.resourceDetails(Details.errorAndCause(error, cause)) : null);
      run.failed(error, cause);
    });
  }

  @Override
  public void heartbeat() {
    onLoop(() -> {
      if (open && started) {
        armHeartbeat();
      }
    });
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public Timer after(long delayMillis, Runnable action) {
    return engine.scheduler.after(delayMillis, action);
  }

  @Override
  public void onCancel(Runnable action) {
    onCancel.add(action);
  }

  @Override
  public void submitted(JsonNode response) {
    onLoop(() -> {
      if (open) {
        run.flow.record(EventType.TaskSubmitted, engine.details()
            ? run.resourceDetails(Details.payload(Engine.JSON.objectNode(), "output", response)) : null);
      }
    });
  }

  // The started event, and the heartbeat clock, which only runs once the work has started.
  private void markStarted(String workerName) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode details = null;
    if (engine.details()) {
      details = Engine.JSON.objectNode();
      if (workerName != null) {
        details.put("workerName", workerName);
      }
      details = run.resourceDetails(details);
    }
    run.flow.record(run.startedType(), details);
    armHeartbeat();
  }

  private void armHeartbeat() {
    heartbeatTimer.cancel();
    if (heartbeatSeconds != null) {
      heartbeatTimer = engine.scheduler.after(heartbeatSeconds * 1000L, () -> timeOut(ErrorNames.HEARTBEAT_TIMEOUT,
          "No heartbeat within HeartbeatSeconds (" + heartbeatSeconds + " s)"));
    }
  }

  private void timeOut(String error, String cause) {
    if (!open) {
      return;
    }
    cancel();
    run.flow.record(run.timedOutType(), engine.details() ? run.resourceDetails(Details.errorAndCause(error, cause)) : null);
    run.failed(error, cause);
  }

  private void close() {
    open = false;
    timeoutTimer.cancel();
    heartbeatTimer.cancel();
    engine.runtime.closeTask(this);
  }

  // Answers are events of their own (even when a handler answers inside start(), as a service
  // would answer later), and may come from any thread; run state is only touched on the loop.
  private void onLoop(Runnable action) {
    if (engine.scheduler.inLoop()) {
      engine.scheduler.soon(action);
    } else {
      engine.scheduler.post(action);
    }
  }
}
