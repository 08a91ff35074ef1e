package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.config.ConfigException;
import io.datalakewlm.workers.config.ConfigProblem;
import io.datalakewlm.workers.config.DatasetConfigFile;
import io.datalakewlm.workers.config.PriorityFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Check (g): dataset configs and priority files load with the workers' own loaders, the same ones
 * the operator commands use, so a file that passes here loads there. Which loader applies is read
 * from the file's {@code $schema}, else from its shape: {@code {"entries": ...}} is a priority
 * file, an object of arrays the old SDLF priority file, anything else a dataset config.
 */
final class ConfigFileCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The old priority files carry no team; any team name lets the loader check the rest. */
  private static final String ANY_TEAM = "team";

  private ConfigFileCheck() {
  }

  /** The problems of one config file. */
  static List<Problem> check(Path file, String display) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of(new Problem(display, 0, "$", "cannot be read: " + e.getMessage(), "check the file"));
    }
    List<Problem> problems = new ArrayList<>();
    JsonLines lines = JsonLines.of(text);
    try {
      if (isPriorityFile(text)) {
        PriorityFile.parse(text, display, ANY_TEAM);
      } else {
        DatasetConfigFile.parse(text, display);
      }
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) {
        problems.add(new Problem(display, lines.lineOfJsonPath(p.path()), p.path(), p.problem(), p.fix()));
      }
    }
    return problems;
  }

  // Whether the text is a priority file (either shape) rather than a dataset config.
  private static boolean isPriorityFile(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      return false; // the dataset loader reports the syntax error
    }
    String schema = node.path("$schema").asText("");
    if (schema.endsWith("priority-file.schema.json")) {
      return true;
    }
    if (schema.endsWith("dataset-config.schema.json")) {
      return false;
    }
    if (!node.isObject() || node.isEmpty()) {
      return false;
    }
    if (node.has("entries")) {
      return true;
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
