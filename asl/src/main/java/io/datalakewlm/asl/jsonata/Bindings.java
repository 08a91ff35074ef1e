package io.datalakewlm.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
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
 * <p>Values are converted for the evaluator only when an expression reads them, each part of
 * {@code $states} at most once per bindings object (the context object, which holds the whole
 * execution input, only for an expression that reads {@code $states.context}), so a state whose
 * fields read little costs little.
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
  private Map<String, Object> variablesForEvaluator;

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

  /**
   * Binds a visible variable into an evaluation frame (an invisible one is left unbound: false),
   * converted once per bindings object, as the parts of {@code $states} are: the fields of one
   * state that read the same variable (an Arguments object naming {@code $layout} in each
   * member) share one conversion.
   */
  boolean bindVariable(Jsonata.Frame frame, String name) {
    if (variablesForEvaluator == null) {
      variablesForEvaluator = new HashMap<>(8);
    }
    Object value = variablesForEvaluator.get(name);
    if (value == null && !variablesForEvaluator.containsKey(name)) {
      JsonNode node = variables.apply(name);
      if (node == null) {
        return false;
      }
      value = JsonataValues.toJava(node);
      variablesForEvaluator.put(name, value);
    }
    frame.bind(name, value);
    return true;
  }

  StatesFunctions functions() {
    return functions;
  }

  /**
   * {@code $states} for the evaluator with at least the parts {@code references} reads
   * ({@code "*"}: all of them), converted on first use.
   */
  Map<String, Object> states(JsonataReferences references) {
    if (states == null) {
      states = new LinkedHashMap<>(8);
    }
    if (references.readsStates("input")) {
      states.computeIfAbsent("input", key -> JsonataValues.toJava(input));
    }
    if (references.readsStates("context")) {
      states.computeIfAbsent("context", key -> JsonataValues.toJava(context.get()));
    }
    if (result != null && references.readsStates("result")) {
      states.computeIfAbsent("result", key -> JsonataValues.toJava(result));
    }
    if (errorOutput != null && references.readsStates("errorOutput")) {
      states.computeIfAbsent("errorOutput", key -> JsonataValues.toJava(errorOutput));
    }
    return states;
  }
}
