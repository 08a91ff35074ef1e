package io.datalakewlm.simulator.aws;

import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionListener;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Meters the billable state transitions of Standard workflows: every state entered (the
 * runtime's {@link Execution#transitions()}, added when an execution finishes) and, when the
 * runtime records history, every retry of a Task, which AWS bills as one more transition. A retry
 * shows in the history as a {@code *Scheduled} event that does not directly follow the state's
 * {@code *StateEntered} event.
 *
 * <p>Executions still running when a simulation ends are added with {@link #addUnfinished}.
 */
public final class StateTransitionCounter implements ExecutionListener {
  private final ServiceMeter meter;
  private final Map<String, Set<Long>> enteredEvents = new HashMap<>();
  private long transitions;

  public StateTransitionCounter(ServiceMeter meter) {
    this.meter = meter;
  }

  /** Transitions metered so far. */
  public long transitions() {
    return transitions;
  }

  @Override
  public void onEvent(Execution execution, HistoryEvent event) {
    if (event.type().name().endsWith("StateEntered")) {
      enteredEvents.computeIfAbsent(execution.arn(), arn -> new HashSet<>()).add(event.id());
    } else if (isScheduled(event.type())) {
      Set<Long> entered = enteredEvents.get(execution.arn());
      if (entered == null || !entered.contains(event.previousEventId())) {
        count(1);
      }
    }
  }

  @Override
  public void onFinished(Execution execution) {
    enteredEvents.remove(execution.arn());
    count(execution.transitions());
  }

  /** Adds the transitions of executions that have not finished (at the end of a simulation). */
  public void addUnfinished(Iterable<Execution> executions) {
    for (Execution execution : executions) {
      if (execution.status() == ExecutionStatus.RUNNING) {
        count(execution.transitions());
      }
    }
  }

  private void count(long n) {
    transitions += n;
    meter.add(CostUnit.SFN_STATE_TRANSITIONS, n);
  }

  private static boolean isScheduled(EventType type) {
    return type == EventType.TaskScheduled || type == EventType.ActivityScheduled
        || type == EventType.LambdaFunctionScheduled;
  }
}
