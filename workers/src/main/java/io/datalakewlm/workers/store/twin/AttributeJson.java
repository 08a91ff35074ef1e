package io.datalakewlm.workers.store.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.store.Item;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's JSON attribute values ({@code {"S": "a"}}, {@code {"N": "1"}}, …) to and from the
 * store's Java values. The store holds S, N, BOOL, M and L, the types of the workers' items; a
 * request with NULL, binary or set values is refused with a message saying so.
 */
final class AttributeJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AttributeJson() {
  }

  /** An attribute map ({@code Item}, {@code Key}, {@code ExpressionAttributeValues}) in Java form. */
  static Map<String, Object> fromMap(JsonNode map, String field) {
    if (!map.isObject()) {
      throw DynamoDbError.validation("1 validation error detected: " + field + " must be a map of attribute values");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      values.put(entry.getKey(), fromValue(entry.getValue()));
    }
    return values;
  }

  static Object fromValue(JsonNode value) {
    if (!value.isObject() || value.size() != 1) {
      throw DynamoDbError.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    Map.Entry<String, JsonNode> typed = value.fields().next();
    JsonNode content = typed.getValue();
    switch (typed.getKey()) {
      case "S":
        return content.asText();
      case "N":
        try {
          return Item.normalise(new BigDecimal(content.asText()));
        } catch (NumberFormatException e) {
          throw DynamoDbError.validation("The parameter cannot be converted to a numeric value: " + content.asText());
        }
      case "BOOL":
        return content.asBoolean();
      case "M":
        return fromMap(content, "M");
      case "L": {
        List<Object> list = new ArrayList<>();
        content.forEach(element -> list.add(fromValue(element)));
        return list;
      }
      case "NULL": case "B": case "SS": case "NS": case "BS":
        throw DynamoDbError.validation("The in-memory DynamoDB twin holds S, N, BOOL, M and L values (those of the "
            + "workers' items), not " + typed.getKey() + ": use a DynamoDB API (dynalite) for it");
      default:
        throw DynamoDbError.validation("Supplied AttributeValue has an unknown datatype: " + typed.getKey());
    }
  }

  static ObjectNode toMap(Map<String, Object> values) {
    ObjectNode map = NODES.objectNode();
    values.forEach((name, value) -> map.set(name, toValue(value)));
    return map;
  }

  @SuppressWarnings("unchecked")
  static ObjectNode toValue(Object value) {
    ObjectNode typed = NODES.objectNode();
    if (value instanceof String s) {
      typed.put("S", s);
    } else if (value instanceof BigDecimal d) {
      typed.put("N", d.toPlainString());
    } else if (value instanceof Boolean b) {
      typed.put("BOOL", b);
    } else if (value instanceof Map<?, ?> m) {
      typed.set("M", toMap((Map<String, Object>) m));
    } else {
      typed.putArray("L").addAll(((List<Object>) value).stream().map(AttributeJson::toValue).toList());
    }
    return typed;
  }
}
