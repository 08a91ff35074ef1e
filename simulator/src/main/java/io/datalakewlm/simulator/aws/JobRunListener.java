package io.datalakewlm.simulator.aws;

/** Observes Glue job runs of the emulated account (for latency per dataset, charts). */
public interface JobRunListener {
  /** A run was accepted and started running (not called for runs that failed before starting). */
  default void started(JobRun run) {}

  /** A run reached a terminal state. */
  default void ended(JobRun run) {}
}
