package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.jsonata.Bindings;
import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.model.Assign;
import io.datalakewlm.asl.model.Catcher;
import io.datalakewlm.asl.model.State;
import java.util.Map;

/**
 * The JSONata data fields: {@code Arguments} over {@code $states.input}; then {@code Output}
 * (default: {@code $states.result} for a state with work, else {@code $states.input}) and
 * {@code Assign}, both over {@code $states.input} and {@code $states.result}; in a catcher both
 * over {@code $states.errorOutput} (the default output). {@code Output} and {@code Assign} read
 * the variables as they were before the state's own assignments.
 */
final class JsonataData implements StateData {
  static final JsonataData INSTANCE = new JsonataData();

  private JsonataData() {}

  @Override
  public JsonNode selectInput(State state, JsonNode rawInput, Evaluation evaluation) {
    return rawInput;
  }

  @Override
  public JsonNode workInput(State state, JsonNode rawInput, JsonNode selected, Evaluation evaluation) {
    JsonataTemplate arguments = state.io().arguments();
    return arguments == null ? rawInput : evaluation.evaluate(arguments, evaluation.bindings(rawInput));
  }

  @Override
  public Exit leave(State state, JsonNode rawInput, JsonNode selected, JsonNode result, Assign assign,
      JsonataTemplate output, Evaluation evaluation) {
    Bindings bindings = evaluation.bindings(rawInput);
    if (result != null) {
      bindings = bindings.withResult(result);
    }
    JsonNode fallback = result != null ? result : rawInput;
    return leave(assign, output, fallback, bindings, evaluation);
  }

  @Override
  public Exit caught(Catcher catcher, JsonNode rawInput, JsonNode errorOutput, Evaluation evaluation) {
    Bindings bindings = evaluation.bindings(rawInput).withErrorOutput(errorOutput);
    return leave(catcher.assign(), catcher.output(), errorOutput, bindings, evaluation);
  }

  // Output (or its default) and Assign over the same bindings.
  private static Exit leave(Assign assign, JsonataTemplate output, JsonNode fallback, Bindings bindings,
      Evaluation evaluation) {
    Map<String, JsonNode> assigned =
        assign == null ? Map.of() : evaluation.assignments(evaluation.evaluate(assign.jsonata(), bindings));
    JsonNode value = output == null ? fallback : evaluation.evaluate(output, bindings);
    return new Exit(value, assigned);
  }
}
