package io.datalakewlm.asl.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathNotFoundException;
import io.datalakewlm.asl.path.Scope;
import java.util.Optional;

/**
 * The input and output processing chain of a JSONPath state, one static step per field, in the
 * order Step Functions applies them:
 *
 * <pre>
 * raw input ─InputPath→ ─Parameters→ effective input ─(the state's work)→ result
 * result ─ResultSelector→ ─ResultPath (into the raw input)→ ─OutputPath→ state output
 * </pre>
 *
 * <p>The path fields follow the convention of {@link io.datalakewlm.asl.model.Io}: {@code null}
 * means the field is absent ({@code $}, the identity), {@code Optional.empty()} means the
 * definition set it to JSON {@code null}. Failures carry AWS's error names and causes: a path of
 * {@code InputPath} or {@code OutputPath} that selects nothing is {@code States.Runtime}
 * ({@code Invalid path '$.x' : No results for path: $['x']}); a {@code ResultPath} that cannot
 * be applied is {@code States.ResultPathMatchFailure}. The causes do not name the state; the
 * interpreter may prefix them with it. No step modifies its inputs.
 */
public final class DataFlow {
  private DataFlow() {}

  /**
   * {@code InputPath}: absent selects the whole raw input, JSON {@code null} selects an empty
   * object, a path selects from the raw input (or the context object, or a variable).
   */
  public static JsonNode inputPath(Optional<JsonPath> path, JsonNode rawInput, Scope scope) {
    return select(path, rawInput, scope);
  }

  /**
   * {@code Parameters} (or {@code ItemSelector}): absent keeps the effective input; a template
   * is evaluated with {@code $} standing for it. A path that selects nothing raises
   * {@code States.Runtime}, as AWS does, not the {@code States.ParameterPathFailure} the
   * specification names: on AWS no Catch, not even {@code States.ALL}, recovers from it.
   */
  public static JsonNode parameters(PayloadTemplate template, JsonNode input, Scope scope) {
    return template == null ? input : template.evaluate(scope.withInput(input));
  }

  /**
   * {@code ResultSelector}: absent keeps the result; a template is evaluated with {@code $}
   * standing for the result. A path that selects nothing raises {@code States.Runtime}, as AWS
   * does (the specification names no dedicated error for this field).
   */
  public static JsonNode resultSelector(PayloadTemplate template, JsonNode result, Scope scope) {
    return template == null ? result : template.evaluate(scope.withInput(result));
  }

  /**
   * {@code ResultPath}: absent makes the result the output, JSON {@code null} keeps the state
   * input and discards the result, a reference path writes the result into (a copy of) the
   * state input.
   *
   * @throws StatesError {@code States.ResultPathMatchFailure} when the path crosses a value that
   *     is not an object, with the cause {@code Unable to apply ReferencePath $.a.b to input …}
   */
  public static JsonNode resultPath(Optional<JsonPath> path, JsonNode stateInput, JsonNode result) {
    if (path == null) {
      return result;
    }
    if (path.isEmpty()) {
      return stateInput;
    }
    try {
      return path.get().put(stateInput, result);
    } catch (PathNotFoundException e) {
      throw FailureCauses.resultPathMatchFailure(path.get().text(), stateInput);
    }
  }

  /** {@code OutputPath}: like {@link #inputPath}, applied to the output of {@code ResultPath}. */
  public static JsonNode outputPath(Optional<JsonPath> path, JsonNode output, Scope scope) {
    return select(path, output, scope);
  }

  /** The shared logic of InputPath and OutputPath. */
  private static JsonNode select(Optional<JsonPath> path, JsonNode value, Scope scope) {
    if (path == null) {
      return value;
    }
    if (path.isEmpty()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return path.get().evaluate(scope.withInput(value));
    } catch (PathNotFoundException e) {
      throw FailureCauses.invalidPath(path.get().text(), e.getMessage());
    }
  }
}
