package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.parse.Diagnostic;
import io.datalakewlm.asl.parse.DiagnosticCode;
import io.datalakewlm.asl.parse.InvalidDefinitionException;
import io.datalakewlm.asl.task.ResourceArn;
import io.datalakewlm.local.protocol.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Definitions as the API receives them: checked by the runtime's parser, which reports AWS's
 * diagnostic codes, plus the rule AWS adds for Express state machines (no activities, no
 * {@code .sync} or {@code .waitForTaskToken} integrations).
 *
 * <p>The API has no template substitutions: a {@code ${Name}} inside a JSON string is ordinary
 * text on AWS, so it is handed to the parser as its own value; outside a string it stays what it
 * is, a JSON syntax error.
 */
final class Definitions {
  /** The same placeholder syntax the parser substitutes. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^${}\\s\"\\\\]+)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Definitions() {}

  /** The parsed definition, or {@code InvalidDefinition} with AWS's message. */
  static StateMachine parse(String definition, String type) {
    StateMachine machine;
    try {
      machine = DefinitionParser.parse(definition, literalPlaceholders(definition));
    } catch (InvalidDefinitionException e) {
      throw ErrorCode.INVALID_DEFINITION.exception(e.awsMessage());
    }
    List<Diagnostic> express = "EXPRESS".equals(type) ? expressProblems(definition) : List.of();
    if (!express.isEmpty()) {
      throw ErrorCode.INVALID_DEFINITION.exception(new InvalidDefinitionException(null, express).awsMessage());
    }
    return machine;
  }

  /** Every diagnostic, errors and warnings, as ValidateStateMachineDefinition reports them. */
  static List<Diagnostic> validate(String definition, String type) {
    List<Diagnostic> diagnostics = new ArrayList<>(DefinitionParser.validate(definition, literalPlaceholders(definition)));
    if ("EXPRESS".equals(type) && diagnostics.stream().noneMatch(Diagnostic::isError)) {
      diagnostics.addAll(expressProblems(definition));
    }
    return diagnostics;
  }

  /**
   * The {@code ItemProcessor} (or {@code Iterator}) of the Distributed Map state labelled
   * {@code label} (its {@code Label}, or its name when it has none), wherever it is in
   * {@code definition}, as JSON text; the definition was accepted, so the state is there.
   */
  static String itemProcessor(String definition, String label) {
    try {
      JsonNode processor = findProcessor(JSON.readTree(definition), label);
      if (processor == null) {
        throw new IllegalStateException("no Distributed Map state labelled " + label);
      }
      return JSON.writeValueAsString(processor);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // Searches one States object and the nested ones for the Map state of the label.
  private static JsonNode findProcessor(JsonNode machine, String label) {
    for (Map.Entry<String, JsonNode> entry : machine.path("States").properties()) {
      JsonNode state = entry.getValue();
      JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
      String stateLabel = state.path("Label").asText(entry.getKey());
      if ("Map".equals(state.path("Type").asText()) && processor != null && stateLabel.equals(label)
          && "DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText())) {
        return processor;
      }
      List<JsonNode> nested = new ArrayList<>();
      state.path("Branches").forEach(nested::add);
      if (processor != null) {
        nested.add(processor);
      }
      for (JsonNode inner : nested) {
        JsonNode found = findProcessor(inner, label);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  // Every ${Name} in the text mapped to itself, so that the parser leaves it as written.
  private static Map<String, String> literalPlaceholders(String definition) {
    Map<String, String> values = new LinkedHashMap<>();
    Matcher matcher = PLACEHOLDER.matcher(definition);
    while (matcher.find()) {
      values.put(matcher.group(1), matcher.group());
    }
    return values;
  }

  // Task resources an Express workflow cannot run, wherever they are (branches, item processors).
  private static List<Diagnostic> expressProblems(String definition) {
    List<Diagnostic> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(definition);
    } catch (IOException e) {
      return problems;
    }
    collectExpressProblems(root, "", problems);
    return problems;
  }

  // Walks one States object and the nested ones of its Parallel and Map states.
  private static void collectExpressProblems(JsonNode machine, String pointer, List<Diagnostic> problems) {
    JsonNode states = machine.path("States");
    for (Map.Entry<String, JsonNode> entry : states.properties()) {
      String at = pointer + "/States/" + escape(entry.getKey());
      JsonNode state = entry.getValue();
      JsonNode resource = state.path("Resource");
      if ("Task".equals(state.path("Type").asText()) && resource.isTextual()) {
        ResourceArn arn = ResourceArn.of(resource.asText());
        String unsupported = arn.kind() == ResourceArn.Kind.ACTIVITY ? "activities"
            : arn.pattern() == ResourceArn.Pattern.SYNC ? "the '.sync' integration pattern"
            : arn.pattern() == ResourceArn.Pattern.WAIT_FOR_TASK_TOKEN ? "the '.waitForTaskToken' integration pattern"
            : null;
        if (unsupported != null) {
          problems.add(new Diagnostic(Diagnostic.Severity.ERROR, DiagnosticCode.SCHEMA_VALIDATION_FAILED,
              "Express state machines do not support " + unsupported, at + "/Resource", null));
        }
      }
      JsonNode branches = state.path("Branches");
      for (int i = 0; i < branches.size(); i++) {
        collectExpressProblems(branches.get(i), at + "/Branches/" + i, problems);
      }
      for (String processor : List.of("ItemProcessor", "Iterator")) {
        if (state.has(processor)) {
          collectExpressProblems(state.get(processor), at + "/" + processor, problems);
        }
      }
    }
  }

  // A state name as a JSON Pointer segment.
  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
