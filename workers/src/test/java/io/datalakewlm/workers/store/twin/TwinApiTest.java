package io.datalakewlm.workers.store.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.memory.InMemoryStore;

/** The contract against the in-memory twin. */
class TwinApiTest extends DynamoDbApiContract {
  @Override
  protected DynamoDbApi newApi() {
    DynamoDbTwin twin = new DynamoDbTwin(new InMemoryStore(), "twin");
    return new DynamoDbApi() {
      @Override
      public JsonNode call(String operation, JsonNode request) {
        return twin.call(operation, request);
      }

      @Override
      public String tableName(Table table) {
        return table.physicalName("twin");
      }
    };
  }
}
