package io.datalakewlm.simulator.aws;

import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionListener;
import io.datalakewlm.asl.exec.ExecutionStatus;

/**
 * Meters the billable state transitions of Standard workflows: the runtime counts one per state
 * entered and one per retry ({@link Execution#transitions()}), added here when an execution
 * finishes. Executions still running when a simulation ends are added with
 * {@link #addUnfinished}.
 */
public final class StateTransitionCounter implements ExecutionListener {
  private final ServiceMeter meter;
  private long transitions;

  public StateTransitionCounter(ServiceMeter meter) {
    this.meter = meter;
  }

  /** Transitions metered so far. */
  public long transitions() {
    return transitions;
  }

  @Override
  public void onFinished(Execution execution) {
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
}
