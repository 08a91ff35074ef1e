package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.datalakewlm.asl.parse.Substitutions;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a file given to {@code wlm validate} is, told by its content rather than its name or place:
 * a state machine definition has {@code States} and {@code StartAt}; a SAM template
 * {@code Resources} or {@code AWSTemplateFormatVersion}; a priority file {@code entries} (or, in the
 * old SDLF shape, only arrays); a worker config one of the sections of
 * {@code workers-config.schema.json}; anything else is a dataset config. A {@code $schema} naming
 * one of the repository's schemas decides first, and {@code samconfig.toml} goes by its extension
 * (TOML is neither JSON nor YAML).
 *
 * <p>A file that parses as neither JSON nor YAML is taken for a dataset config, whose loader then
 * reports the syntax error with its line.
 */
enum FileKind {
  DEFINITION,
  TEMPLATE,
  SAMCONFIG,
  PRIORITY_FILE,
  WORKER_CONFIG,
  DATASET_CONFIG;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();
  /** The top-level sections of a worker config; no dataset config or priority file has them. */
  private static final List<String> WORKER_SECTIONS = List.of("worker", "activities", "dynamoDb", "stepFunctions");

  /** The kind of a file named {@code name} holding {@code text}. */
  static FileKind of(String name, String text) {
    if (name.endsWith(".toml")) {
      return SAMCONFIG;
    }
    JsonNode node = tree(text);
    if (node == null || !node.isObject()) {
      // CloudFormation's short-form tags (!Ref, !Sub) are not plain YAML
      return text.contains("AWSTemplateFormatVersion") || text.startsWith("Resources:") || text.contains("\nResources:")
          ? TEMPLATE : DATASET_CONFIG;
    }
    String schema = node.path("$schema").asText("");
    if (schema.endsWith("priority-file.schema.json")) {
      return PRIORITY_FILE;
    }
    if (schema.endsWith("dataset-config.schema.json")) {
      return DATASET_CONFIG;
    }
    if (schema.endsWith("workers-config.schema.json")) {
      return WORKER_CONFIG;
    }
    if (node.has("States") && node.has("StartAt")) {
      return DEFINITION;
    }
    if (node.has("Resources") || node.has("AWSTemplateFormatVersion")) {
      return TEMPLATE;
    }
    if (WORKER_SECTIONS.stream().anyMatch(node::has)) {
      return WORKER_CONFIG;
    }
    return node.has("entries") || allArrays(node) ? PRIORITY_FILE : DATASET_CONFIG;
  }

  // The text as JSON (a definition's ${Name} placeholders may stand unquoted for numbers), else as
  // YAML (a worker config or template may be either); null when neither.
  private static JsonNode tree(String text) {
    Map<String, String> standIns = new HashMap<>();
    Substitutions.namesUsed(text).forEach(name -> standIns.put(name, "1"));
    try {
      return JSON.readTree(standIns.isEmpty() ? text : Substitutions.apply(text, standIns).text());
    } catch (IOException notJson) {
      try {
        return YAML.readTree(text);
      } catch (IOException | RuntimeException notYaml) {
        return null;
      }
    }
  }

  // Whether every member is an array: the old SDLF priority file, {"<dataset>": [...]}.
  private static boolean allArrays(JsonNode node) {
    if (node.isEmpty()) {
      return false;
    }
    Iterator<JsonNode> values = node.elements();
    while (values.hasNext()) {
      if (!values.next().isArray()) {
        return false;
      }
    }
    return true;
  }
}
