package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.semaphore.Semaphores;

/**
 * ReleaseSlot: gives a slot back. Idempotent: releasing a slot not (or no longer) held answers
 * {@code "released": false} and changes nothing, so Catch paths may release unconditionally.
 *
 * <pre>
 * in:  {"resource": "glue-job:heavy-transform", "executionId": "$$.Execution.Id", "holder": "b-1f2e..."?}
 * out: {"resource": "...", "holderId": "...", "released": true}
 * </pre>
 * Errors: {@code Wlm.InvalidInput}.
 */
public final class ReleaseSlotHandler implements ActivityHandler {

  public static final String NAME = "ReleaseSlot";

  private final Semaphores semaphores;

  public ReleaseSlotHandler(Semaphores semaphores) {
    this.semaphores = semaphores;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    String resource = in.text("resource");
    String execution = in.text("executionId");
    String holder = in.text("holder", null);
    boolean released;
    try {
      released = semaphores.release(resource, execution, holder);
    } catch (IllegalArgumentException e) {
      throw new ActivityException(ErrorNames.INVALID_INPUT, NAME + ": " + e.getMessage());
    }
    ObjectNode out = Json.object();
    out.put("resource", resource);
    out.put("holderId", Semaphores.holderId(execution, holder));
    out.put("released", released);
    return out;
  }
}
