package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.queue.Outcome;
import io.datalakewlm.workers.queue.WorkQueue;

/**
 * Complete: records that a batch's stage run succeeded: its items become DONE, the stage status
 * of the dataset for today counts them (what CheckDependencies reads), and the batch's source
 * slot is freed. Repeating the call is harmless ({@code already}). Items whose lease was lost
 * (reaped or expired, maybe leased again) are listed in {@code lost} and left to their new
 * holder: the work may run twice, never zero times.
 *
 * <pre>
 * in:  {"executionId": "$$.Execution.Id", "batch": {SelectBatch's batch}}
 *   or {"executionId": "...", "batchId": "b-1f2e...", "objectKeys": ["...", "..."]}
 * out: {"batchId": "b-1f2e...", "completed": 2, "already": 0, "lost": []}
 * </pre>
 * Errors: {@code Wlm.InvalidInput}.
 */
public final class CompleteHandler implements ActivityHandler {

  public static final String NAME = "Complete";

  private final WorkQueue queue;

  public CompleteHandler(WorkQueue queue) {
    this.queue = queue;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    BatchRef batch = BatchRef.read(Input.of(NAME, json));
    Outcome outcome = queue.complete(batch.executionId(), batch.batchId(), batch.objectKeys());
    ObjectNode out = Json.object();
    out.put("batchId", batch.batchId());
    out.put("completed", outcome.done().size());
    out.put("already", outcome.already().size());
    out.set("lost", Json.strings(outcome.lost()));
    return out;
  }
}
