package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.queue.BatchSelector;
import io.datalakewlm.workers.queue.SelectRequest;

/**
 * SelectBatch: leases the next batches to the calling execution, by priority with aging, fair
 * shares between sources, per-source caps and per-dataset batch bounds (see
 * {@link io.datalakewlm.workers.queue.FairPicker}).
 *
 * <pre>
 * in:  {"executionId": "$$.Execution.Id", "stage": "stage_b"?, "maxBatches": 10?, "maxItems": 1000?,
 *       "agingSeconds": 3600?, "maxBatchWaitSeconds": 900?, "leaseSeconds": 3600?, "laneDepth": 100?}
 * out: {"batches": [{"batchId": "b-1f2e...", "executionId": "...", "source": "sales", "team": "sales",
 *                    "dataset": "orders", "datasetName": "sales-orders", "stage": "stage_b", "priority": 3,
 *                    "itemCount": 2, "leaseExpiresAt": "...",
 *                    "items": [{"objectKey": "...", "table": "orders", "priority": 5, "attempts": 0,
 *                               "enqueuedAt": "..."}]}],
 *       "batchCount": 1, "itemCount": 2, "lanesRead": 4}
 * </pre>
 * An empty {@code batches} means nothing is ready. {@code agingSeconds} 0 disables aging.
 * Errors: {@code Wlm.InvalidInput}, {@code Wlm.ExecutionReaped}.
 */
public final class SelectBatchHandler implements ActivityHandler {

  public static final String NAME = "SelectBatch";

  private final BatchSelector selector;

  public SelectBatchHandler(BatchSelector selector) {
    this.selector = selector;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    SelectRequest request;
    try {
      request = new SelectRequest(in.text("executionId"), in.text("stage", "stage_b"),
          in.integer("maxBatches", 10, 1, 1000), in.integer("maxItems", 1000, 1, 100_000),
          in.seconds("agingSeconds", 3600, 0, 365L * 86400), in.seconds("maxBatchWaitSeconds", 900, 0, 365L * 86400),
          in.seconds("leaseSeconds", 3600, 1, 7L * 86400), in.integer("laneDepth", 100, 1, 1000));
    } catch (IllegalArgumentException e) {
      throw new ActivityException(ErrorNames.INVALID_INPUT, NAME + ": " + e.getMessage());
    }
    BatchSelector.Selection selection;
    try {
      selection = selector.select(request);
    } catch (BatchSelector.ReapedException e) {
      throw new ActivityException(ErrorNames.EXECUTION_REAPED, e.getMessage());
    }
    ObjectNode out = Json.object();
    ArrayNode batches = out.putArray("batches");
    for (Batch batch : selection.batches()) {
      batches.add(Json.batch(batch));
    }
    out.put("batchCount", selection.batches().size());
    out.put("itemCount", selection.itemCount());
    out.put("lanesRead", selection.lanesRead());
    return out;
  }
}
