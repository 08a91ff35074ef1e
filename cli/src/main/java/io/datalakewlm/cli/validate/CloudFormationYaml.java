package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation or SAM template written in YAML, keeping the short-form intrinsic
 * functions as the long form CloudFormation itself turns them into: {@code !Ref X} becomes
 * {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}},
 * {@code !Condition C} becomes {@code {"Condition": "C"}}, and every other {@code !Name v}
 * becomes {@code {"Fn::Name": v}}. A plain YAML reader would drop the tags and with them the
 * difference between the string {@code "Environment"} and a reference to the parameter.
 *
 * <p>Each value's line is kept (see {@link LocatedTree}); a key repeated in one mapping, which
 * YAML readers silently resolve to the last value, is reported.
 */
final class CloudFormationYaml {

  /** A template that is not YAML; the line is where the reader gave up. */
  static final class SyntaxError extends Exception {
    private final int line;

    SyntaxError(String message, int line) {
      super(message);
      this.line = line;
    }

    int line() {
      return line;
    }
  }

  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final YAMLParser parser;
  private final String file;
  private final Map<String, Integer> lines = new HashMap<>();
  private final List<Problem> problems = new ArrayList<>();

  private CloudFormationYaml(YAMLParser parser, String file) {
    this.parser = parser;
    this.file = file;
  }

  /** Parses {@code text}; {@code file} names it in problems. */
  static LocatedTree read(String text, String file) throws SyntaxError {
    try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
      CloudFormationYaml reader = new CloudFormationYaml(parser, file);
      JsonToken first = parser.nextToken();
      JsonNode root = first == null ? NODES.objectNode() : reader.value(first, "");
      return new LocatedTree(root, reader.lines, reader.problems);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new SyntaxError(e.getOriginalMessage(), Math.max(line, 0));
    } catch (IOException e) {
      throw new SyntaxError(e.getMessage(), 0);
    }
  }

  // The value whose first token is `token`, at `path`.
  private JsonNode value(JsonToken token, String path) throws IOException {
    lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
    String tag = parser.getTypeId();
    JsonNode node = switch (token) {
      case START_OBJECT -> object(path);
      case START_ARRAY -> array(path);
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new JsonProcessingException("unexpected " + token, parser.currentTokenLocation()) { };
    };
    return tag == null || tag.equals("!") || tag.startsWith("tag:yaml.org") ? node : intrinsic(tag, node);
  }

  // A mapping, member by member, reporting a key written twice.
  private ObjectNode object(String path) throws IOException {
    ObjectNode object = NODES.objectNode();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String memberPath = LocatedTree.member(path, name);
      int line = parser.currentTokenLocation().getLineNr();
      if (object.has(name)) {
        problems.add(new Problem(file, line, memberPath, "the key '" + name + "' is written twice in this mapping;"
            + " CloudFormation keeps only one of them", "remove or rename one of them"));
      }
      lines.put(memberPath, line);
      object.set(name, value(parser.nextToken(), memberPath));
    }
    if (token != JsonToken.END_OBJECT) {
      throw new JsonProcessingException("unexpected " + token + " in a mapping", parser.currentTokenLocation()) { };
    }
    return object;
  }

  // A sequence, element by element.
  private ArrayNode array(String path) throws IOException {
    ArrayNode array = NODES.arrayNode();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new JsonProcessingException("unterminated sequence", parser.currentTokenLocation()) { };
      }
      array.add(value(token, LocatedTree.element(path, array.size())));
    }
    return array;
  }

  // The long form of a short-form intrinsic function.
  private static JsonNode intrinsic(String tag, JsonNode value) {
    String name = tag.substring(tag.startsWith("!") ? 1 : 0);
    ObjectNode wrapper = NODES.objectNode();
    switch (name) {
      case "Ref", "Condition" -> wrapper.set(name, value);
      case "GetAtt" -> {
        if (value.isTextual() && value.asText().contains(".")) {
          String text = value.asText();
          int dot = text.indexOf('.');
          wrapper.set("Fn::GetAtt", NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1)));
        } else {
          wrapper.set("Fn::GetAtt", value);
        }
      }
      default -> wrapper.set("Fn::" + name, value);
    }
    return wrapper;
  }
}
