package io.datalakewlm.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a JSONata expression of a state can read while it is evaluated: the reserved
 * {@code $states} variable ({@code input}, {@code context}, and, where the field allows it,
 * {@code result} or {@code errorOutput}), the workflow variables visible to the state, and the
 * Step Functions functions.
 *
 * <p>Values are converted for the evaluator only when an expression reads them, and
 * {@code $states} once per bindings object, so a state whose fields read nothing costs nothing.
 * Not thread-safe: one bindings object serves one state run on the runtime's loop.
 */
public final class Bindings {
  private final JsonNode input;
  private final Supplier<JsonNode> context;
  private final JsonNode result;
  private final JsonNode errorOutput;
  private final Function<String, JsonNode> variables;
  private final StatesFunctions functions;
  private Map<String, Object> states;

  /**
   * @param input {@code $states.input}
   * @param context {@code $states.context}, built when first read
   * @param variables the value of a visible variable, or {@code null}
   */
  public Bindings(
      JsonNode input, Supplier<JsonNode> context, Function<String, JsonNode> variables, StatesFunctions functions) {
    this(input, context, null, null, variables, functions);
  }

  private Bindings(JsonNode input, Supplier<JsonNode> context, JsonNode result, JsonNode errorOutput,
      Function<String, JsonNode> variables, StatesFunctions functions) {
    this.input = input;
    this.context = context;
    this.result = result;
    this.errorOutput = errorOutput;
    this.variables = variables;
    this.functions = functions;
  }

  /** The same bindings with {@code $states.result} set (Output and Assign after the work). */
  public Bindings withResult(JsonNode newResult) {
    return new Bindings(input, context, newResult, null, variables, functions);
  }

  /** The same bindings with {@code $states.errorOutput} set (a catcher's Output and Assign). */
  public Bindings withErrorOutput(JsonNode newErrorOutput) {
    return new Bindings(input, context, null, newErrorOutput, variables, functions);
  }

  /** The same bindings with another {@code $states.context} (a Map item's ItemSelector). */
  public Bindings withContext(Supplier<JsonNode> newContext) {
    return new Bindings(input, newContext, result, errorOutput, variables, functions);
  }

  public JsonNode input() {
    return input;
  }

  JsonNode variable(String name) {
    return variables.apply(name);
  }

  StatesFunctions functions() {
    return functions;
  }

  /** {@code $states} for the evaluator, built on first use. */
  Map<String, Object> states() {
    if (states == null) {
      states = new LinkedHashMap<>(8);
      states.put("input", JsonataValues.toJava(input));
      states.put("context", JsonataValues.toJava(context.get()));
      if (result != null) {
        states.put("result", JsonataValues.toJava(result));
      }
      if (errorOutput != null) {
        states.put("errorOutput", JsonataValues.toJava(errorOutput));
      }
    }
    return states;
  }
}
