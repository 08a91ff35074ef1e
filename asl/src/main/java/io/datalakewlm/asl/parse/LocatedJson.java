package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A definition read as a JSON tree that remembers where every value sits in the text, so that a
 * problem found at a JSON Pointer can be shown at a line and column, and a text offset (a
 * {@code ${Name}} placeholder) can be named by the nearest JSON Pointer.
 *
 * <p>Jackson's tree reader keeps the last of two equal keys silently; AWS rejects them. This reader
 * keeps the first and records every repetition, so all of them can be reported.
 */
final class LocatedJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A key that appeared twice in one object; {@code offset} is where the repetition starts. */
  record Duplicate(JsonPointer object, String key, int offset) {}

  /** Text that is not JSON; {@code offset} is where the reader gave up. */
  static final class SyntaxError extends Exception {
    private final int offset;

    SyntaxError(String message, int offset) {
      super(message, null, false, false);
      this.offset = offset;
    }

    int offset() {
      return offset;
    }
  }

  // Where a value is: its key (or its own start when it has no key), and its extent.
  private record Span(int anchor, int start, int end) {}

  private final JsonNode root;
  private final Map<String, Span> spans;
  private final List<Duplicate> duplicates;

  private LocatedJson(JsonNode root, Map<String, Span> spans, List<Duplicate> duplicates) {
    this.root = root;
    this.spans = spans;
    this.duplicates = List.copyOf(duplicates);
  }

  /** Reads exactly one JSON value from {@code text}. */
  static LocatedJson read(String text) throws SyntaxError {
    Map<String, Span> spans = new HashMap<>();
    List<Duplicate> duplicates = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new SyntaxError("the definition is empty", 0);
      }
      JsonNode root = readValue(parser, JsonPointer.empty(), -1, spans, duplicates);
      JsonToken extra;
      try {
        extra = parser.nextToken();
      } catch (JsonProcessingException e) {
        throw syntaxError(e);
      }
      if (extra != null) {
        throw new SyntaxError(
            "unexpected " + describe(extra) + " after the end of the definition",
            offset(parser.currentTokenLocation()));
      }
      return new LocatedJson(root, spans, duplicates);
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  JsonNode root() {
    return root;
  }

  List<Duplicate> duplicates() {
    return duplicates;
  }

  /**
   * The text offset of the value at {@code pointer} (its key, for an object member), or of its
   * nearest ancestor present in the text.
   */
  int offsetOf(JsonPointer pointer) {
    for (JsonPointer at = pointer; at != null; at = at.head()) {
      Span span = spans.get(at.toString());
      if (span != null) {
        return span.anchor();
      }
    }
    return 0;
  }

  /** The pointer of the innermost value whose text contains {@code offset}. */
  JsonPointer pointerAt(int offset) {
    String best = "";
    int bestSize = Integer.MAX_VALUE;
    for (Map.Entry<String, Span> entry : spans.entrySet()) {
      Span span = entry.getValue();
      int size = span.end() - span.start();
      if (span.start() <= offset && offset < span.end() && size < bestSize) {
        best = entry.getKey();
        bestSize = size;
      }
    }
    return JsonPointer.compile(best);
  }

  // Reads the value whose first token is current, recording its span and those of its children.
  private static JsonNode readValue(
      JsonParser parser, JsonPointer at, int keyOffset, Map<String, Span> spans, List<Duplicate> duplicates)
      throws IOException {
    int start = offset(parser.currentTokenLocation());
    JsonNode node;
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int keyAt = offset(parser.currentTokenLocation());
          parser.nextToken();
          JsonPointer child = at.appendProperty(key);
          if (object.has(key)) {
            duplicates.add(new Duplicate(at, key, keyAt));
            readValue(parser, child, keyAt, new HashMap<>(), new ArrayList<>());
          } else {
            object.set(key, readValue(parser, child, keyAt, spans, duplicates));
          }
        }
        node = object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(parser, at.appendIndex(index++), -1, spans, duplicates));
        }
        node = array;
      }
      case VALUE_STRING -> node = NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> node =
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> node = NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> node = NODES.booleanNode(true);
      case VALUE_FALSE -> node = NODES.booleanNode(false);
      case VALUE_NULL -> node = NODES.nullNode();
      default -> throw new IllegalStateException("unexpected token " + parser.currentToken());
    }
    int end = offset(parser.currentLocation());
    spans.put(at.toString(), new Span(keyOffset >= 0 ? keyOffset : start, start, end));
    return node;
  }

  // Converts Jackson's exception into a syntax error without Jackson's source excerpt.
  private static SyntaxError syntaxError(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return new SyntaxError(e.getOriginalMessage(), location == null ? 0 : offset(location));
  }

  // The character offset of a location; the parser reads a String, so it counts characters.
  private static int offset(JsonLocation location) {
    return (int) Math.max(0, location.getCharOffset());
  }

  // A token as a person would name it in a message.
  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "'{'";
      case START_ARRAY -> "'['";
      case VALUE_STRING -> "string";
      default -> "value";
    };
  }
}
