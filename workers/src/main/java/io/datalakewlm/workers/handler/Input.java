package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a handler's input with errors that name the JSON path and the fix, raised as
 * {@link ErrorNames#INVALID_INPUT}.
 */
final class Input {

  private final String activity;
  private final JsonNode node;
  private final String path;

  private Input(String activity, JsonNode node, String path) {
    this.activity = activity;
    this.node = node;
    this.path = path;
  }

  static Input of(String activity, JsonNode input) {
    if (input == null || !input.isObject()) {
      throw new ActivityException(ErrorNames.INVALID_INPUT, activity + ": the input must be a JSON object, got "
          + (input == null ? "nothing" : input.getNodeType().name().toLowerCase()));
    }
    return new Input(activity, input, "$");
  }

  String text(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || !v.isTextual() || v.asText().isBlank()) {
      throw invalid(field, "is required: a non-empty string");
    }
    return v.asText();
  }

  String text(String field, String orElse) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return orElse;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw invalid(field, "must be a non-empty string");
    }
    return v.asText();
  }

  /** A string, or a number given as such (priority levels). */
  String scalar(String field, String orElse) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return orElse;
    }
    if (!v.isTextual() && !v.isIntegralNumber()) {
      throw invalid(field, "must be a string or an integer");
    }
    return v.asText();
  }

  int integer(String field, int orElse, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return orElse;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
      throw invalid(field, "must be an integer from " + min + " to " + max + ", got " + v);
    }
    return v.asInt();
  }

  Integer optionalInteger(String field, int min, int max) {
    return node.hasNonNull(field) ? integer(field, 0, min, max) : null;
  }

  Double optionalNumber(String field, double minExclusive) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || !(v.asDouble() > minExclusive)) {
      throw invalid(field, "must be a number greater than " + minExclusive + ", got " + v);
    }
    return v.asDouble();
  }

  Duration seconds(String field, long orElseSeconds, long min, long max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Duration.ofSeconds(orElseSeconds);
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw invalid(field, "must be a whole number of seconds from " + min + " to " + max + ", got " + v);
    }
    return Duration.ofSeconds(v.asLong());
  }

  boolean has(String field) {
    return node.hasNonNull(field);
  }

  /** This object as given (to pass it on). */
  JsonNode json() {
    return node;
  }

  Input object(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      throw invalid(field, "is required: an object");
    }
    return new Input(activity, v, path + "." + field);
  }

  /** The objectKey of every element of an array of objects (a batch's items) or strings. */
  List<String> keys(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray() || v.isEmpty()) {
      throw invalid(field, "is required: a non-empty array of items ({\"objectKey\": ...}) or of object keys");
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      JsonNode key = e.isObject() ? e.get("objectKey") : e;
      if (key == null || !key.isTextual() || key.asText().isBlank()) {
        throw invalid(field + "[" + i + "]", "must be an object key or an item with a non-empty objectKey");
      }
      keys.add(key.asText());
    }
    return keys;
  }

  ActivityException invalid(String field, String problem) {
    return new ActivityException(ErrorNames.INVALID_INPUT, activity + ": " + path + "." + field + " " + problem);
  }
}
