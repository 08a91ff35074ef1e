package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathNotFoundException;
import io.datalakewlm.asl.path.Scope;
import java.util.Optional;

/**
 * The path steps of the JSONPath processing chain, with the error names AWS uses when they fail.
 * A {@code null} path means the field was absent ({@code $}); an empty one that it was JSON null.
 */
final class Processing {
  private Processing() {}

  /** {@code InputPath}: selects the effective input; JSON null selects an empty object. */
  static JsonNode inputPath(Optional<JsonPath> path, JsonNode input, Scope scope) {
    return select(path, input, scope, "InputPath");
  }

  /** {@code OutputPath}: selects the state output; JSON null selects an empty object. */
  static JsonNode outputPath(Optional<JsonPath> path, JsonNode output, Scope scope) {
    return select(path, output, scope, "OutputPath");
  }

  /** {@code ResultPath}: places the result into the state input (null keeps the input). */
  static JsonNode resultPath(Optional<JsonPath> path, JsonNode stateInput, JsonNode result) {
    if (path == null) {
      return result;
    }
    if (path.isEmpty()) {
      return stateInput;
    }
    try {
      return path.get().put(stateInput, result);
    } catch (PathNotFoundException e) {
      throw new StatesError(
          ErrorNames.RESULT_PATH_MATCH_FAILURE,
          "Unable to apply ReferencePath " + path.get().text() + " to input " + stateInput + ": " + e.getMessage());
    }
  }

  // InputPath and OutputPath share their semantics: a missing path is a runtime error.
  private static JsonNode select(Optional<JsonPath> path, JsonNode value, Scope scope, String field) {
    if (path == null) {
      return value;
    }
    if (path.isEmpty()) {
      return Engine.JSON.objectNode();
    }
    JsonPath jsonPath = path.get();
    try {
      return jsonPath.root() == JsonPath.Root.INPUT ? jsonPath.evaluate(value) : jsonPath.evaluate(withInput(scope, value));
    } catch (PathNotFoundException e) {
      throw new StatesError(
          ErrorNames.RUNTIME,
          "Invalid path '" + jsonPath.text() + "' in " + field + ": " + e.getMessage() + " (input: " + value + ")");
    }
  }

  private static Scope withInput(Scope scope, JsonNode input) {
    return scope.input() == input ? scope : new Scope(input, scope.context(), scope.variables(), scope.random());
  }
}
