package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.model.StateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * One run of a state machine: its identity, status, outcome and (when the runtime records it)
 * history. Read it from the runtime's loop thread, or after the loop has stopped.
 *
 * <p>A FAILED, TIMED_OUT or ABORTED execution can be redriven ({@link #redrive()}): it runs again
 * from the state it ended in, entered with the input that state had the first time, with the
 * variables of the first attempt, continuing the same history (an {@code ExecutionRedriven} event,
 * then new event ids). As on AWS, a Parallel or inline Map it ended in reruns only the branches or
 * iterations that did not succeed (each where it ended), and a Distributed Map redrives its Map Run
 * (see {@link MapRun}).
 */
public final class Execution {
  private final String arn;
  private final String name;
  private final String stateMachineArn;
  private final StateMachine definition;
  private final JsonNode input;
  private final long startMillis;
  private final String parentArn;
  private final String mapRunArn;
  private final String roleArn;
  private final List<HistoryEvent> history = new ArrayList<>();

  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private JsonNode output;
  private String error;
  private String cause;
  private long stopMillis;
  private long transitions;
  private long events;
  private BiConsumer<String, String> stopper = (error, cause) -> {};
  private BooleanSupplier redriver;
  private int redriveCount;
  private long redriveMillis;

  Execution(
      String arn,
      String name,
      String stateMachineArn,
      StateMachine definition,
      JsonNode input,
      long startMillis,
      String parentArn,
      String mapRunArn,
      String roleArn) {
    this.arn = arn;
    this.name = name;
    this.stateMachineArn = stateMachineArn;
    this.definition = definition;
    this.input = input;
    this.startMillis = startMillis;
    this.parentArn = parentArn;
    this.mapRunArn = mapRunArn;
    this.roleArn = roleArn;
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public String stateMachineArn() {
    return stateMachineArn;
  }

  public StateMachine definition() {
    return definition;
  }

  public JsonNode input() {
    return input;
  }

  public Instant startDate() {
    return Instant.ofEpochMilli(startMillis);
  }

  /** The time the execution stopped, or {@code null} while it runs. */
  public Instant stopDate() {
    return status.isFinal() ? Instant.ofEpochMilli(stopMillis) : null;
  }

  /** The ARN of the execution whose Distributed Map started this one, or {@code null}. */
  public String parentArn() {
    return parentArn;
  }

  /** The ARN of the map run this execution is a child of, or {@code null}. */
  public String mapRunArn() {
    return mapRunArn;
  }

  /** The IAM role the execution runs as ({@code $$.Execution.RoleArn}); a map run's children run as their parent. */
  public String roleArn() {
    return roleArn;
  }

  public ExecutionStatus status() {
    return status;
  }

  /** The output of a SUCCEEDED execution, else {@code null}. */
  public JsonNode output() {
    return output;
  }

  /** The error of a FAILED, TIMED_OUT or ABORTED execution (may be {@code null}), else null. */
  public String error() {
    return error;
  }

  public String cause() {
    return cause;
  }

  /**
   * State transitions so far, as Step Functions bills them: one per state entered and one per
   * retry of a Task, Parallel or Map.
   */
  public long transitions() {
    return transitions;
  }

  /**
   * Events in the execution's history so far, counted whether or not the runtime records them:
   * the id of the latest event, the figure the history quota applies to.
   */
  public long eventCount() {
    return events;
  }

  /** The recorded history, oldest first (empty when the runtime does not record history). */
  public List<HistoryEvent> history() {
    return Collections.unmodifiableList(history);
  }

  /** Stops a running execution as {@code StopExecution} does (status ABORTED). */
  public void stop(String error, String cause) {
    if (status == ExecutionStatus.RUNNING) {
      stopper.accept(error, cause);
    }
  }

  /** How many times the execution was redriven (0 before the first redrive). */
  public int redriveCount() {
    return redriveCount;
  }

  /** When the execution was last redriven, or {@code null} if it never was. */
  public Instant redriveDate() {
    return redriveCount == 0 ? null : Instant.ofEpochMilli(redriveMillis);
  }

  /**
   * Runs a FAILED, TIMED_OUT or ABORTED execution again from the state it ended in; the caller
   * checks the service's conditions (window, history room) first.
   *
   * @return whether it was redriven (false while it runs, after success, or for an execution the
   *     runtime cannot resume: one that filled its history)
   */
  public boolean redrive() {
    if (!status.isFinal() || status == ExecutionStatus.SUCCEEDED || redriver == null) {
      return false;
    }
    return redriver.getAsBoolean();
  }

  void onRedrive(BooleanSupplier redriver) {
    this.redriver = redriver;
  }

  /** Back to RUNNING for a redrive at {@code atMillis}. */
  void reopen(long atMillis) {
    status = ExecutionStatus.RUNNING;
    output = null;
    error = null;
    cause = null;
    redriveCount++;
    redriveMillis = atMillis;
  }

  void onStop(BiConsumer<String, String> stopper) {
    this.stopper = stopper;
  }

  void countTransition() {
    transitions++;
  }

  /** Counts one more event and returns its id. */
  long countEvent() {
    return ++events;
  }

  void add(HistoryEvent event) {
    history.add(event);
  }

  void finish(ExecutionStatus status, JsonNode output, String error, String cause, long atMillis) {
    this.status = status;
    this.output = output;
    this.error = error;
    this.cause = cause;
    this.stopMillis = atMillis;
  }

  @Override
  public String toString() {
    return "Execution[" + arn + " " + status + "]";
  }
}
