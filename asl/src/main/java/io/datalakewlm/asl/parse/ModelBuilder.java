package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.intrinsic.IntrinsicFunction;
import io.datalakewlm.asl.intrinsic.IntrinsicSyntaxException;
import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.jsonata.JsonataSyntaxException;
import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.model.Assign;
import io.datalakewlm.asl.model.Catcher;
import io.datalakewlm.asl.model.ChoiceState;
import io.datalakewlm.asl.model.ChoiceState.ChoiceRule;
import io.datalakewlm.asl.model.Condition;
import io.datalakewlm.asl.model.FailState;
import io.datalakewlm.asl.model.Io;
import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.model.Operator;
import io.datalakewlm.asl.model.ParallelState;
import io.datalakewlm.asl.model.PassState;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.model.Retrier;
import io.datalakewlm.asl.model.State;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.model.SucceedState;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.asl.model.WaitState;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathSyntaxException;
import io.datalakewlm.asl.payload.PayloadTemplate;
import io.datalakewlm.asl.payload.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the immutable model from a definition the validator accepted, in each state's query
 * language (its own {@code QueryLanguage}, else the definition's: a state inside a Parallel branch
 * or a Map item processor does not inherit the enclosing state's), filling in AWS's defaults:
 * {@code $} for the InputPath, OutputPath, ResultPath and ItemsPath a state type has, the retrier
 * defaults (1 s, 3 attempts, backoff 2.0, no jitter), a Task's 99,999,999 s timeout, an INLINE Map
 * with no concurrency limit; and the deprecated Map names ({@code Iterator} for
 * {@code ItemProcessor}, {@code Parameters} for {@code ItemSelector}) mapped to the current ones.
 *
 * <p>It trusts the validator: a value that does not fit here is a bug, reported as
 * {@link IllegalStateException}, never a half-built machine.
 */
final class ModelBuilder {
  private static final JsonPath ROOT = parsePath("$");

  private ModelBuilder() {}

  /** The state machine of a valid definition. */
  static StateMachine build(JsonNode root) {
    QueryLanguage top = "JSONata".equals(text(root, "QueryLanguage")) ? QueryLanguage.JSONATA : QueryLanguage.JSONPATH;
    return scope(
        root,
        root.has("TimeoutSeconds") ? root.get("TimeoutSeconds").asInt() : null,
        text(root, "Version"),
        top);
  }

  // A set of states: the definition, a branch or an item processor; `top` is the definition's
  // QueryLanguage, the default of every state in it.
  private static StateMachine scope(JsonNode scope, Integer timeoutSeconds, String version, QueryLanguage top) {
    Map<String, State> states = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : scope.get("States").properties()) {
      states.put(entry.getKey(), state(entry.getKey(), entry.getValue(), top));
    }
    return new StateMachine(
        text(scope, "Comment"), scope.get("StartAt").textValue(), states, timeoutSeconds, version, top);
  }

  // One state, by its Type.
  private static State state(String name, JsonNode node, QueryLanguage top) {
    QueryLanguage language = node.has("QueryLanguage")
        ? QueryLanguage.fromText(node.get("QueryLanguage").textValue()) : top;
    boolean jsonata = language == QueryLanguage.JSONATA;
    String comment = text(node, "Comment");
    String next = text(node, "Next");
    boolean end = node.path("End").asBoolean(false);
    return switch (node.get("Type").textValue()) {
      case "Pass" -> new PassState(
          name, comment, language,
          io(node, language, true, false, true), jsonata ? null : node.get("Result"), next, end);
      case "Task" -> task(name, comment, language, node, next, end, top);
      case "Choice" -> new ChoiceState(
          name, comment, language, io(node, language, false, false, false),
          choices(node.get("Choices"), language), text(node, "Default"));
      case "Wait" -> new WaitState(
          name, comment, language, io(node, language, false, false, false),
          node.path("Seconds").isNumber() ? node.get("Seconds").asLong() : null,
          literal(node, "Timestamp"), path(node, "SecondsPath"), path(node, "TimestampPath"),
          expression(node, "Seconds"), expression(node, "Timestamp"), next, end);
      case "Succeed" -> new SucceedState(name, comment, language, io(node, language, false, false, false));
      case "Fail" -> fail(name, comment, language, node);
      case "Parallel" -> new ParallelState(
          name, comment, language, io(node, language, true, true, true), branches(node.get("Branches"), top),
          retriers(node.get("Retry")), catchers(node.get("Catch"), language), next, end);
      case "Map" -> map(name, comment, language, node, next, end, top);
      default -> throw new IllegalStateException("unvalidated state type in " + name);
    };
  }

  private static TaskState task(
      String name, String comment, QueryLanguage language, JsonNode node, String next, boolean end, QueryLanguage top) {
    Integer timeout = number(node, "TimeoutSeconds");
    if (timeout == null && !node.has("TimeoutSecondsPath") && !node.has("TimeoutSeconds")) {
      timeout = TaskState.DEFAULT_TIMEOUT_SECONDS;
    }
    return new TaskState(
        name, comment, language, io(node, language, true, true, true), node.get("Resource").textValue(),
        timeout, path(node, "TimeoutSecondsPath"), expression(node, "TimeoutSeconds"),
        number(node, "HeartbeatSeconds"), path(node, "HeartbeatSecondsPath"), expression(node, "HeartbeatSeconds"),
        retriers(node.get("Retry")), catchers(node.get("Catch"), language), next, end);
  }

  private static FailState fail(String name, String comment, QueryLanguage language, JsonNode node) {
    String errorPath = text(node, "ErrorPath");
    String causePath = text(node, "CausePath");
    return new FailState(
        name, comment, language,
        literal(node, "Error"), isFunction(errorPath) ? null : path(node, "ErrorPath"),
        literal(node, "Cause"), isFunction(causePath) ? null : path(node, "CausePath"),
        isFunction(errorPath) ? intrinsic(errorPath) : null,
        isFunction(causePath) ? intrinsic(causePath) : null,
        expression(node, "Error"), expression(node, "Cause"));
  }

  private static MapState map(
      String name, String comment, QueryLanguage language, JsonNode node, String next, boolean end, QueryLanguage top) {
    boolean jsonata = language == QueryLanguage.JSONATA;
    JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
    JsonNode config = processor.path("ProcessorConfig");
    MapState.Mode mode =
        "DISTRIBUTED".equals(config.path("Mode").asText()) ? MapState.Mode.DISTRIBUTED : MapState.Mode.INLINE;
    Integer maxConcurrency = number(node, "MaxConcurrency");
    if (maxConcurrency == null && !node.has("MaxConcurrencyPath") && !node.has("MaxConcurrency")) {
      maxConcurrency = 0;
    }
    MapState.Tolerance tolerance =
        new MapState.Tolerance(
            number(node, "ToleratedFailureCount"), path(node, "ToleratedFailureCountPath"),
            expression(node, "ToleratedFailureCount"),
            node.path("ToleratedFailurePercentage").isNumber() ? node.get("ToleratedFailurePercentage").asDouble() : null,
            path(node, "ToleratedFailurePercentagePath"), expression(node, "ToleratedFailurePercentage"));
    if (tolerance.equals(MapState.Tolerance.NONE)) {
      tolerance = MapState.Tolerance.NONE;
    }
    JsonNode batcher = node.get("ItemBatcher");
    MapState.ItemBatcher itemBatcher =
        batcher == null
            ? null
            : new MapState.ItemBatcher(
                number(batcher, "MaxItemsPerBatch"), path(batcher, "MaxItemsPerBatchPath"),
                expression(batcher, "MaxItemsPerBatch", "ItemBatcher/MaxItemsPerBatch"),
                number(batcher, "MaxInputBytesPerBatch"), path(batcher, "MaxInputBytesPerBatchPath"),
                expression(batcher, "MaxInputBytesPerBatch", "ItemBatcher/MaxInputBytesPerBatch"),
                jsonata ? null : template(batcher.get("BatchInput")),
                jsonata ? jsonataTemplate(batcher.get("BatchInput"), "ItemBatcher/BatchInput") : null);
    JsonNode selector = node.has("ItemSelector") ? node.get("ItemSelector") : node.get("Parameters");
    Io io = jsonata
        ? new Io(null, null, null, null, null, assign(node.get("Assign"), language, "Assign"), null,
            jsonataTemplate(node.get("Output"), "Output"))
        : new Io(
            inputOutput(node, "InputPath"), null, template(node.get("ResultSelector")),
            inputOutput(node, "ResultPath"), inputOutput(node, "OutputPath"),
            assign(node.get("Assign"), language, "Assign"), null, null);
    return new MapState(
        name, comment, language, io,
        scope(processor, null, null, top), mode,
        mode == MapState.Mode.DISTRIBUTED ? config.get("ExecutionType").textValue() : null,
        jsonata ? null : node.has("ItemsPath") ? path(node, "ItemsPath") : ROOT,
        jsonata ? jsonataTemplate(node.get("Items"), "Items") : null,
        jsonata ? null : template(selector), jsonata ? jsonataTemplate(selector, "ItemSelector") : null,
        maxConcurrency, path(node, "MaxConcurrencyPath"), expression(node, "MaxConcurrency"),
        tolerance, itemBatcher, itemReader(node.get("ItemReader"), jsonata), resultWriter(node.get("ResultWriter"), jsonata),
        text(node, "Label"),
        retriers(node.get("Retry")), catchers(node.get("Catch"), language), next, end);
  }

  // A distributed map's ItemReader, or null when absent.
  private static MapState.ItemReader itemReader(JsonNode reader, boolean jsonata) {
    if (reader == null) {
      return null;
    }
    JsonNode config = reader.get("ReaderConfig");
    MapState.ReaderConfig readerConfig = config == null
        ? MapState.ReaderConfig.NONE
        : new MapState.ReaderConfig(
            text(config, "InputType"), text(config, "CSVHeaderLocation"),
            config.has("CSVHeaders") ? strings(config.get("CSVHeaders")) : List.of(), text(config, "CSVDelimiter"),
            number(config, "MaxItems"), path(config, "MaxItemsPath"),
            expression(config, "MaxItems", "ItemReader/ReaderConfig/MaxItems"),
            text(config, "ManifestType"), text(config, "Transformation"));
    return new MapState.ItemReader(text(reader, "Resource"), jsonata ? null : template(reader.get("Parameters")),
        jsonata ? jsonataTemplate(reader.get("Arguments"), "ItemReader/Arguments") : null, readerConfig);
  }

  // A distributed map's ResultWriter, or null when absent.
  private static MapState.ResultWriter resultWriter(JsonNode writer, boolean jsonata) {
    if (writer == null) {
      return null;
    }
    JsonNode config = writer.path("WriterConfig");
    return new MapState.ResultWriter(text(writer, "Resource"), jsonata ? null : template(writer.get("Parameters")),
        jsonata ? jsonataTemplate(writer.get("Arguments"), "ResultWriter/Arguments") : null,
        text(config, "Transformation"), text(config, "OutputType"));
  }

  // The processing fields a state type has in its language; JSONPath path fields default to $.
  private static Io io(JsonNode node, QueryLanguage language, boolean parameters, boolean resultSelector, boolean resultPath) {
    Assign assign = assign(node.get("Assign"), language, "Assign");
    if (language == QueryLanguage.JSONATA) {
      return new Io(null, null, null, null, null, assign,
          jsonataTemplate(node.get("Arguments"), "Arguments"), jsonataTemplate(node.get("Output"), "Output"));
    }
    return new Io(
        inputOutput(node, "InputPath"),
        parameters ? template(node.get("Parameters")) : null,
        resultSelector ? template(node.get("ResultSelector")) : null,
        resultPath ? inputOutput(node, "ResultPath") : null,
        inputOutput(node, "OutputPath"),
        assign, null, null);
  }

  /** An {@code Assign} object compiled in {@code language}, or {@code null} when absent. */
  static Assign assign(JsonNode assign, QueryLanguage language, String field) {
    if (assign == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonNode> member : assign.properties()) {
      String key = member.getKey();
      names.add(language == QueryLanguage.JSONPATH && key.endsWith(".$") ? key.substring(0, key.length() - 2) : key);
    }
    return language == QueryLanguage.JSONATA
        ? new Assign(null, jsonataTemplate(assign, field), names)
        : new Assign(template(assign), null, names);
  }

  // An InputPath/OutputPath/ResultPath: $ when absent, empty when JSON null.
  private static Optional<JsonPath> inputOutput(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return Optional.of(ROOT);
    }
    return value.isNull() ? Optional.empty() : Optional.of(parsePath(value.textValue()));
  }

  private static List<StateMachine> branches(JsonNode branches, QueryLanguage top) {
    List<StateMachine> machines = new ArrayList<>();
    for (JsonNode branch : branches) {
      machines.add(scope(branch, null, null, top));
    }
    return machines;
  }

  private static List<ChoiceRule> choices(JsonNode choices, QueryLanguage language) {
    List<ChoiceRule> rules = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      JsonNode rule = choices.get(i);
      String at = "Choices[" + i + "]/";
      Condition condition = language == QueryLanguage.JSONATA
          ? new Condition.Jsonata(jsonataTemplate(rule.get("Condition"), at + "Condition"))
          : condition(rule);
      rules.add(new ChoiceRule(
          condition, rule.get("Next").textValue(), assign(rule.get("Assign"), language, at + "Assign"),
          language == QueryLanguage.JSONATA ? jsonataTemplate(rule.get("Output"), at + "Output") : null,
          text(rule, "Comment")));
    }
    return rules;
  }

  // The condition of a rule: And, Or, Not, or one comparison.
  private static Condition condition(JsonNode rule) {
    if (rule.has("And") || rule.has("Or")) {
      List<Condition> nested = new ArrayList<>();
      for (JsonNode element : rule.has("And") ? rule.get("And") : rule.get("Or")) {
        nested.add(condition(element));
      }
      return rule.has("And") ? new Condition.And(nested) : new Condition.Or(nested);
    }
    if (rule.has("Not")) {
      return new Condition.Not(condition(rule.get("Not")));
    }
    for (Map.Entry<String, JsonNode> field : rule.properties()) {
      Operator operator = Operator.forField(field.getKey());
      if (operator != null) {
        boolean viaPath = !field.getKey().equals(operator.field());
        return new Condition.Comparison(
            parsePath(rule.get("Variable").textValue()), operator,
            viaPath ? null : field.getValue(), viaPath ? parsePath(field.getValue().textValue()) : null);
      }
    }
    throw new IllegalStateException("unvalidated Choice rule without an operator");
  }

  private static List<Retrier> retriers(JsonNode retry) {
    List<Retrier> retriers = new ArrayList<>();
    if (retry != null) {
      for (JsonNode retrier : retry) {
        retriers.add(
            new Retrier(
                strings(retrier.get("ErrorEquals")),
                retrier.has("IntervalSeconds")
                    ? retrier.get("IntervalSeconds").asDouble()
                    : Retrier.DEFAULT_INTERVAL_SECONDS,
                retrier.has("MaxAttempts") ? retrier.get("MaxAttempts").asInt() : Retrier.DEFAULT_MAX_ATTEMPTS,
                retrier.has("BackoffRate") ? retrier.get("BackoffRate").asDouble() : Retrier.DEFAULT_BACKOFF_RATE,
                integer(retrier, "MaxDelaySeconds"),
                retrier.has("JitterStrategy")
                    ? Retrier.JitterStrategy.valueOf(retrier.get("JitterStrategy").textValue())
                    : Retrier.JitterStrategy.NONE,
                text(retrier, "Comment")));
      }
    }
    return retriers;
  }

  private static List<Catcher> catchers(JsonNode catches, QueryLanguage language) {
    List<Catcher> catchers = new ArrayList<>();
    if (catches != null) {
      for (int i = 0; i < catches.size(); i++) {
        JsonNode catcher = catches.get(i);
        String at = "Catch[" + i + "]/";
        boolean jsonata = language == QueryLanguage.JSONATA;
        catchers.add(
            new Catcher(
                strings(catcher.get("ErrorEquals")), catcher.get("Next").textValue(),
                jsonata ? null : inputOutput(catcher, "ResultPath"),
                assign(catcher.get("Assign"), language, at + "Assign"),
                jsonata ? jsonataTemplate(catcher.get("Output"), at + "Output") : null,
                text(catcher, "Comment")));
      }
    }
    return catchers;
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    array.forEach(element -> strings.add(element.textValue()));
    return strings;
  }

  // A string field, or null.
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null ? null : value.textValue();
  }

  // A whole-number field, or null.
  private static Integer integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null ? null : value.asInt();
  }

  // A whole-number field written as a number, or null (absent, or a JSONata expression).
  private static Integer number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isNumber() ? null : value.asInt();
  }

  // A string field that is not a JSONata expression, or null.
  private static String literal(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() || JsonataExpression.isExpression(value.textValue())
        ? null : value.textValue();
  }

  // A field holding a {% %} expression, compiled; null when absent or not an expression.
  private static JsonataExpression expression(JsonNode node, String field) {
    return expression(node, field, field);
  }

  // The same, named `cause` in causes.
  private static JsonataExpression expression(JsonNode node, String field, String cause) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || !JsonataExpression.isExpression(value.textValue())) {
      return null;
    }
    try {
      return JsonataExpression.compile(value.textValue(), cause);
    } catch (JsonataSyntaxException e) {
      throw new IllegalStateException("a validated JSONata expression failed to compile: " + value, e);
    }
  }

  // A JSONata field value compiled, or null when absent.
  private static JsonataTemplate jsonataTemplate(JsonNode value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return JsonataTemplate.compile(value, field);
    } catch (JsonataSyntaxException e) {
      throw new IllegalStateException("a validated JSONata field failed to compile: " + field, e);
    }
  }

  // A path field, or null when absent.
  private static JsonPath path(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null ? null : parsePath(value.textValue());
  }

  // A compiled payload template, or null when absent.
  private static PayloadTemplate template(JsonNode template) {
    if (template == null) {
      return null;
    }
    try {
      return PayloadTemplate.compile(template);
    } catch (TemplateException e) {
      throw new IllegalStateException("a validated template failed to compile: " + e.getMessage(), e);
    }
  }

  private static boolean isFunction(String text) {
    return text != null && IntrinsicFunction.isIntrinsic(text);
  }

  private static IntrinsicFunction intrinsic(String text) {
    try {
      return IntrinsicFunction.parse(text);
    } catch (IntrinsicSyntaxException e) {
      throw new IllegalStateException("a validated intrinsic failed to parse: " + text, e);
    }
  }

  private static JsonPath parsePath(String text) {
    try {
      return JsonPath.parse(text);
    } catch (PathSyntaxException e) {
      throw new IllegalStateException("a validated path failed to parse: " + text, e);
    }
  }
}
