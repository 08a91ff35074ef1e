package io.datalakewlm.workers.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.handler.HandlerRegistry;
import java.net.URI;
import io.datalakewlm.input.InputFileException;
import io.datalakewlm.input.YamlSyntax;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the config of a {@code wlm workers} process: YAML or JSON (YAML being a superset),
 * validated against {@code workers-config.schema.json} (in the workers jar; see
 * {@code workers/examples/workers.yaml}), then checked for what the schema cannot say
 * ({@code maxConcurrent >= pollers}, {@code arn} or {@code name}, {@code dynalite} or
 * {@code endpoint}). Every problem is reported at once with file, JSON path and fix; nothing is
 * returned from a bad file.
 */
public final class WorkerConfigFile {

  public static final String SCHEMA = "/workers-config.schema.json";

  private static final SchemaCheck CHECK = SchemaCheck.loadResource(SCHEMA, "workers-config.schema.json");
  // A key given twice is an error rather than a silent "last one wins".
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private WorkerConfigFile() {
  }

  public static WorkerConfig read(Path file) {
    String text = SchemaCheck.readText(file);
    return parse(text, file.toString());
  }

  /** Parses a config given as text; {@code file} names it in errors. */
  public static WorkerConfig parse(String text, String file) {
    JsonNode node = yaml(text, file);
    List<ConfigProblem> problems = new ArrayList<>(CHECK.problems(node, file));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    JsonNode worker = node.path("worker");
    int defaultPollers = worker.path("pollers").asInt(WorkerConfig.DEFAULT_POLLERS);
    Integer defaultMax = worker.has("maxConcurrent") ? worker.get("maxConcurrent").asInt() : null;
    if (defaultMax != null && defaultMax < defaultPollers) {
      problems.add(new ConfigProblem(file, "$.worker.maxConcurrent", "is " + defaultMax + ", fewer than worker.pollers ("
          + defaultPollers + ")", "raise worker.maxConcurrent to at least worker.pollers, or lower worker.pollers"));
    }
    List<WorkerConfig.Activity> activities = new ArrayList<>();
    JsonNode configured = node.path("activities");
    List<String> handlers = configured.isObject() ? fieldNames(configured) : HandlerRegistry.NAMES;
    for (String handler : handlers) {
      JsonNode a = configured.path(handler);
      String path = "$.activities." + handler;
      int pollers = a.path("pollers").asInt(defaultPollers);
      int max = a.has("maxConcurrent") ? a.get("maxConcurrent").asInt()
          : defaultMax != null ? Math.max(defaultMax, pollers) : 2 * pollers;
      if (max < pollers) {
        problems.add(new ConfigProblem(file, path + ".maxConcurrent", "is " + max + ", fewer than pollers (" + pollers
            + ")", "raise maxConcurrent to at least pollers: a poller polls only when a task could run"));
        continue;
      }
      if (a.has("arn") && a.has("name")) {
        problems.add(new ConfigProblem(file, path, "has both arn and name", "keep one: arn names the activity fully"));
        continue;
      }
      activities.add(new WorkerConfig.Activity(handler, text(a, "arn"), text(a, "name"), pollers, max));
    }
    JsonNode dynamo = node.path("dynamoDb");
    if (dynamo.path("dynalite").asBoolean(false) && dynamo.has("endpoint")) {
      problems.add(new ConfigProblem(file, "$.dynamoDb.dynalite", "is true while dynamoDb.endpoint is set",
          "remove endpoint to start a dynalite for this process, or set dynalite to false to use the endpoint"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    JsonNode handlerSettings = node.path("handlers");
    Workers.Settings defaults = Workers.Settings.defaults();
    Workers.Settings settings = new Workers.Settings(
        seconds(handlerSettings, "configCacheSeconds", defaults.configCacheTtl()),
        seconds(handlerSettings, "tombstoneTtlSeconds", defaults.tombstoneTtl()));
    JsonNode sfn = node.path("stepFunctions");
    return new WorkerConfig(node.get("environment").asText(), text(node, "region"), uri(sfn, "endpoint"),
        text(sfn, "accountId"), uri(dynamo, "endpoint"), dynamo.path("dynalite").asBoolean(false),
        dynamo.path("createTables").asBoolean(false), text(dynamo, "tableSuffix"), text(worker, "name"),
        seconds(worker, "heartbeatSeconds", WorkerConfig.DEFAULT_HEARTBEAT),
        seconds(worker, "drainTimeoutSeconds", WorkerConfig.DEFAULT_DRAIN), activities, settings);
  }

  /** The config of a process given no file: every activity with the defaults, in an environment. */
  public static WorkerConfig defaults(String environment) {
    return parse("{\"environment\": \"" + environment.replace("\"", "") + "\"}", "--env");
  }

  // Parses YAML (or JSON) text, reporting a syntax error with its line and column.
  private static JsonNode yaml(String text, String file) {
    try {
      JsonNode node = YAML.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new ConfigException(new ConfigProblem(file, "$", "is empty",
            "write at least `environment: dev` (see workers/examples/workers.yaml)"));
      }
      return node;
    } catch (JsonProcessingException e) {
      try {
        YamlSyntax.check(text, file);
      } catch (InputFileException syntax) {
        throw SchemaCheck.unusable(syntax);
      }
      throw new ConfigException(new ConfigProblem(file, "$", "not valid YAML or JSON",
          "correct the syntax (YAML: indent with spaces, `key: value`; JSON: quotes, commas, no trailing comma)"));
    }
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static URI uri(JsonNode object, String field) {
    String value = text(object, field);
    return value == null ? null : URI.create(value);
  }

  private static Duration seconds(JsonNode object, String field, Duration orElse) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? orElse : Duration.ofSeconds(value.asLong());
  }
}
