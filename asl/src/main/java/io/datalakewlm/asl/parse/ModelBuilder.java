package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.intrinsic.IntrinsicFunction;
import io.datalakewlm.asl.intrinsic.IntrinsicSyntaxException;
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
 * Builds the immutable model from a definition the validator accepted, filling in AWS's defaults:
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

  /** The state machine of a valid JSONPath definition. */
  static StateMachine build(JsonNode root) {
    QueryLanguage language = QueryLanguage.JSONPATH;
    return scope(
        root,
        root.has("TimeoutSeconds") ? root.get("TimeoutSeconds").asInt() : null,
        text(root, "Version"),
        language);
  }

  // A set of states: the definition, a branch or an item processor.
  private static StateMachine scope(JsonNode scope, Integer timeoutSeconds, String version, QueryLanguage language) {
    Map<String, State> states = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : scope.get("States").properties()) {
      states.put(entry.getKey(), state(entry.getKey(), entry.getValue(), language));
    }
    return new StateMachine(
        text(scope, "Comment"), scope.get("StartAt").textValue(), states, timeoutSeconds, version, language);
  }

  // One state, by its Type.
  private static State state(String name, JsonNode node, QueryLanguage language) {
    String comment = text(node, "Comment");
    String next = text(node, "Next");
    boolean end = node.path("End").asBoolean(false);
    return switch (node.get("Type").textValue()) {
      case "Pass" -> new PassState(
          name, comment, language,
          io(node, true, false, true), node.get("Result"), next, end);
      case "Task" -> task(name, comment, language, node, next, end);
      case "Choice" -> new ChoiceState(
          name, comment, language, io(node, false, false, false), choices(node.get("Choices")), text(node, "Default"));
      case "Wait" -> new WaitState(
          name, comment, language, io(node, false, false, false),
          node.has("Seconds") ? node.get("Seconds").asLong() : null,
          text(node, "Timestamp"), path(node, "SecondsPath"), path(node, "TimestampPath"), null, null, next, end);
      case "Succeed" -> new SucceedState(name, comment, language, io(node, false, false, false));
      case "Fail" -> fail(name, comment, language, node);
      case "Parallel" -> new ParallelState(
          name, comment, language, io(node, true, true, true), branches(node.get("Branches"), language),
          retriers(node.get("Retry")), catchers(node.get("Catch")), next, end);
      case "Map" -> map(name, comment, language, node, next, end);
      default -> throw new IllegalStateException("unvalidated state type in " + name);
    };
  }

  private static TaskState task(
      String name, String comment, QueryLanguage language, JsonNode node, String next, boolean end) {
    Integer timeout = integer(node, "TimeoutSeconds");
    if (timeout == null && !node.has("TimeoutSecondsPath")) {
      timeout = TaskState.DEFAULT_TIMEOUT_SECONDS;
    }
    return new TaskState(
        name, comment, language, io(node, true, true, true), node.get("Resource").textValue(),
        timeout, path(node, "TimeoutSecondsPath"), null,
        integer(node, "HeartbeatSeconds"), path(node, "HeartbeatSecondsPath"), null,
        retriers(node.get("Retry")), catchers(node.get("Catch")), next, end);
  }

  private static FailState fail(String name, String comment, QueryLanguage language, JsonNode node) {
    String errorPath = text(node, "ErrorPath");
    String causePath = text(node, "CausePath");
    return new FailState(
        name, comment, language,
        text(node, "Error"), isFunction(errorPath) ? null : path(node, "ErrorPath"),
        text(node, "Cause"), isFunction(causePath) ? null : path(node, "CausePath"),
        isFunction(errorPath) ? intrinsic(errorPath) : null,
        isFunction(causePath) ? intrinsic(causePath) : null);
  }

  private static MapState map(
      String name, String comment, QueryLanguage language, JsonNode node, String next, boolean end) {
    JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
    JsonNode config = processor.path("ProcessorConfig");
    MapState.Mode mode =
        "DISTRIBUTED".equals(config.path("Mode").asText()) ? MapState.Mode.DISTRIBUTED : MapState.Mode.INLINE;
    Integer maxConcurrency = integer(node, "MaxConcurrency");
    if (maxConcurrency == null && !node.has("MaxConcurrencyPath")) {
      maxConcurrency = 0;
    }
    MapState.Tolerance tolerance =
        new MapState.Tolerance(
            integer(node, "ToleratedFailureCount"), path(node, "ToleratedFailureCountPath"),
            node.has("ToleratedFailurePercentage") ? node.get("ToleratedFailurePercentage").asDouble() : null,
            path(node, "ToleratedFailurePercentagePath"));
    if (tolerance.equals(new MapState.Tolerance(null, null, null, null))) {
      tolerance = MapState.Tolerance.NONE;
    }
    JsonNode batcher = node.get("ItemBatcher");
    MapState.ItemBatcher itemBatcher =
        batcher == null
            ? null
            : new MapState.ItemBatcher(
                integer(batcher, "MaxItemsPerBatch"), path(batcher, "MaxItemsPerBatchPath"),
                integer(batcher, "MaxInputBytesPerBatch"), path(batcher, "MaxInputBytesPerBatchPath"),
                template(batcher.get("BatchInput")));
    JsonNode selector = node.has("ItemSelector") ? node.get("ItemSelector") : node.get("Parameters");
    return new MapState(
        name, comment, language,
        new Io(
            inputOutput(node, "InputPath"), null, template(node.get("ResultSelector")),
            inputOutput(node, "ResultPath"), inputOutput(node, "OutputPath"), null, null, null),
        scope(processor, null, null, language), mode,
        mode == MapState.Mode.DISTRIBUTED ? config.get("ExecutionType").textValue() : null,
        node.has("ItemsPath") ? path(node, "ItemsPath") : ROOT, null,
        template(selector), null,
        maxConcurrency, path(node, "MaxConcurrencyPath"), null,
        tolerance, itemBatcher, text(node, "Label"),
        retriers(node.get("Retry")), catchers(node.get("Catch")), next, end);
  }

  // The processing fields a state type has; the path fields it has default to $.
  private static Io io(JsonNode node, boolean parameters, boolean resultSelector, boolean resultPath) {
    return new Io(
        inputOutput(node, "InputPath"),
        parameters ? template(node.get("Parameters")) : null,
        resultSelector ? template(node.get("ResultSelector")) : null,
        resultPath ? inputOutput(node, "ResultPath") : null,
        inputOutput(node, "OutputPath"),
        null, null, null);
  }

  // An InputPath/OutputPath/ResultPath: $ when absent, empty when JSON null.
  private static Optional<JsonPath> inputOutput(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return Optional.of(ROOT);
    }
    return value.isNull() ? Optional.empty() : Optional.of(parsePath(value.textValue()));
  }

  private static List<StateMachine> branches(JsonNode branches, QueryLanguage language) {
    List<StateMachine> machines = new ArrayList<>();
    for (JsonNode branch : branches) {
      machines.add(scope(branch, null, null, language));
    }
    return machines;
  }

  private static List<ChoiceRule> choices(JsonNode choices) {
    List<ChoiceRule> rules = new ArrayList<>();
    for (JsonNode rule : choices) {
      rules.add(new ChoiceRule(condition(rule), rule.get("Next").textValue(), null, null, text(rule, "Comment")));
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

  private static List<Catcher> catchers(JsonNode catches) {
    List<Catcher> catchers = new ArrayList<>();
    if (catches != null) {
      for (JsonNode catcher : catches) {
        catchers.add(
            new Catcher(
                strings(catcher.get("ErrorEquals")), catcher.get("Next").textValue(),
                inputOutput(catcher, "ResultPath"), null, null, text(catcher, "Comment")));
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
