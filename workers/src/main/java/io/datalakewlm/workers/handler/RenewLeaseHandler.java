package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.queue.Outcome;
import io.datalakewlm.workers.queue.WorkQueue;

/**
 * RenewLease: extends the lease of a batch (its items and its source slot) for a stage run
 * that lasts longer than the lease SelectBatch gave.
 *
 * <pre>
 * in:  {"executionId": "$$.Execution.Id", "batch": {...} | "batchId"+"objectKeys", "leaseSeconds": 3600?}
 * out: {"batchId": "...", "renewed": 2, "lost": [], "leaseExpiresAt": "..."}
 * </pre>
 * Errors: {@code Wlm.LeaseLost} when no item is leased to this batch any more (the execution
 * was reaped or the lease expired: stop, the work was given to someone else), {@code Wlm.InvalidInput}.
 */
public final class RenewLeaseHandler implements ActivityHandler {

  public static final String NAME = "RenewLease";

  private final WorkQueue queue;
  private final java.time.Clock clock;

  public RenewLeaseHandler(WorkQueue queue, java.time.Clock clock) {
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    BatchRef batch = BatchRef.read(in);
    java.time.Duration lease = in.seconds("leaseSeconds", 3600, 1, 7L * 86400);
    Outcome outcome = queue.renew(batch.executionId(), batch.batchId(), batch.objectKeys(), lease);
    if (outcome.done().isEmpty()) {
      throw new ActivityException(ErrorNames.LEASE_LOST, "batch " + batch.batchId() + " is no longer leased to "
          + batch.executionId() + ": it was reaped or its lease expired");
    }
    ObjectNode out = Json.object();
    out.put("batchId", batch.batchId());
    out.put("renewed", outcome.done().size());
    out.set("lost", Json.strings(outcome.lost()));
    out.put("leaseExpiresAt", clock.instant().plus(lease).toString());
    return out;
  }
}
