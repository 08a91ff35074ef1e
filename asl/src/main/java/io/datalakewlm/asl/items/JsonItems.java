package io.datalakewlm.asl.items;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A JSON file (one array, its elements the items) or a JSON Lines file (one item a line). */
final class JsonItems {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonItems() {}

  /** The elements of the array the text holds. */
  static List<JsonNode> array(String text, int maxItems, String source) {
    JsonNode value = parse(text, source, 0);
    if (value == null || !value.isArray()) {
      throw ItemReaderFailure.failed(source + " does not hold a JSON array (it holds " + kind(value)
          + "); a JSON ItemReader iterates over the elements of one array");
    }
    List<JsonNode> items = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (maxItems > 0 && items.size() == maxItems) {
        break;
      }
      items.add(item);
    }
    return items;
  }

  /** The one JSON value of a text. */
  static JsonNode value(String text, String source) {
    return parse(text, source, 0);
  }

  /** One item for each non-blank line. */
  static List<JsonNode> lines(String text, int maxItems, String source) {
    List<JsonNode> items = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length && (maxItems == 0 || items.size() < maxItems); i++) {
      if (!lines[i].isBlank()) {
        items.add(parse(lines[i], source, i + 1));
      }
    }
    return items;
  }

  // The value of a text; lineNumber > 0 names the JSON Lines line it is.
  private static JsonNode parse(String text, String source, int lineNumber) {
    try {
      JsonNode value = JSON.readTree(text);
      if (value == null || value.isMissingNode()) {
        throw ItemReaderFailure.failed(source + " is empty; it holds no JSON");
      }
      return value;
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String place = lineNumber > 0
          ? "line " + lineNumber + (where == null ? "" : ", column " + where.getColumnNr())
          : where == null ? "" : "line " + where.getLineNr() + ", column " + where.getColumnNr();
      throw ItemReaderFailure.failed(source + " is not valid JSON" + (lineNumber > 0 ? " Lines" : "")
          + (place.isEmpty() ? "" : " at " + place) + ": " + firstLine(e.getOriginalMessage()));
    }
  }

  private static String kind(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    return switch (value.getNodeType()) {
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "a syntax error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
