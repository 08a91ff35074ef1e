package io.datalakewlm.simulator.wlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.workers.store.twin.DynamoDbError;
import io.datalakewlm.workers.store.twin.DynamoDbTwin;
import java.util.Map;

/**
 * Step Functions' optimized DynamoDB integration ({@code arn:aws:states:::dynamodb:getItem},
 * {@code putItem}, {@code updateItem}, {@code deleteItem}) served by the DynamoDB API twin on the
 * workers' in-memory tables: the task's arguments are the DynamoDB request, its result DynamoDB's
 * answer, and an error of DynamoDB fails the task as {@code DynamoDB.<ErrorName>} with DynamoDB's
 * message as the cause, as on AWS (and as {@code wlm local} serves them from dynalite). The twin
 * answers at once: DynamoDB's few milliseconds per request are not modelled.
 */
final class DynamoDbTasks {
  static final Map<String, String> ACTIONS = Map.of(
      "arn:aws:states:::dynamodb:getItem", "GetItem",
      "arn:aws:states:::dynamodb:putItem", "PutItem",
      "arn:aws:states:::dynamodb:updateItem", "UpdateItem",
      "arn:aws:states:::dynamodb:deleteItem", "DeleteItem");

  private DynamoDbTasks() {
  }

  static void register(Resources resources, DynamoDbTwin twin) {
    ACTIONS.forEach((resource, operation) -> resources.register(resource, call -> {
      JsonNode request = call.input() == null ? JsonNodeFactory.instance.objectNode() : call.input();
      JsonNode answer;
      try {
        answer = twin.call(operation, request);
      } catch (DynamoDbError e) {
        call.fail(e.statesError(), e.getMessage());
        return;
      }
      call.succeed(answer);
    }));
  }
}
