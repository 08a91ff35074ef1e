package io.datalakewlm.workers.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.workers.domain.DatasetConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an SDLF dataset config file: JSON, validated against
 * {@code dataset/dataset-config.schema.json}, then checked for what a schema cannot say
 * ({@code min_items_process <= max_items_process} per stage, an {@code aggregate} pipeline lists at
 * least one dependency, no dependency on itself). Every
 * problem is reported at once, each with file, JSON path and fix; nothing is returned from a bad file.
 */
public final class DatasetConfigFile {

  public static final String SCHEMA = "dataset-config.schema.json";
  /** The SDLF pipeline of a dataset built from others: it needs dependencies. */
  public static final String AGGREGATE = "aggregate";

  private static final SchemaCheck CHECK = SchemaCheck.load(SCHEMA);

  private DatasetConfigFile() {
  }

  public static DatasetConfig read(Path file) {
    String text = SchemaCheck.readText(file);
    return parse(text, file.toString());
  }

  /** Parses and validates a config given as text; {@code file} names it in errors. */
  public static DatasetConfig parse(String text, String file) {
    JsonNode node = SchemaCheck.parse(text, file);
    List<ConfigProblem> problems = new ArrayList<>(CHECK.problems(node, file));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Map<String, Integer> max = integers(node.path("max_items_process"));
    Map<String, Integer> min = integers(node.path("min_items_process"));
    for (Map.Entry<String, Integer> e : min.entrySet()) {
      int bound = max.getOrDefault(e.getKey(), DatasetConfig.DEFAULT_MAX_ITEMS);
      if (e.getValue() > bound) {
        problems.add(new ConfigProblem(file, "$.min_items_process." + e.getKey(),
            "is " + e.getValue() + ", more than max_items_process." + e.getKey() + " (" + bound + ")",
            "lower min_items_process." + e.getKey() + " or raise max_items_process." + e.getKey()));
      }
    }
    String name = node.get("name").asText();
    Map<String, String> dependencies = strings(node.path("dependencies"));
    if (AGGREGATE.equals(node.get("pipeline").asText()) && dependencies.isEmpty()) {
      problems.add(new ConfigProblem(file, node.has("dependencies") ? "$.dependencies" : "$",
          "is an aggregate dataset with no dependencies, so its dependency stage would never wait for anything",
          "list the atomic datasets it needs, e.g. \"dependencies\": {\"dataset1\": \"engineering-legislators\"},"
              + " or set pipeline to the one of an atomic dataset"));
    }
    dependencies.forEach((label, dataset) -> {
      if (dataset.equals(name)) {
        problems.add(new ConfigProblem(file, "$.dependencies." + label, "names the dataset itself",
            "list the atomic datasets this aggregate needs, not the aggregate"));
      }
    });
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    int retryCount = node.has("retry_count") ? node.get("retry_count").asInt() : DatasetConfig.DEFAULT_RETRY_COUNT;
    boolean crawler = node.path("crawler").path("enabled").asBoolean(true);
    return new DatasetConfig(name, node.get("pipeline").asText(), node.get("version").asInt(),
        strings(node.path("transforms")), max, min, dependencies, retryCount, crawler);
  }

  private static Map<String, Integer> integers(JsonNode object) {
    Map<String, Integer> result = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      result.put(f.getKey(), f.getValue().asInt());
    }
    return result;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> result = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      result.put(f.getKey(), f.getValue().asText());
    }
    return result;
  }
}
