package io.datalakewlm.asl.exec;

import io.datalakewlm.asl.history.HistoryEvent;

/**
 * Observes the executions of a runtime: the simulator counts transitions and outcomes with it, the
 * local endpoint answers {@code DescribeExecution} from it. Called on the runtime's loop thread.
 */
public interface ExecutionListener {
  /** An event was added to an execution's history (only when the runtime records history). */
  default void onEvent(Execution execution, HistoryEvent event) {}

  /** An execution reached a final status. */
  default void onFinished(Execution execution) {}
}
