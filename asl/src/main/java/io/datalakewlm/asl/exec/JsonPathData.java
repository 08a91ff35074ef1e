package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.model.Assign;
import io.datalakewlm.asl.model.Catcher;
import io.datalakewlm.asl.model.Io;
import io.datalakewlm.asl.model.State;
import io.datalakewlm.asl.payload.DataFlow;
import java.util.Map;

/**
 * The JSONPath data fields, in AWS's order: {@code InputPath}, {@code Parameters}, the work,
 * {@code ResultSelector}, {@code Assign} (with {@code $} standing for the selected result, or the
 * effective input of a state without work), {@code ResultPath}, {@code OutputPath}. A state
 * without {@code Assign} pays nothing for variables.
 */
final class JsonPathData implements StateData {
  static final JsonPathData INSTANCE = new JsonPathData();

  private JsonPathData() {}

  @Override
  public JsonNode selectInput(State state, JsonNode rawInput, Evaluation evaluation) {
    return DataFlow.inputPath(state.io().inputPath(), rawInput, evaluation.scope(rawInput));
  }

  @Override
  public JsonNode workInput(State state, JsonNode rawInput, JsonNode selected, Evaluation evaluation) {
    return DataFlow.parameters(state.io().parameters(), selected, evaluation.scope(selected));
  }

  @Override
  public Exit leave(State state, JsonNode rawInput, JsonNode selected, JsonNode result, Assign assign,
      JsonataTemplate output, Evaluation evaluation) {
    Io io = state.io();
    if (result == null) {
      Map<String, JsonNode> assigned = assign(assign, selected, evaluation);
      return new Exit(DataFlow.outputPath(io.outputPath(), selected, evaluation.scope(selected)), assigned);
    }
    JsonNode chosen = DataFlow.resultSelector(io.resultSelector(), result, evaluation.scope(result));
    Map<String, JsonNode> assigned = assign(assign, chosen, evaluation);
    JsonNode placed = DataFlow.resultPath(io.resultPath(), rawInput, chosen);
    return new Exit(DataFlow.outputPath(io.outputPath(), placed, evaluation.scope(placed)), assigned);
  }

  @Override
  public Exit caught(Catcher catcher, JsonNode rawInput, JsonNode errorOutput, Evaluation evaluation) {
    Map<String, JsonNode> assigned = assign(catcher.assign(), errorOutput, evaluation);
    return new Exit(DataFlow.resultPath(catcher.resultPath(), rawInput, errorOutput), assigned);
  }

  // Assign's payload template with $ standing for `value`.
  private static Map<String, JsonNode> assign(Assign assign, JsonNode value, Evaluation evaluation) {
    if (assign == null) {
      return Map.of();
    }
    return evaluation.assignments(assign.paths().evaluate(evaluation.scope(value)));
  }
}
