package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SAM template as the checks see it: its parameters and resources (in file order), each with
 * its path for messages, and the line of every value. Intrinsic functions are in their long form
 * ({@code {"Ref": "X"}}, {@code {"Fn::Sub": "..."}}), see {@link CloudFormationYaml}.
 */
final class SamTemplate {

  /** One entry of {@code Parameters}. */
  record Parameter(String name, JsonNode node, String path) {
    String type() {
      return node.path("Type").asText("String");
    }

    boolean isNumber() {
      return "Number".equals(type());
    }

    Optional<JsonNode> defaultValue() {
      return Optional.ofNullable(node.get("Default"));
    }
  }

  /** One entry of {@code Resources}. */
  record Resource(String logicalId, JsonNode node, String path) {
    String type() {
      return node.path("Type").asText();
    }

    JsonNode properties() {
      return node.path("Properties");
    }

    String propertiesPath() {
      return LocatedTree.member(path, "Properties");
    }

    boolean isStateMachine() {
      return "AWS::Serverless::StateMachine".equals(type()) || "AWS::StepFunctions::StateMachine".equals(type());
    }
  }

  private final Path file;
  private final String displayName;
  private final String text;
  private final LocatedTree tree;
  private final Map<String, Parameter> parameters;
  private final Map<String, Resource> resources;

  private SamTemplate(Path file, String displayName, String text, LocatedTree tree) {
    this.file = file;
    this.displayName = displayName;
    this.text = text;
    this.tree = tree;
    this.parameters = Collections.unmodifiableMap(entries(tree.root().path("Parameters"), "Parameters", Parameter::new));
    this.resources = Collections.unmodifiableMap(entries(tree.root().path("Resources"), "Resources", Resource::new));
  }

  /**
   * Reads a template.
   *
   * @param displayName how problems name the file
   * @throws CloudFormationYaml.SyntaxError when it is not YAML
   */
  static SamTemplate read(Path file, String displayName) throws IOException, CloudFormationYaml.SyntaxError {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return new SamTemplate(file, displayName, text, CloudFormationYaml.read(text, displayName));
  }

  Path file() {
    return file;
  }

  /** The directory that {@code DefinitionUri} and other local paths are relative to. */
  Path directory() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of("") : parent;
  }

  String displayName() {
    return displayName;
  }

  String text() {
    return text;
  }

  JsonNode root() {
    return tree.root();
  }

  LocatedTree tree() {
    return tree;
  }

  int line(String path) {
    return tree.line(path);
  }

  Map<String, Parameter> parameters() {
    return parameters;
  }

  Map<String, Resource> resources() {
    return resources;
  }

  Optional<Resource> resource(String logicalId) {
    return Optional.ofNullable(resources.get(logicalId));
  }

  /** The resources of one type, in file order. */
  List<Resource> resourcesOfType(String type) {
    return resources.values().stream().filter(r -> r.type().equals(type)).toList();
  }

  /** The state machines (SAM's and plain CloudFormation's), in file order. */
  List<Resource> stateMachines() {
    return resources.values().stream().filter(Resource::isStateMachine).toList();
  }

  /** Whether a condition of that name is declared. */
  boolean hasCondition(String name) {
    return tree.root().path("Conditions").has(name);
  }

  /** A problem at a path of this template. */
  Problem problem(String path, String message, String fix) {
    return new Problem(displayName, line(path), path, message, fix);
  }

  // The members of a mapping, in order, as records of the given kind.
  private static <T> Map<String, T> entries(JsonNode mapping, String path, Entry<T> make) {
    Map<String, T> result = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = mapping.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      result.put(field.getKey(), make.of(field.getKey(), field.getValue(), LocatedTree.member(path, field.getKey())));
    }
    return result;
  }

  /** Builds one entry record. */
  private interface Entry<T> {
    T of(String name, JsonNode node, String path);
  }
}
