package io.datalakewlm.asl.exec;

/**
 * Something in flight inside a flow that must stop when the flow is cancelled: a task attempt, a
 * wait, a retry delay, the branches of a Parallel or the iterations of a Map.
 */
interface Cancellable {
  /** Stops the work without reporting an outcome; {@code recordAbort} writes the abort events. */
  void cancel(boolean recordAbort);

  Cancellable NONE = recordAbort -> {};
}
