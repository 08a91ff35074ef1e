package io.datalakewlm.workers.handler;

import java.util.List;

/**
 * The error names the handlers (and the activity poller that runs them) raise, which the state
 * machines' Retry and Catch match. Names are stable API: renaming one breaks deployed state
 * machines.
 */
public final class ErrorNames {

  /** The input JSON lacks a field or has a wrong value; the cause names the path and the fix. Do not retry. */
  public static final String INVALID_INPUT = "Wlm.InvalidInput";
  /** AcquireSlot: every slot of the resource is held. Retry with a jittered backoff. */
  public static final String NO_SLOT = "Wlm.NoSlot";
  /** AcquireSlot/SelectBatch by an execution that was reaped: it must stop. Do not retry. */
  public static final String EXECUTION_REAPED = "Wlm.ExecutionReaped";
  /** RenewLease: none of the batch's items is leased to this execution any more (reaped or expired). */
  public static final String LEASE_LOST = "Wlm.LeaseLost";
  /** A semaphore or token bucket that is not defined, and the input gave no definition. Do not retry. */
  public static final String UNKNOWN_RESOURCE = "Wlm.UnknownResource";
  /** CheckDependencies of a dataset without a config in octagon-Dataset. Do not retry. */
  public static final String UNKNOWN_DATASET = "Wlm.UnknownDataset";
  /** Too many concurrent writers on one item; transient. Retry. */
  public static final String CONTENTION = "Wlm.Contention";
  /** DynamoDB could not be reached or throttled beyond the SDK's retries; transient. Retry. */
  public static final String STORE_UNAVAILABLE = "Wlm.StoreUnavailable";

  /**
   * Raised by the activity poller, not by a handler: the handler threw something it did not map
   * to a name (a bug); the cause names the exception. Do not retry.
   */
  public static final String WORKER_ERROR = "Wlm.WorkerError";
  /**
   * Raised by the activity poller: the worker process stopped (drain timeout passed) before the
   * handler finished. Handlers are idempotent; retry.
   */
  public static final String WORKER_STOPPED = "Wlm.WorkerStopped";
  /** Raised by the activity poller: Step Functions refused the handler's output (too large). Do not retry. */
  public static final String INVALID_OUTPUT = "Wlm.InvalidOutput";

  /** Every name, for documentation and tests. */
  public static final List<String> ALL = List.of(INVALID_INPUT, NO_SLOT, EXECUTION_REAPED, LEASE_LOST,
      UNKNOWN_RESOURCE, UNKNOWN_DATASET, CONTENTION, STORE_UNAVAILABLE, WORKER_ERROR, WORKER_STOPPED, INVALID_OUTPUT);

  private ErrorNames() {
  }
}
