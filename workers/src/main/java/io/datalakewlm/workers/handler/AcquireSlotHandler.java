package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.domain.Slot;
import io.datalakewlm.workers.metrics.Metrics;
import io.datalakewlm.workers.semaphore.AcquireOutcome;
import io.datalakewlm.workers.semaphore.Semaphores;

/**
 * AcquireSlot: takes a slot of a counting semaphore (a Glue job's runs, the account's pool).
 * Repeating the call for the same holder is harmless: it answers the slot already held.
 *
 * <pre>
 * in:  {"resource": "glue-job:heavy-transform", "executionId": "$$.Execution.Id", "holder": "b-1f2e..."?,
 *       "leaseSeconds": 3600?, "limit": 1?, "renewBeforeSeconds": 3600?}
 * out: {"resource": "...", "holderId": "arn...#b-1f2e...", "leaseExpiresAt": "...", "count": 1, "limit": 1,
 *       "alreadyHeld": false, "renewBy": "..."?}
 * </pre>
 * {@code renewBy} (with {@code renewBeforeSeconds}): the lease's expiry less that margin, the time
 * by which a long-lived holder should renew or hand over (a worker passes it to SelectBatch as
 * {@code handOverAt}). {@code limit} is the limit of a shrunk pool's ceiling when it has one.
 * {@code holder} tells apart several slots of one execution (pass the batch id inside a Map);
 * {@code limit} defines the semaphore if it does not exist yet (a defined limit is never changed
 * here). Errors: {@code Wlm.NoSlot} (full: retry with backoff), {@code Wlm.ExecutionReaped},
 * {@code Wlm.UnknownResource}, {@code Wlm.InvalidInput}.
 */
public final class AcquireSlotHandler implements ActivityHandler {

  public static final String NAME = "AcquireSlot";

  private final Semaphores semaphores;
  private final Metrics metrics;

  public AcquireSlotHandler(Semaphores semaphores, Metrics metrics) {
    this.semaphores = semaphores;
    this.metrics = metrics;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    String resource = in.text("resource");
    String execution = in.text("executionId");
    AcquireOutcome outcome;
    try {
      outcome = semaphores.acquire(resource, execution, in.text("holder", null),
          in.seconds("leaseSeconds", 3600, 1, 7L * 86400), in.optionalInteger("limit", 1, 100_000));
    } catch (IllegalArgumentException e) {
      throw new ActivityException(ErrorNames.INVALID_INPUT, NAME + ": " + e.getMessage());
    }
    if (outcome instanceof AcquireOutcome.Full full) {
      metrics.refused(ErrorNames.NO_SLOT);
      throw new ActivityException(ErrorNames.NO_SLOT, "resource " + resource + " is full: " + full.count() + "/"
          + full.limit() + " slots held");
    }
    if (outcome instanceof AcquireOutcome.Reaped) {
      throw new ActivityException(ErrorNames.EXECUTION_REAPED, "execution " + execution
          + " was reaped; it cannot take a slot of " + resource);
    }
    if (outcome instanceof AcquireOutcome.Undefined) {
      throw new ActivityException(ErrorNames.UNKNOWN_RESOURCE, "no semaphore is defined for resource " + resource
          + "; define it (with its limit) or pass \"limit\" in the input");
    }
    AcquireOutcome.Acquired acquired = (AcquireOutcome.Acquired) outcome;
    Slot slot = acquired.slot();
    ObjectNode out = Json.object();
    out.put("resource", slot.resource());
    out.put("holderId", slot.holderId());
    out.put("leaseExpiresAt", slot.expiresAt().toString());
    out.put("count", slot.count());
    out.put("limit", slot.limit());
    out.put("alreadyHeld", acquired.alreadyHeld());
    if (in.has("renewBeforeSeconds")) {
      out.put("renewBy", slot.expiresAt().minus(in.seconds("renewBeforeSeconds", 0, 0, 7L * 86400)).toString());
    }
    return out;
  }
}
