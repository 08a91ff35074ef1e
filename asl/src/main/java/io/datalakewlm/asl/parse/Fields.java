package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.parse.FieldTable.Shape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One JSON object of a definition seen by the validator: typed reads of its fields that report a
 * wrong type or an out-of-range value as a problem at the field's location and answer
 * {@code null}, so a rule can carry on with what is usable and every problem is reported once.
 */
final class Fields {
  private final ObjectNode node;
  private final JsonPointer at;
  private final Problems problems;

  Fields(ObjectNode node, JsonPointer at, Problems problems) {
    this.node = node;
    this.at = at;
    this.problems = problems;
  }

  ObjectNode node() {
    return node;
  }

  JsonPointer at() {
    return at;
  }

  /** The location of field {@code name} of this object. */
  JsonPointer at(String name) {
    return at.appendProperty(name);
  }

  Problems problems() {
    return problems;
  }

  boolean has(String name) {
    return node.has(name);
  }

  JsonNode get(String name) {
    return node.get(name);
  }

  /**
   * Reports every field {@code shape} does not know, or does not accept in {@code dialect}. Fields
   * in {@code skip} are left to the caller.
   */
  void checkNames(Shape shape, QueryLanguage dialect, Set<String> skip) {
    Map<String, Set<QueryLanguage>> known = FieldTable.fields(shape);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (skip.contains(name)) {
        continue;
      }
      Set<QueryLanguage> dialects = known.get(name);
      if (dialects == null) {
        problems.schema(
            at(name),
            "Field '" + name + "' is not supported in " + shape.description()
                + Suggestions.didYouMean(name, known.keySet()));
      } else if (!dialects.contains(dialect)) {
        QueryLanguage other = dialects.iterator().next();
        problems.schema(
            at(name),
            "The QueryLanguage is set to '" + dialect.text() + "', but field '" + name
                + "' is only supported for the '" + other.text() + "' QueryLanguage");
      }
    }
  }

  /** Reports {@code name} missing; answers whether it is present. */
  boolean require(String name) {
    if (node.has(name)) {
      return true;
    }
    problems.schema(at, "Field '" + name + "' is required in " + describeHere());
    return false;
  }

  /** Reports when both fields are present; answers whether at most one is. */
  boolean notBoth(String first, String second) {
    if (node.has(first) && node.has(second)) {
      problems.schema(
          at(second), "Fields '" + first + "' and '" + second + "' cannot both be set; keep one");
      return false;
    }
    return true;
  }

  /** The names among {@code names} that are present, in the given order. */
  List<String> present(String... names) {
    List<String> present = new ArrayList<>();
    for (String name : names) {
      if (node.has(name)) {
        present.add(name);
      }
    }
    return present;
  }

  /** A string field, or {@code null} when absent or not a string (reported). */
  String string(String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      typeError(name, "a string", value);
      return null;
    }
    return value.textValue();
  }

  /** A required string field, or {@code null} (reported). */
  String requiredString(String name) {
    return require(name) ? string(name) : null;
  }

  /** A string field that must be one of {@code allowed}, or {@code null} (reported). */
  String oneOf(String name, List<String> allowed) {
    String value = string(name);
    if (value != null && !allowed.contains(value)) {
      problems.schema(
          at(name),
          "Field '" + name + "' must be one of " + allowed.stream().map(v -> "'" + v + "'")
              .collect(Collectors.joining(", ")) + ", not '" + value + "'" + Suggestions.didYouMean(value, allowed));
      return null;
    }
    return value;
  }

  /** A whole number in {@code [min, max]}, or {@code null} when absent or invalid (reported). */
  Long integer(String name, long min, long max) {
    JsonNode value = node.get(name);
    if (value == null) {
      return null;
    }
    if (!isWholeNumber(value)) {
      typeError(name, "an integer", value);
      return null;
    }
    long number = value.asLong();
    if (!value.canConvertToLong() || number < min || number > max) {
      problems.schema(
          at(name),
          "Field '" + name + "' must be " + range(min, max) + ", not " + value.asText());
      return null;
    }
    return number;
  }

  /** A number in {@code [min, max]}, or {@code null} when absent or invalid (reported). */
  Double number(String name, double min, double max) {
    JsonNode value = node.get(name);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      typeError(name, "a number", value);
      return null;
    }
    double number = value.asDouble();
    if (number < min || number > max) {
      String bounds =
          max == Double.MAX_VALUE
              ? "at least " + plain(min)
              : "between " + plain(min) + " and " + plain(max);
      problems.schema(at(name), "Field '" + name + "' must be " + bounds + ", not " + value.asText());
      return null;
    }
    return number;
  }

  /** A Boolean field, or {@code null} when absent or not a Boolean (reported). */
  Boolean bool(String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      typeError(name, "a boolean (true or false)", value);
      return null;
    }
    return value.booleanValue();
  }

  /** An object field, or {@code null} when absent or not an object (reported). */
  Fields object(String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      typeError(name, "an object", value);
      return null;
    }
    return new Fields((ObjectNode) value, at(name), problems);
  }

  /** An array field, or {@code null} when absent or not an array (reported). */
  ArrayNode array(String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      typeError(name, "an array", value);
      return null;
    }
    return (ArrayNode) value;
  }

  /** A non-empty array field, or {@code null} when absent or invalid (reported). */
  ArrayNode nonEmptyArray(String name) {
    ArrayNode array = array(name);
    if (array != null && array.isEmpty()) {
      problems.schema(at(name), "Field '" + name + "' must not be an empty array");
      return null;
    }
    return array;
  }

  /** Element {@code index} of array {@code name} as an object, or {@code null} (reported). */
  Fields element(String name, ArrayNode array, int index) {
    JsonNode value = array.get(index);
    JsonPointer where = at(name).appendIndex(index);
    if (!value.isObject()) {
      problems.schema(where, "Each element of '" + name + "' must be an object, not " + kind(value));
      return null;
    }
    return new Fields((ObjectNode) value, where, problems);
  }

  /** Reports that {@code name} holds {@code value} instead of {@code expected}. */
  void typeError(String name, String expected, JsonNode value) {
    String hint =
        value.isTextual() && Expressions.looksLikePath(value.textValue()) && FieldTable.hasPathVariant(name)
            ? " (to take the value from a path, use '" + name + "Path')"
            : "";
    problems.schema(
        at(name),
        "Field '" + name + "' must be " + expected + ", not " + kind(value) + " " + excerpt(value) + hint);
  }

  /** How a message names the JSON type of a value. */
  static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NULL -> "null";
      default -> "a " + value.getNodeType().name().toLowerCase();
    };
  }

  /** A value as JSON, cut short for a message. */
  static String excerpt(JsonNode value) {
    if (value.isNull()) {
      return "";
    }
    String text = value.toString();
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  /** Whether a JSON number is whole ({@code 3} or {@code 3.0}). */
  static boolean isWholeNumber(JsonNode value) {
    return value.isIntegralNumber()
        || (value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble())
            && !Double.isInfinite(value.asDouble()));
  }

  // "the state machine" at the root, otherwise the object's location.
  private String describeHere() {
    return at.toString().isEmpty() ? "the state machine" : at.toString();
  }

  // Words for an integer range.
  private static String range(long min, long max) {
    if (max >= Integer.MAX_VALUE) {
      return min == 0 ? "a non-negative integer" : min == 1 ? "a positive integer" : "an integer of at least " + min;
    }
    return "an integer between " + min + " and " + max;
  }

  // 100.0 as "100", 0.5 as "0.5".
  private static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
