package io.datalakewlm.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson's JSON trees, which the runtime passes between states, and the plain
 * Java values the JSONata evaluator works on ({@code Map}, {@code List}, {@code Number},
 * {@code String}, {@code Boolean}, and {@link Jsonata#NULL_VALUE} for JSON {@code null}, since
 * the evaluator's {@code null} means "undefined").
 *
 * <p>Numbers come back the way AWS writes them: a whole number is an integer ({@code 1 + 1} is
 * {@code 2}, not {@code 2.0}), anything else a double.
 */
final class JsonataValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final double LARGEST_EXACT_LONG = 9_007_199_254_740_991d;

  private JsonataValues() {}

  /** A JSON tree as evaluator input. */
  static Object toJava(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, node.size() * 2));
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          map.put(member.getKey(), toJava(member.getValue()));
        }
        return map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        for (JsonNode element : node) {
          list.add(toJava(element));
        }
        return list;
      }
      case NUMBER -> {
        if (node.isInt()) {
          return node.intValue();
        }
        if (node.isLong()) {
          return node.longValue();
        }
        return node.doubleValue();
      }
      case STRING -> {
        return node.textValue();
      }
      case BOOLEAN -> {
        return node.booleanValue();
      }
      case NULL -> {
        return Jsonata.NULL_VALUE;
      }
      default -> {
        return node.toString();
      }
    }
  }

  /**
   * An evaluator result as a JSON tree.
   *
   * @throws IllegalArgumentException for a value JSON cannot hold (a function, a non-finite number)
   */
  static JsonNode toJson(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<?, ?> member : map.entrySet()) {
        object.set(String.valueOf(member.getKey()), toJson(member.getValue()));
      }
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      for (Object element : list) {
        array.add(toJson(element));
      }
      return array;
    }
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return integral(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    if (value instanceof BigDecimal decimal) {
      return number(decimal.doubleValue());
    }
    if (value instanceof Number number) {
      return number(number.doubleValue());
    }
    throw new IllegalArgumentException("a " + describe(value) + " is not a JSON value");
  }

  /** How a message names what an expression produced. */
  static String describe(Object value) {
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Map) {
      return "object";
    }
    if (value instanceof List) {
      return "array";
    }
    return "function";
  }

  // A double as AWS writes it: integral values without a fraction.
  private static JsonNode number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("the number " + value + " has no JSON form");
    }
    if (value == Math.rint(value) && Math.abs(value) <= LARGEST_EXACT_LONG && !(value == 0 && 1 / value < 0)) {
      return integral((long) value);
    }
    return NODES.numberNode(value);
  }

  // An integer as the smallest node that holds it, as Jackson reads JSON text.
  private static JsonNode integral(long value) {
    return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
  }
}
