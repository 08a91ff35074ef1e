package io.datalakewlm.workers.store.twin;

import com.fasterxml.jackson.databind.JsonNode;

/** DynamoDB's item API as the contract calls it: a JSON request in, the JSON answer or a {@link DynamoDbError} out. */
interface DynamoDbApi {
  JsonNode call(String operation, JsonNode request);

  /** The physical name of a workers' table in this API's fresh environment. */
  String tableName(io.datalakewlm.workers.store.Table table);
}
