package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.WorkItem;
import java.util.Collection;

/** Builds the handlers' output JSON. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode strings(Collection<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** A batch as SelectBatch answers it and Complete/Fail/RenewLease take it back. */
  static ObjectNode batch(Batch batch) {
    ObjectNode node = object();
    node.put("batchId", batch.batchId());
    node.put("executionId", batch.owner());
    node.put("source", batch.source());
    node.put("team", batch.team());
    node.put("dataset", batch.dataset());
    node.put("datasetName", batch.datasetName());
    node.put("stage", batch.stage());
    node.put("priority", batch.effectiveLevel());
    node.put("itemCount", batch.items().size());
    node.put("leaseExpiresAt", batch.items().get(0).lease().expiresAt().toString());
    node.put("sourceSlot", batch.sourceSlot());
    ArrayNode items = node.putArray("items");
    for (WorkItem item : batch.items()) {
      ObjectNode i = items.addObject();
      i.put("objectKey", item.objectKey());
      if (item.table() != null) {
        i.put("table", item.table());
      }
      i.put("priority", item.priority().level());
      i.put("attempts", item.attempts());
      i.put("enqueuedAt", item.enqueuedAt().toString());
    }
    return node;
  }
}
