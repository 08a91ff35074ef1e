package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.queue.EnqueueRequest;
import io.datalakewlm.workers.queue.EnqueueResult;
import io.datalakewlm.workers.queue.WorkQueue;

/**
 * Enqueue: stores an object's work item QUEUED with the priority of its dataset; idempotent
 * per object key (a repeated event changes nothing; a new {@code version} of a DONE object is
 * queued again).
 *
 * <pre>
 * in:  {"objectKey": "s3://raw/sales/orders/2024/01/01/a.csv", "team": "sales", "dataset": "orders",
 *       "table": "orders"?, "source": "erp"?, "stage": "stage_b"?, "priority": 1 | "HIGH"?, "version": "etag"?}
 * out: {"objectKey": "...", "enqueued": true, "status": "QUEUED", "priority": 5, "source": "sales",
 *       "stage": "stage_b", "attempts": 0, "enqueuedAt": "2024-01-01T00:00:00Z"}
 * </pre>
 * Without {@code priority} the priority table decides (default level 5, alias LOW); without
 * {@code source} the table's {@code source} or else the team. Errors: {@code Wlm.InvalidInput}.
 */
public final class EnqueueHandler implements ActivityHandler {

  public static final String NAME = "Enqueue";

  private final WorkQueue queue;

  public EnqueueHandler(WorkQueue queue) {
    this.queue = queue;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    String priorityText = in.scalar("priority", null);
    Priority priority;
    try {
      priority = priorityText == null ? null : Priority.parse(priorityText);
    } catch (IllegalArgumentException e) {
      throw in.invalid("priority", "must be a level 1..9 or HIGH/LOW, got '" + priorityText + "'");
    }
    EnqueueRequest request;
    try {
      request = new EnqueueRequest(in.text("objectKey"), in.text("team"), in.text("dataset"),
          in.text("table", null), in.text("source", null), in.text("stage", "stage_b"), priority,
          in.text("version", ""));
    } catch (IllegalArgumentException e) {
      throw new ActivityException(ErrorNames.INVALID_INPUT, NAME + ": " + e.getMessage());
    }
    EnqueueResult result = queue.enqueue(request);
    ObjectNode out = Json.object();
    out.put("objectKey", result.item().objectKey());
    out.put("enqueued", result.enqueued());
    out.put("status", result.item().status().name());
    out.put("priority", result.item().priority().level());
    out.put("source", result.item().source());
    out.put("stage", result.item().stage());
    out.put("attempts", result.item().attempts());
    out.put("enqueuedAt", result.item().enqueuedAt().toString());
    return out;
  }
}
