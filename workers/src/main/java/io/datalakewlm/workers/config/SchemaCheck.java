package io.datalakewlm.workers.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.datalakewlm.input.InputFile;
import io.datalakewlm.input.InputFileException;
import io.datalakewlm.input.JsonSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates a JSON document against one of the schemas shipped in {@code dataset/} (packaged in
 * the jar under {@code /dataset/}) and turns each violation into a {@link ConfigProblem}: the
 * JSON path from the validator, its message, and as the fix the {@code description} that the
 * schema gives the offending property (for a missing property, the description of that
 * property). The schemas' descriptions are written to be read as fixes.
 */
public final class SchemaCheck {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final String name;
  private final JsonNode schemaNode;
  private final JsonSchema schema;

  private SchemaCheck(String name, JsonNode schemaNode, JsonSchema schema) {
    this.name = name;
    this.schemaNode = schemaNode;
    this.schema = schema;
  }

  /** Loads {@code /dataset/<fileName>} from the classpath. */
  public static SchemaCheck load(String fileName) {
    return loadResource("/dataset/" + fileName, "dataset/" + fileName);
  }

  /**
   * Loads a schema from the classpath.
   *
   * @param displayName how the fix of a property without description names the schema
   */
  public static SchemaCheck loadResource(String resource, String displayName) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema " + resource + " is missing from the classpath");
      }
      JsonNode node = MAPPER.readTree(in);
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();
      JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, config);
      return new SchemaCheck(displayName, node, schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  /** The problems of a document, sorted by path; empty when it is valid. */
  public List<ConfigProblem> problems(JsonNode document, String file) {
    List<ConfigProblem> problems = new ArrayList<>();
    for (ValidationMessage m : schema.validate(document)) {
      String path = m.getInstanceLocation().toString();
      String property = "required".equals(m.getType()) ? m.getProperty() : null;
      if (property != null) {
        path = path + "." + property;
      }
      problems.add(new ConfigProblem(file, path, problem(m, property), fix(m, property)));
    }
    problems.sort(Comparator.comparing(ConfigProblem::path).thenComparing(ConfigProblem::problem));
    return problems;
  }

  /** Parses JSON text, reporting a syntax error with its line and column. */
  static JsonNode parse(String text, String file) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      try {
        JsonSyntax.check(text, file);
      } catch (InputFileException syntax) {
        throw unusable(syntax);
      }
      throw new ConfigException(new ConfigProblem(file, "$", "not valid JSON", "correct the JSON syntax"));
    }
  }

  // The validator's message without the path it starts with.
  private static String problem(ValidationMessage m, String property) {
    if (property != null) {
      return "required property '" + property + "' is missing";
    }
    String message = m.getMessage();
    String prefix = m.getInstanceLocation().toString() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  // The description of the schema node the violated keyword belongs to (or of the missing property).
  private String fix(ValidationMessage m, String property) {
    JsonNodePath fragment = m.getSchemaLocation().getFragment();
    JsonNode node = schemaNode;
    int count = fragment.getNameCount();
    for (int i = 0; i < count - 1 && node != null; i++) {
      node = resolve(node.get(fragment.getName(i)));
    }
    if (node != null && property != null) {
      JsonNode described = resolve(node.path("properties").get(property));
      if (described != null && described.has("description")) {
        return described.get("description").asText();
      }
    }
    if (node != null && node.has("description")) {
      return node.get("description").asText();
    }
    return "see " + name;
  }

  // Follows a local $ref ("#/$defs/x") so that descriptions of referenced definitions are found.
  private JsonNode resolve(JsonNode node) {
    if (node != null && node.has("$ref") && node.get("$ref").asText().startsWith("#/")) {
      JsonNode target = schemaNode.at(node.get("$ref").asText().substring(1));
      return target.isMissingNode() ? node : target;
    }
    return node;
  }

  /** A config file's text; an unreadable file is a problem that names it and the fix. */
  public static String readText(Path file) {
    try {
      return InputFile.read(file);
    } catch (InputFileException e) {
      throw unusable(e);
    }
  }

  /** A file that is missing, unreadable, not UTF-8, empty or not valid syntax, as a config problem. */
  static ConfigException unusable(InputFileException e) {
    String where = e.line() > 0 ? "at line " + e.line() + (e.column() > 0 ? ", column " + e.column() : "") + ": " : "";
    return new ConfigException(new ConfigProblem(e.file(), "$", where + e.problem(), e.fix()));
  }
}
