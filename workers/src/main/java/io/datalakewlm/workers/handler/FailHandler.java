package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.metrics.Metrics;
import io.datalakewlm.workers.queue.Outcome;
import io.datalakewlm.workers.queue.WorkQueue;

/**
 * Fail: records that a batch's stage run failed: each item goes back to its place in its lane
 * with one more attempt, or to the dead letters with the error and cause once
 * {@code maxAttempts} are spent; the stage status counts the failure and the source slot is
 * freed. Nothing is lost.
 *
 * <pre>
 * in:  {"executionId": "$$.Execution.Id", "batch": {SelectBatch's batch} | "batchId"+"objectKeys",
 *       "error": "Glue.ConcurrentRunsExceededException"?, "cause": "..."?, "maxAttempts": 3?}
 * out: {"batchId": "...", "requeued": 1, "deadLettered": ["..."], "already": 0, "lost": []}
 * </pre>
 * In a Catch, pass {@code "error.$": "$.error.Error", "cause.$": "$.error.Cause"}. A batch failed
 * with {@code Wlm.NoSlot} (its slot retries ran out) or {@code Glue.ConcurrentRunsExceededException}
 * (other tools took the account's runs) never ran, so it is requeued without spending an attempt:
 * a busy account delays work but never dead-letters it.
 * Errors: {@code Wlm.InvalidInput}.
 */
public final class FailHandler implements ActivityHandler {

  public static final String NAME = "Fail";
  /** Glue's refusal when the account (or the job) runs all it may: the batch did not run. */
  static final String CONCURRENT_RUNS_EXCEEDED = "Glue.ConcurrentRunsExceededException";

  private final WorkQueue queue;
  private final Metrics metrics;

  public FailHandler(WorkQueue queue, Metrics metrics) {
    this.queue = queue;
    this.metrics = metrics;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    BatchRef batch = BatchRef.read(in);
    String error = in.text("error", "Wlm.Unknown");
    // A batch that gave up waiting for a slot never ran: requeue it without spending an attempt.
    boolean ran = !ErrorNames.NO_SLOT.equals(error) && !CONCURRENT_RUNS_EXCEEDED.equals(error);
    Outcome outcome = queue.fail(batch.executionId(), batch.batchId(), batch.objectKeys(),
        error, in.text("cause", "(no cause given)"), in.integer("maxAttempts", 3, 1, 100), ran);
    metrics.refused(error);
    metrics.deadLettered(outcome.deadLettered().size(), error);
    ObjectNode out = Json.object();
    out.put("batchId", batch.batchId());
    out.put("requeued", outcome.done().size());
    out.set("deadLettered", Json.strings(outcome.deadLettered()));
    out.put("already", outcome.already().size());
    out.set("lost", Json.strings(outcome.lost()));
    return out;
  }
}
