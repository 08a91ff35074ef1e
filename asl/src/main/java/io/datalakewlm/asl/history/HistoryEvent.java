package io.datalakewlm.asl.history;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event of an execution history, with the fields {@code GetExecutionHistory} returns:
 * {@code id} counts from 1 per execution, {@code previousEventId} points at the event that led to
 * this one in the same flow (0 for the first), and {@code details} holds the type's details
 * object (inputs and outputs in it are JSON text, as AWS returns them).
 */
public record HistoryEvent(long id, long previousEventId, long timestampMillis, EventType type, ObjectNode details) {

  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  /**
   * The event as AWS's JSON shape. {@code epochSeconds} chooses the wire format of the API
   * (seconds since the epoch, as a number) or ISO-8601 text for people.
   */
  public ObjectNode toJson(boolean epochSeconds) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (epochSeconds) {
      node.put("timestamp", timestampMillis / 1000.0);
    } else {
      node.put("timestamp", timestamp().toString());
    }
    node.put("type", type.name());
    node.put("id", id);
    node.put("previousEventId", previousEventId);
    if (type.detailsField() != null && details != null) {
      node.set(type.detailsField(), details);
    }
    return node;
  }
}
