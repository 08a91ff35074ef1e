package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.parse.FieldTable.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a definition's JSON tree against the States Language as AWS enforces it and reports every
 * problem found, not just the first.
 *
 * <p>It walks the definition scope by scope (the top level, each Parallel branch, each Map item
 * processor): in each scope it checks every state's fields (through the state-type rules), then the
 * transitions: every {@code Next}, {@code Default} and catcher {@code Next} must name a state of the
 * same scope, every state must be reachable from {@code StartAt}, and the scope needs a terminal
 * state. Rules that need the whole definition (state names unique everywhere, Map labels unique)
 * run at the end.
 *
 * <p>Each state is checked in its dialect: its own {@code QueryLanguage}, else the definition's
 * (a JSONata definition cannot hold JSONPath states; the reverse mix is allowed). Workflow
 * variables are checked last, over the whole definition, by {@link VariableRules}.
 */
final class DefinitionValidator {
  /** A transition out of a state, written in field {@code field} at {@code at}. */
  record Transition(String target, String field, JsonPointer at) {}

  // What the scope check needs to know about one state.
  private record Summary(JsonPointer at, List<Transition> transitions, Boolean terminal) {}

  // A transition whose target is not in its scope, reported once all names are known.
  private record Missing(Transition transition, Set<String> scopeNames) {}

  private final Problems problems = new Problems();
  private final Map<String, List<JsonPointer>> stateNames = new LinkedHashMap<>();
  private final Map<String, List<JsonPointer>> labels = new LinkedHashMap<>();
  private final List<Missing> missing = new ArrayList<>();
  private QueryLanguage topDialect = QueryLanguage.JSONPATH;

  /** Validates a whole definition; the list is empty when it is valid. */
  static List<Diagnostic> validate(JsonNode root) {
    DefinitionValidator validator = new DefinitionValidator();
    validator.definition(root);
    return validator.problems.list();
  }

  // The top level: its own fields, then its states as a scope.
  private void definition(JsonNode root) {
    if (!root.isObject()) {
      problems.schema(JsonPointer.empty(), "A state machine definition must be a JSON object, not " + Fields.kind(root));
      return;
    }
    Fields top = new Fields((ObjectNode) root, JsonPointer.empty(), problems);
    String language = top.oneOf("QueryLanguage", List.of("JSONPath", "JSONata"));
    if ("JSONata".equals(language)) {
      topDialect = QueryLanguage.JSONATA;
    }
    top.string("Comment");
    String version = top.string("Version");
    if (version != null && !version.equals("1.0")) {
      problems.schema(top.at("Version"), "Field 'Version' must be '1.0', the only States Language version, not '" + version + "'");
    }
    top.integer("TimeoutSeconds", 1, 99_999_999);
    scope(top, Shape.STATE_MACHINE);
    reportMissingTargets();
    reportDuplicates();
    if (top.has("States") && top.get("States").isObject()) {
      VariableRules.check(top, topDialect, problems);
    }
  }

  /**
   * Checks a set of states with its {@code StartAt}: the definition itself, a Parallel branch or a
   * Map item processor ({@code shape} says which).
   */
  void scope(Fields scope, Shape shape) {
    scope.checkNames(shape, topDialect, Set.of());
    String startAt = scope.requiredString("StartAt");
    Fields states = scope.require("States") ? scope.object("States") : null;
    if (states == null) {
      return;
    }
    if (states.node().isEmpty()) {
      problems.schema(states.at(), "Field 'States' must contain at least one state");
      return;
    }
    Map<String, Summary> summaries = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : states.node().properties()) {
      summaries.put(entry.getKey(), state(entry.getKey(), entry.getValue(), states.at(entry.getKey())));
    }
    for (Summary summary : summaries.values()) {
      for (Transition transition : summary.transitions()) {
        if (!summaries.containsKey(transition.target())) {
          missing.add(new Missing(transition, summaries.keySet()));
        }
      }
    }
    boolean startExists = startAt != null && summaries.containsKey(startAt);
    if (startAt != null && !startExists) {
      problems.error(
          DiagnosticCode.MISSING_TRANSITION_TARGET,
          scope.at("StartAt"),
          "Missing 'StartAt' target: " + startAt + Suggestions.didYouMean(startAt, summaries.keySet()));
    }
    if (startExists) {
      reportUnreachable(startAt, summaries);
    }
    boolean anyUnknown = summaries.values().stream().anyMatch(s -> s.terminal() == null);
    boolean anyTerminal = summaries.values().stream().anyMatch(s -> Boolean.TRUE.equals(s.terminal()));
    if (!anyUnknown && !anyTerminal) {
      problems.error(
          DiagnosticCode.MISSING_END_STATE,
          scope.at(),
          (shape == Shape.STATE_MACHINE ? "Workflow" : capitalized(shape.description()))
              + " has no terminal state: add \"End\": true to a state, or a Succeed or Fail state");
    }
  }

  /** Records the {@code Label} of a distributed Map, which must be unique in the definition. */
  void label(String label, JsonPointer at) {
    labels.computeIfAbsent(label, l -> new ArrayList<>()).add(at);
  }

  // Checks one state and summarises its transitions for the scope check.
  private Summary state(String name, JsonNode node, JsonPointer at) {
    if (name.isEmpty() || name.length() > 80) {
      problems.error(
          DiagnosticCode.INVALID_STATE_NAME,
          at,
          "State names must be 1 to 80 characters long, but '" + shorten(name) + "' has " + name.length());
    }
    stateNames.computeIfAbsent(name, n -> new ArrayList<>()).add(at);
    if (!node.isObject()) {
      problems.schema(at, "State '" + name + "' must be a JSON object, not " + Fields.kind(node));
      return new Summary(at, List.of(), null);
    }
    Fields fields = new Fields((ObjectNode) node, at, problems);
    String type = fields.requiredString("Type");
    Optional<Shape> shape = type == null ? Optional.empty() : FieldTable.stateShape(type);
    if (type != null && shape.isEmpty()) {
      problems.schema(
          fields.at("Type"),
          "Unknown state type '" + type + "'; the types are Pass, Task, Choice, Wait, Succeed, Fail, Parallel and Map"
              + Suggestions.didYouMean(type, FieldTable.STATE_TYPES));
    }
    if (shape.isEmpty()) {
      return new Summary(at, transitionsOf(fields, null), null);
    }
    QueryLanguage dialect = dialect(fields);
    fields.checkNames(shape.get(), dialect, Set.of());
    fields.string("Comment");
    if (FieldTable.fields(shape.get()).containsKey("Next")) {
      nextOrEnd(fields, type);
    }
    switch (shape.get()) {
      case PASS -> StateRules.pass(fields, dialect);
      case TASK -> StateRules.task(fields, dialect);
      case CHOICE -> ChoiceRules.choice(fields, dialect);
      case WAIT -> StateRules.waitState(fields, dialect);
      case SUCCEED -> StateRules.succeed(fields, dialect);
      case FAIL -> StateRules.fail(fields, dialect);
      case PARALLEL -> StateRules.parallel(fields, this, dialect);
      case MAP -> MapRules.map(fields, this, dialect);
      default -> throw new IllegalStateException("not a state shape: " + shape.get());
    }
    Boolean terminal =
        type.equals("Succeed") || type.equals("Fail") || Boolean.TRUE.equals(jsonBoolean(fields.get("End")));
    if (!terminal && !fields.has("Next") && FieldTable.fields(shape.get()).containsKey("Next")) {
      terminal = null; // neither Next nor End: already reported, and the intent is unknown
    }
    return new Summary(at, transitionsOf(fields, shape.get()), terminal);
  }

  // The dialect of a state: its own QueryLanguage, else the definition's.
  private QueryLanguage dialect(Fields state) {
    String language = state.oneOf("QueryLanguage", List.of("JSONPath", "JSONata"));
    if (language == null) {
      return topDialect;
    }
    if (language.equals("JSONata")) {
      return QueryLanguage.JSONATA;
    }
    if (topDialect == QueryLanguage.JSONATA) {
      problems.schema(
          state.at("QueryLanguage"),
          "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine: a JSONata"
              + " definition cannot hold JSONPath states (the reverse is allowed)");
    }
    return QueryLanguage.JSONPATH;
  }

  // The Next/End rule of every state type that continues: exactly one of them.
  private void nextOrEnd(Fields state, String type) {
    state.string("Next");
    Boolean end = state.bool("End");
    if (state.has("Next") && Boolean.TRUE.equals(end)) {
      problems.schema(state.at("End"), "A state cannot have both 'Next' and 'End': true; keep one");
    } else if (!state.has("Next") && !Boolean.TRUE.equals(end) && !state.has("End")) {
      problems.schema(state.at(), "A " + type + " state needs 'Next' (the state to go to) or \"End\": true");
    } else if (!state.has("Next") && Boolean.FALSE.equals(end)) {
      problems.schema(state.at("End"), "\"End\": false needs a 'Next'; set \"End\": true or add 'Next'");
    }
  }

  // The transitions a state declares in the fields its type allows (all of them if unknown).
  private static List<Transition> transitionsOf(Fields state, Shape shape) {
    List<Transition> transitions = new ArrayList<>();
    Map<String, ?> allowed = shape == null ? null : FieldTable.fields(shape);
    if (allowed == null || allowed.containsKey("Next")) {
      addTransition(transitions, state.get("Next"), "Next", state.at("Next"));
    }
    if (allowed == null || allowed.containsKey("Default")) {
      addTransition(transitions, state.get("Default"), "Default", state.at("Default"));
    }
    for (String list : List.of("Choices", "Catch")) {
      if ((allowed == null || allowed.containsKey(list)) && state.get(list) instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          JsonPointer at = state.at(list).appendIndex(i).appendProperty("Next");
          addTransition(transitions, array.get(i).get("Next"), "Next", at);
        }
      }
    }
    return transitions;
  }

  // Adds a transition when the field holds a state name.
  private static void addTransition(List<Transition> transitions, JsonNode target, String field, JsonPointer at) {
    if (target != null && target.isTextual()) {
      transitions.add(new Transition(target.textValue(), field, at));
    }
  }

  // States that no path of transitions from StartAt reaches.
  private void reportUnreachable(String startAt, Map<String, Summary> summaries) {
    Set<String> reached = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(startAt));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (reached.add(name)) {
        for (Transition transition : summaries.get(name).transitions()) {
          if (summaries.containsKey(transition.target())) {
            pending.push(transition.target());
          }
        }
      }
    }
    for (Map.Entry<String, Summary> entry : summaries.entrySet()) {
      if (!reached.contains(entry.getKey())) {
        problems.error(
            DiagnosticCode.MISSING_TRANSITION_TARGET,
            entry.getValue().at(),
            "State '" + entry.getKey() + "' is not reachable: no transition from 'StartAt' leads to it");
      }
    }
  }

  // Transitions to states outside their scope, with a hint when the state exists elsewhere.
  private void reportMissingTargets() {
    for (Missing miss : missing) {
      Transition transition = miss.transition();
      List<JsonPointer> elsewhere = stateNames.get(transition.target());
      String hint =
          elsewhere != null
              ? " (state '" + transition.target() + "' is defined at " + elsewhere.get(0)
                  + ", in another scope: a transition cannot leave or enter a Parallel branch or a Map item processor)"
              : Suggestions.didYouMean(transition.target(), miss.scopeNames());
      problems.error(
          DiagnosticCode.MISSING_TRANSITION_TARGET,
          transition.at(),
          "Missing '" + transition.field() + "' target: " + transition.target() + hint);
    }
  }

  // State names and Map labels must each be unique in the whole definition.
  private void reportDuplicates() {
    stateNames.forEach(
        (name, places) -> {
          for (JsonPointer place : places.subList(1, places.size())) {
            problems.error(
                DiagnosticCode.DUPLICATE_STATE_NAME,
                place,
                "Duplicate state name '" + name + "' (first defined at " + places.get(0)
                    + "); state names must be unique in the whole definition, branches and item processors included");
          }
        });
    labels.forEach(
        (label, places) -> {
          for (JsonPointer place : places.subList(1, places.size())) {
            problems.error(
                DiagnosticCode.DUPLICATE_LABEL_NAME,
                place,
                "Duplicate Map label '" + label + "' (also used at " + places.get(0) + "); labels must be unique");
          }
        });
  }

  // A JSON Boolean's value, or null for anything else.
  private static Boolean jsonBoolean(JsonNode value) {
    return value != null && value.isBoolean() ? value.booleanValue() : null;
  }

  // "a Parallel branch" as "A Parallel branch".
  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  // A long name cut for a message.
  private static String shorten(String name) {
    return name.length() <= 40 ? name : name.substring(0, 37) + "...";
  }
}
