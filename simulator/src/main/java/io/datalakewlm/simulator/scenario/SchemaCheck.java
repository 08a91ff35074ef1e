package io.datalakewlm.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.datalakewlm.asl.spelling.Spelling;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a scenario tree against {@code scenario.schema.json} and words the validator's findings
 * for people: the path, what is wrong in scenario terms, and a fix taken from the schema (the
 * allowed keys and the closest one to a misspelt key, the allowed values, the description of the
 * field).
 */
final class SchemaCheck {
  static final String RESOURCE = "/io/datalakewlm/simulator/scenario/scenario.schema.json";
  private static final JsonNode SCHEMA_TREE = readSchema();
  private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
      .getSchema(SCHEMA_TREE, SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH)
          .locale(Locale.ENGLISH).build());

  private SchemaCheck() {}

  /** The schema the scenarios are checked against: the file, with the catalogue's knob definitions. */
  static JsonNode schemaTree() {
    return SCHEMA_TREE;
  }

  /** Problems of {@code document}, in file order; empty when it conforms. */
  static List<Problem> check(YamlDocument document) {
    Set<ValidationMessage> messages = SCHEMA.validate(document.tree());
    Set<Problem> problems = new LinkedHashSet<>();
    for (ValidationMessage message : messages) {
      String path = message.getInstanceLocation().toString();
      problems.add(word(message, path, document.line(path)));
    }
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(null);
    return sorted;
  }

  // Turns one validator message into a problem with a fix.
  private static Problem word(ValidationMessage m, String path, int line) {
    JsonNode schema = schemaOf(m);
    Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
    String description = schema.path("description").asText(null);
    JsonNode value = m.getInstanceNode();
    switch (m.getType()) {
      case "additionalProperties": {
        String key = m.getProperty() != null ? m.getProperty() : String.valueOf(arg(args, 0));
        List<String> allowed = names(resolve(schema).path("properties"));
        String closest = Spelling.closest(key, allowed);
        String fix = (closest != null ? "did you mean '" + closest + "'? " : "remove it or check its spelling; ")
            + (allowed.isEmpty() ? "nothing may be given here" : "allowed here: " + String.join(", ", allowed));
        return new Problem(path, line, "unknown key '" + key + "'", fix);
      }
      case "required": {
        String key = m.getProperty() != null ? m.getProperty() : String.valueOf(arg(args, 0));
        JsonNode property = resolve(resolve(schema).path("properties").path(key));
        String hint = property.path("description").asText(null);
        return new Problem(path, line, "missing required key '" + key + "'",
            "add '" + key + ":'" + (hint != null ? " (" + hint + ")" : ""));
      }
      case "type": {
        String expected = expected(schema);
        return new Problem(path, line, "is " + article(kind(value)) + ", must be " + expected,
            description != null ? description : "write " + expected);
      }
      case "enum":
        return new Problem(path, line, render(value) + " is not one of the allowed values",
            "use one of " + allowedValues(schema.path("enum")) + (description != null ? " (" + description + ")" : ""));
      case "const":
        return new Problem(path, line, render(value) + " is not allowed here", "use " + render(schema.path("const")));
      case "minimum":
      case "exclusiveMinimum":
      case "maximum": {
        // A title is the short name of a field whose description is too long for one line.
        String hint = schema.path("title").asText(description);
        return new Problem(path, line, render(value) + (m.getType().equals("maximum") ? " is too large" : " is too small"),
            "use a number " + range(schema) + (hint != null ? " (" + hint + ")" : ""));
      }
      case "minItems":
        return new Problem(path, line, "has " + value.size() + " entries", "give at least " + arg(args, 0));
      case "maxItems":
        return new Problem(path, line, "has " + value.size() + " entries", "give at most " + arg(args, 0));
      case "minProperties":
      case "maxProperties":
        return new Problem(path, line, "has " + value.size() + (value.size() == 1 ? " key" : " keys"),
            description != null ? "give " + description : "see the schema");
      case "pattern":
      case "minLength":
      case "maxLength":
        return new Problem(path, line, render(value) + " is not a valid " + fieldName(path), patternFix(schema));
      default:
        return new Problem(path, line, m.getMessage().replaceFirst("^\\$[^:]*: ", ""), description);
    }
  }

  // The schema object that holds the keyword that failed (the location minus its last segment).
  private static JsonNode schemaOf(ValidationMessage m) {
    String location = m.getSchemaLocation().toString();
    int hash = location.indexOf('#');
    String pointer = hash < 0 ? "" : location.substring(hash + 1);
    int cut = pointer.lastIndexOf('/');
    String parent = cut < 0 ? "" : pointer.substring(0, cut);
    return SCHEMA_TREE.at(parent);
  }

  /** Follows a local {@code $ref} ({@code #/$defs/x}) to the schema it names. */
  static JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.path("$ref");
    return ref.isTextual() && ref.asText().startsWith("#") ? SCHEMA_TREE.at(ref.asText().substring(1)) : schema;
  }

  // What the schema's type asks for, in scenario words (durations and distributions by name).
  private static String expected(JsonNode schema) {
    JsonNode type = schema.path("type");
    List<String> types = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else if (type.isTextual()) {
      types.add(type.asText());
    }
    if (types.contains("string") && types.contains("number") && !types.contains("object")) {
      return "a duration like 90s, 10m or 1h30m (or a number of seconds)";
    }
    if (types.contains("object") && types.contains("string")) {
      return "a duration or a distribution such as {uniform: [5m, 15m]}";
    }
    List<String> words = new ArrayList<>();
    for (String t : types) {
      words.add(article(t.equals("array") ? "list" : t.equals("object") ? "mapping" : t));
    }
    return String.join(" or ", words);
  }

  // The bounds of a number: ">= 1", "> 0", "<= 9", or "from 1 to 9".
  private static String range(JsonNode schema) {
    JsonNode min = schema.path("minimum");
    JsonNode above = schema.path("exclusiveMinimum");
    JsonNode max = schema.path("maximum");
    if (min.isNumber() && max.isNumber()) {
      return "from " + min.asText() + " to " + max.asText();
    }
    List<String> bounds = new ArrayList<>();
    if (min.isNumber()) {
      bounds.add(">= " + min.asText());
    } else if (above.isNumber()) {
      bounds.add("> " + above.asText());
    }
    if (max.isNumber()) {
      bounds.add("<= " + max.asText());
    }
    return String.join(" and ", bounds);
  }

  // The fix for a value that does not match a pattern: the name rules, or the field's description.
  private static String patternFix(JsonNode schema) {
    String pattern = schema.path("pattern").asText("");
    if (pattern.startsWith("^[A-Za-z0-9]")) {
      return "use letters, digits, '.', '_' and '-', starting with a letter or digit (at most 200 characters)";
    }
    String description = schema.path("description").asText(null);
    return description != null ? description : "match " + pattern;
  }

  // The last key of a path ($.a.b → b), or "value" for a list element.
  private static String fieldName(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    String last = cut < 0 ? path : path.substring(cut + 1);
    return last.endsWith("]") || last.isEmpty() ? "value" : last;
  }

  // The YAML kind of a value, as people call it.
  private static String kind(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return value.isArray() ? "list" : "mapping";
  }

  private static String article(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  private static String render(JsonNode value) {
    return value == null ? "null" : value.isTextual() ? "'" + value.asText() + "'" : value.toString();
  }

  private static String allowedValues(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.isTextual() ? v.asText() : v.toString()));
    return String.join(", ", out);
  }

  private static Object arg(Object[] args, int index) {
    return index < args.length ? args[index] : "?";
  }

  private static List<String> names(JsonNode properties) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static JsonNode readSchema() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(in);
      KnobSchema.apply(tree);
      return tree;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
