package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.reap.Reaper;

/**
 * Reap: cleans up after a dispatcher execution that ended FAILED, ABORTED or TIMED_OUT (the
 * cleanup state machine passes the EventBridge event's execution ARN): its slots are released
 * and tombstoned, its leased items returned to the queue (one attempt counted). Then, and also
 * when no execution is given, expired leases and slots are reclaimed. Idempotent.
 *
 * <pre>
 * in:  {"executionId": "arn:aws:states:...:execution:dispatcher:run-1"?, "status": "FAILED"?,
 *       "cause": "..."?, "maxAttempts": 3?}
 * out: {"executionId": "..." | null, "slotsReleased": 1, "itemsReturned": 4, "itemsDeadLettered": 0,
 *       "expiredItemsReturned": 0, "expiredSlotsReclaimed": 0}
 * </pre>
 * Errors: {@code Wlm.InvalidInput}.
 */
public final class ReapHandler implements ActivityHandler {

  public static final String NAME = "Reap";

  private final Reaper reaper;

  public ReapHandler(Reaper reaper) {
    this.reaper = reaper;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    String execution = in.text("executionId", null);
    int maxAttempts = in.integer("maxAttempts", 3, 1, 100);
    ObjectNode out = Json.object();
    Reaper.Report reaped = new Reaper.Report(0, 0, 0, 0, 0);
    if (execution != null) {
      if (execution.contains("#")) {
        throw in.invalid("executionId", "must be an execution ARN (without '#')");
      }
      reaped = reaper.reap(execution, in.text("status", "FAILED"), in.text("cause", ""), maxAttempts);
    }
    Reaper.Report swept = reaper.sweepExpired(maxAttempts);
    if (execution == null) {
      out.putNull("executionId");
    } else {
      out.put("executionId", execution);
    }
    out.put("slotsReleased", reaped.slotsReleased());
    out.put("itemsReturned", reaped.itemsReturned());
    out.put("itemsDeadLettered", reaped.itemsDeadLettered() + swept.itemsDeadLettered());
    out.put("expiredItemsReturned", swept.expiredItemsReturned());
    out.put("expiredSlotsReclaimed", swept.expiredSlotsReclaimed());
    return out;
  }
}
