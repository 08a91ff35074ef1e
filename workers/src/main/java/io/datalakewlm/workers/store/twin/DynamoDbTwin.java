package io.datalakewlm.workers.store.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.KeyAttribute;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.TableDefinition;
import io.datalakewlm.workers.store.expression.DocumentPath;
import io.datalakewlm.workers.store.expression.Evaluator;
import io.datalakewlm.workers.store.expression.ExpressionException;
import io.datalakewlm.workers.store.expression.RequestExpressions;
import io.datalakewlm.workers.store.expression.UpdateExpression;
import io.datalakewlm.workers.store.memory.InMemoryStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DynamoDB's item API (GetItem, PutItem, UpdateItem, DeleteItem, with their JSON requests and
 * answers) on the tables of an {@link InMemoryStore}, so that what a state machine's direct
 * DynamoDB tasks write is what the workers read, in the simulator's time and without a server.
 * Expressions (ConditionExpression, UpdateExpression, ProjectionExpression with
 * ExpressionAttributeNames/Values) are DynamoDB's ({@code store.expression}); errors carry
 * DynamoDB's names and messages. The same cases run against it and dynalite
 * ({@code DynamoDbApiContract}).
 *
 * <p>Differences: only the workers' value types (S, N, BOOL, M, L; others are refused, saying
 * so); no item size limit; no
 * {@code ReturnConsumedCapacity}, {@code ReturnItemCollectionMetrics} or
 * {@code ReturnValuesOnConditionCheckFailure} (refused by name).
 */
public final class DynamoDbTwin {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> COMMON = Set.of("TableName", "ExpressionAttributeNames", "ExpressionAttributeValues");
  private static final Map<String, Set<String>> PARAMETERS = Map.of(
      "GetItem", Set.of("Key", "ConsistentRead", "ProjectionExpression"),
      "PutItem", Set.of("Item", "ConditionExpression", "ReturnValues"),
      "UpdateItem", Set.of("Key", "UpdateExpression", "ConditionExpression", "ReturnValues"),
      "DeleteItem", Set.of("Key", "ConditionExpression", "ReturnValues"));

  private final InMemoryStore store;
  private final Map<String, Table> tables = new HashMap<>();
  private long reads;
  private long writes;

  /** @param environment the tables' suffix, as the template names them ({@code wlm-queue-<environment>}) */
  public DynamoDbTwin(InMemoryStore store, String environment) {
    this.store = store;
    for (Table table : Table.values()) {
      tables.put(table.physicalName(environment), table);
    }
  }

  /** GetItem requests answered so far (read request units, one per small item). */
  public long reads() {
    return reads;
  }

  /** PutItem, UpdateItem and DeleteItem requests answered so far, failed conditions included (DynamoDB bills them). */
  public long writes() {
    return writes;
  }

  /**
   * Answers one request.
   *
   * @param operation {@code GetItem}, {@code PutItem}, {@code UpdateItem} or {@code DeleteItem}
   * @return DynamoDB's answer
   * @throws DynamoDbError the error DynamoDB answers with
   */
  public ObjectNode call(String operation, JsonNode request) {
    Set<String> allowed = PARAMETERS.get(operation);
    if (allowed == null) {
      throw new DynamoDbError("UnknownOperationException", "The in-memory DynamoDB twin serves GetItem, PutItem, "
          + "UpdateItem and DeleteItem, not " + operation);
    }
    Iterator<String> names = request.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name) && !COMMON.contains(name)) {
        throw DynamoDbError.validation("The in-memory DynamoDB twin does not take " + name + " in " + operation
            + " (it takes " + new java.util.TreeSet<>(allowed) + " and " + new java.util.TreeSet<>(COMMON) + ")");
      }
    }
    Table table = table(request);
    try {
      return switch (operation) {
        case "GetItem" -> getItem(table, request);
        case "PutItem" -> putItem(table, request);
        case "UpdateItem" -> updateItem(table, request);
        default -> deleteItem(table, request);
      };
    } catch (ExpressionException e) {
      throw DynamoDbError.validation(e.getMessage());
    }
  }

  private ObjectNode getItem(Table table, JsonNode request) {
    Key key = key(table, request);
    RequestExpressions expressions = expressions(request, null, null, text(request, "ProjectionExpression"));
    reads++;
    ObjectNode answer = NODES.objectNode();
    store.get(table, key).ifPresent(item -> {
      Map<String, Object> attributes = expressions.projection() == null ? item.attributes()
          : Evaluator.project(item.attributes(), expressions.projection());
      answer.set("Item", AttributeJson.toMap(attributes));
    });
    return answer;
  }

  private ObjectNode putItem(Table table, JsonNode request) {
    JsonNode itemJson = required(request, "Item");
    Map<String, Object> attributes = AttributeJson.fromMap(itemJson, "Item");
    TableDefinition definition = store.definitions().get(table);
    checkKeyAttribute(attributes, definition.partition());
    if (definition.sort() != null) {
      checkKeyAttribute(attributes, definition.sort());
    }
    String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"), "ReturnValues can only be ALL_OLD or NONE");
    RequestExpressions expressions = expressions(request, text(request, "ConditionExpression"), null, null);
    Item item = Item.of(attributes);
    writes++;
    Optional<Item> old = store.replace(table, definition.keyOf(item), current -> {
      checkCondition(expressions, current);
      return Optional.of(item);
    });
    return withAttributes(returnValues.equals("ALL_OLD") ? old.map(Item::attributes).orElse(null) : null);
  }

  private ObjectNode updateItem(Table table, JsonNode request) {
    Key key = key(table, request);
    String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"),
        "1 validation error detected: Value '" + text(request, "ReturnValues") + "' at 'returnValues' failed to satisfy "
            + "constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
    RequestExpressions expressions = expressions(request, text(request, "ConditionExpression"),
        text(request, "UpdateExpression"), null);
    UpdateExpression update = expressions.update();
    TableDefinition definition = store.definitions().get(table);
    if (update != null) {
      for (UpdateExpression.Action action : update.actions()) {
        if (definition.isKeyAttribute(action.path().attribute())) {
          throw DynamoDbError.validation("One or more parameter values were invalid: Cannot update attribute "
              + action.path().attribute() + ". This attribute is part of the key");
        }
      }
    }
    writes++;
    Item[] after = new Item[1];
    Optional<Item> old = store.replace(table, key, current -> {
      checkCondition(expressions, current);
      Map<String, Object> base = current.map(Item::attributes).orElse(key.values());
      after[0] = update == null ? Item.of(base) : Item.of(Evaluator.apply(update, base));
      return Optional.of(after[0]);
    });
    List<DocumentPath> updated = new ArrayList<>();
    if (update != null) {
      update.actions().forEach(action -> updated.add(action.path()));
    }
    Map<String, Object> attributes = switch (returnValues) {
      case "ALL_OLD" -> old.map(Item::attributes).orElse(null);
      case "ALL_NEW" -> after[0].attributes();
      case "UPDATED_OLD" -> old.map(item -> Evaluator.project(item.attributes(), updated)).orElse(null);
      case "UPDATED_NEW" -> Evaluator.project(after[0].attributes(), updated);
      default -> null;
    };
    return withAttributes(attributes);
  }

  private ObjectNode deleteItem(Table table, JsonNode request) {
    Key key = key(table, request);
    String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"), "ReturnValues can only be ALL_OLD or NONE");
    RequestExpressions expressions = expressions(request, text(request, "ConditionExpression"), null, null);
    writes++;
    Optional<Item> old = store.replace(table, key, current -> {
      checkCondition(expressions, current);
      return Optional.empty();
    });
    return withAttributes(returnValues.equals("ALL_OLD") ? old.map(Item::attributes).orElse(null) : null);
  }

  // Fails the request as DynamoDB does when its condition does not hold on the current item.
  private static void checkCondition(RequestExpressions expressions, Optional<Item> current) {
    if (expressions.condition() != null
        && !Evaluator.holds(expressions.condition(), current.map(Item::attributes).orElse(null))) {
      throw new DynamoDbError(DynamoDbError.CONDITIONAL_CHECK_FAILED, "The conditional request failed");
    }
  }

  private static ObjectNode withAttributes(Map<String, Object> attributes) {
    ObjectNode answer = NODES.objectNode();
    if (attributes != null && !attributes.isEmpty()) {
      answer.set("Attributes", AttributeJson.toMap(attributes));
    }
    return answer;
  }

  // A member DynamoDB requires, refused in DynamoDB's words (which name it in lower camel case).
  private static JsonNode required(JsonNode request, String member) {
    JsonNode value = request.get(member);
    if (value == null || value.isNull()) {
      String name = Character.toLowerCase(member.charAt(0)) + member.substring(1);
      throw DynamoDbError.validation("1 validation error detected: Value null at '" + name
          + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  private Table table(JsonNode request) {
    String name = required(request, "TableName").asText();
    Table table = tables.get(name);
    if (table == null) {
      throw new DynamoDbError(DynamoDbError.RESOURCE_NOT_FOUND, "Requested resource not found");
    }
    return table;
  }

  // The request's Key, which must name exactly the table's key attributes with their types.
  private Key key(Table table, JsonNode request) {
    JsonNode keyJson = required(request, "Key");
    Map<String, Object> values = AttributeJson.fromMap(keyJson, "Key");
    TableDefinition definition = store.definitions().get(table);
    int expected = definition.sort() == null ? 1 : 2;
    if (values.size() != expected || !matches(values, definition.partition())
        || (definition.sort() != null && !matches(values, definition.sort()))) {
      throw DynamoDbError.validation("The provided key element does not match the schema");
    }
    for (Object value : values.values()) {
      if ("".equals(value)) {
        throw DynamoDbError.validation("One or more parameter values are not valid. The AttributeValue for a key "
            + "attribute cannot contain an empty string value. Key: " + keyName(values, value));
      }
    }
    return new Key(values);
  }

  private static String keyName(Map<String, Object> values, Object value) {
    return values.entrySet().stream().filter(e -> e.getValue() == value).findFirst().map(Map.Entry::getKey).orElse("");
  }

  private static boolean matches(Map<String, Object> values, KeyAttribute key) {
    Object value = values.get(key.name());
    return "S".equals(key.type()) ? value instanceof String : value instanceof BigDecimal;
  }

  private static void checkKeyAttribute(Map<String, Object> item, KeyAttribute key) {
    Object value = item.get(key.name());
    if (value == null) {
      throw DynamoDbError.validation("One or more parameter values were invalid: Missing the key " + key.name()
          + " in the item");
    }
    String actual = Evaluator.typeName(value);
    if (!actual.equals(key.type())) {
      throw DynamoDbError.validation("One or more parameter values were invalid: Type mismatch for key " + key.name()
          + " expected: " + key.type() + " actual: " + actual);
    }
    if ("".equals(value)) {
      throw DynamoDbError.validation("One or more parameter values are not valid. The AttributeValue for a key "
          + "attribute cannot contain an empty string value. Key: " + key.name());
    }
  }

  private static String returnValues(JsonNode request, Set<String> allowed, String refusal) {
    String value = text(request, "ReturnValues");
    if (value == null) {
      return "NONE";
    }
    if (!allowed.contains(value)) {
      throw DynamoDbError.validation(refusal);
    }
    return value;
  }

  private static RequestExpressions expressions(JsonNode request, String condition, String update, String projection) {
    Map<String, String> names = null;
    JsonNode namesJson = request.get("ExpressionAttributeNames");
    if (namesJson != null) {
      names = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = namesJson.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        names.put(entry.getKey(), entry.getValue().asText());
      }
    }
    JsonNode valuesJson = request.get("ExpressionAttributeValues");
    Map<String, Object> values = valuesJson == null ? null : AttributeJson.fromMap(valuesJson, "ExpressionAttributeValues");
    return RequestExpressions.parse(condition, update, projection, names, values);
  }

  private static String text(JsonNode request, String field) {
    JsonNode value = request.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
