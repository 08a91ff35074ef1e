package io.datalakewlm.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import java.lang.reflect.Proxy;
import java.util.Objects;

/**
 * One JSONata expression of a definition, the text between {@code {%} and {@code %}}, compiled
 * once by the maintained {@code com.dashjoin:jsonata} evaluator (JSONata 2.x semantics) and
 * evaluated as often as its state runs.
 *
 * <p>An evaluation sees only what {@link Bindings} gives it: {@code $states}, the variables it
 * reads and the Step Functions functions; there is no context item, as on AWS. Failures are
 * {@code States.QueryEvaluationError} with AWS's causes, which name the expression and the field:
 * {@code The JSONata expression '$x' specified for the field 'Output/v' returned nothing
 * (undefined).}, or {@code … threw an error during evaluation. T0410: …}.
 *
 * <p>Caveat: the evaluator object is not thread-safe (it stamps the evaluation start on itself);
 * the runtime evaluates on its single loop thread.
 */
public final class JsonataExpression {
  /** The marker the evaluator's exit callback starts from: no value seen yet. */
  private static final Object UNSEEN = new Object();

  private final String text;
  private final String field;
  private final Jsonata compiled;
  private final JsonataReferences references;
  // The Step Functions functions whose $name the text holds (a string literal may add one too many)
  private final java.util.List<String> statesFunctions;
  // The built-ins with a remembered argument check whose $name the text holds (see BuiltInFunctions)
  private final java.util.List<String> builtIns;
  // For an expression that is only a variable and field names ($layout.team): the variable, then
  // the fields; else null
  private final String[] plainPath;

  private JsonataExpression(String text, String field, Jsonata compiled) {
    this.text = text;
    this.field = field;
    this.compiled = compiled;
    this.references = JsonataReferences.of(text);
    this.statesFunctions = StatesFunctions.NAMES.stream().filter(name -> text.contains("$" + name)).toList();
    this.builtIns = BuiltInFunctions.namedIn(text);
    this.plainPath = plainPath(text, references);
  }

  private static final java.util.regex.Pattern PLAIN_PATH =
      java.util.regex.Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  private static final java.util.Set<String> NOT_FIELDS =
      java.util.Set.of("and", "or", "in", "true", "false", "null", "function");

  private static String[] plainPath(String text, JsonataReferences references) {
    if (!PLAIN_PATH.matcher(text).matches()) {
      return null;
    }
    String[] parts = text.substring(1).split("\\.");
    if (!references.variables().contains(parts[0])) {
      return null;
    }
    for (int i = 1; i < parts.length; i++) {
      if (NOT_FIELDS.contains(parts[i])) {
        return null;
      }
    }
    return parts;
  }

  // A plain path whose value is a string or a boolean reached through objects only: what the
  // library returns for it, read without converting the variable. Anything else (an array on the
  // way, a missing field, a number, whose JSON the library may write otherwise) is left to it.
  private JsonNode readPlainPath(Bindings bindings) {
    JsonNode value = bindings.variable(plainPath[0]);
    for (int i = 1; i < plainPath.length && value != null; i++) {
      value = value.isObject() ? value.get(plainPath[i]) : null;
    }
    return value != null && (value.isTextual() || value.isBoolean()) ? value : null;
  }

  /** Whether a string value of a JSONata field is an expression: {@code {% … %}}. */
  public static boolean isExpression(String value) {
    return value.length() >= 4 && value.startsWith("{%") && value.endsWith("%}");
  }

  /**
   * Compiles the expression written as {@code {% text %}} in {@code field}.
   *
   * @param field how causes name the field, for example {@code Output/v} or {@code Seconds}
   * @throws JsonataSyntaxException with the parser's message when the text is not JSONata
   */
  public static JsonataExpression compile(String delimited, String field) throws JsonataSyntaxException {
    Objects.requireNonNull(field, "field");
    if (!isExpression(delimited)) {
      throw new IllegalArgumentException("not a {% %} expression: " + delimited);
    }
    String text = delimited.substring(2, delimited.length() - 2).trim();
    if (text.isEmpty()) {
      throw new JsonataSyntaxException(
          java.util.List.of(new JsonataSyntaxException.Issue("", "the expression between {% and %} is empty")));
    }
    try {
      return new JsonataExpression(text, field, Jsonata.jsonata(text));
    } catch (JException e) {
      throw new JsonataSyntaxException(java.util.List.of(new JsonataSyntaxException.Issue("", describe(e))));
    } catch (RuntimeException e) {
      throw new JsonataSyntaxException(
          java.util.List.of(new JsonataSyntaxException.Issue("", String.valueOf(e.getMessage()))));
    }
  }

  /** The expression without its delimiters, as causes quote it. */
  public String text() {
    return text;
  }

  /** The field the expression is written in, as causes name it. */
  public String field() {
    return field;
  }

  /** What the expression reads: variables, {@code $states} fields, top-level names. */
  public JsonataReferences references() {
    return references;
  }

  /**
   * Evaluates the expression.
   *
   * @throws StatesError {@code States.QueryEvaluationError} when evaluation fails or the result is
   *     undefined (or a function, which JSON cannot hold)
   */
  public JsonNode evaluate(Bindings bindings) {
    if (plainPath != null) {
      JsonNode plain = readPlainPath(bindings);
      if (plain != null) {
        return plain;
      }
    }
    Jsonata.Frame frame = compiled.createFrame();
    if (!references.statesFields().isEmpty()) {
      frame.bind("states", bindings.states(references));
    }
    java.util.Set<String> bound = null;
    for (String name : references.variables()) {
      if (bindings.bindVariable(frame, name) && builtIns.contains(name)) {
        bound = bound == null ? new java.util.HashSet<>() : bound;
        bound.add(name); // a variable of a built-in's name hides the built-in, as in the library
      }
    }
    for (String name : builtIns) {
      if (bound == null || !bound.contains(name)) {
        frame.bind(name, BuiltInFunctions.named(name));
      }
    }
    bindings.functions().bindTo(frame, statesFunctions);
    Object[] last = {UNSEEN};
    frame.setEvaluateExitCallback(LAST_RESULT);
    Object[] outer = LAST_RESULT_SINK.get();
    LAST_RESULT_SINK.set(last);
    Object result;
    try {
      result = compiled.evaluate(null, frame);
    } catch (StatesFunctions.JsonataFunctionError e) {
      throw failure("threw an error during evaluation. " + e.code() + ": " + e.getMessage());
    } catch (JException e) {
      throw failure("threw an error during evaluation. " + describe(e));
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() instanceof StatesFunctions.JsonataFunctionError inner ? inner : e;
      String detail = cause instanceof StatesFunctions.JsonataFunctionError inner
          ? inner.code() + ": " + inner.getMessage() : String.valueOf(cause.getMessage());
      throw failure("threw an error during evaluation. " + detail);
    } finally {
      LAST_RESULT_SINK.set(outer);
    }
    if (result == null && !isJsonNull(last[0])) {
      throw failure("returned nothing (undefined).");
    }
    try {
      return JsonataValues.toJson(result);
    } catch (IllegalArgumentException e) {
      throw failure("returned a value JSON cannot hold: " + e.getMessage() + ".");
    }
  }

  /**
   * The error for a result of the wrong kind, for example a {@code Seconds} that is not a
   * non-negative integer.
   */
  public StatesError unexpected(String expected, JsonNode value) {
    return failure("returned " + describe(value) + ", but it must be " + expected + ".");
  }

  // Whether the raw result of the whole expression is JSON null: the null value itself, or a
  // path's one-element sequence of it (an empty sequence is undefined).
  private static boolean isJsonNull(Object raw) {
    return raw == Jsonata.NULL_VALUE
        || raw instanceof java.util.List<?> sequence && sequence.size() == 1 && sequence.get(0) == Jsonata.NULL_VALUE;
  }

  /** Where {@link #LAST_RESULT} keeps the results of the evaluation running on this thread. */
  private static final ThreadLocal<Object[]> LAST_RESULT_SINK = new ThreadLocal<>();

  // A callback that keeps the result of the evaluation step that exits last, the whole
  // expression's, before the library turns JSON null into Java null (its "undefined"). The
  // callback's parameter types are package-private in the library, hence a proxy, not a lambda;
  // one proxy serves every evaluation (making one per evaluation was a cost of its own), each
  // evaluation pointing it at its own sink for as long as it runs.
  private static final Jsonata.ExitCallback LAST_RESULT = (Jsonata.ExitCallback) Proxy.newProxyInstance(
      Jsonata.ExitCallback.class.getClassLoader(),
      new Class<?>[] {Jsonata.ExitCallback.class},
      (proxy, method, arguments) -> {
        if (method.getDeclaringClass() == Object.class) {
          return method.getName().equals("equals") ? proxy == arguments[0]
              : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "ExitCallback";
        }
        Object[] sink = LAST_RESULT_SINK.get();
        if (sink != null) {
          sink[0] = arguments[3];
        }
        return null;
      });

  // A States.QueryEvaluationError whose cause names this expression and its field.
  private StatesError failure(String what) {
    return new StatesError(
        ErrorNames.QUERY_EVALUATION_ERROR,
        "The JSONata expression '" + text + "' specified for the field '" + field + "' " + what);
  }

  // The library's error as CODE: message.
  private static String describe(JException e) {
    String code = e.getError();
    if ("T0412".equals(code)) {
      // The library leaves this message's {{type}} unfilled and garbles its other placeholders.
      return code + ": Argument " + JsonataValues.toJson(e.getCurrent()) + " must be an array of "
          + arrayOf(String.valueOf(e.getExpected()));
    }
    String message = e.getMessage();
    return code == null || message.startsWith(code) ? message : code + ": " + message;
  }

  // What an array of a signature's type symbol holds, as JSONata's own messages name it.
  private static String arrayOf(String symbol) {
    return switch (symbol) {
      case "a" -> "arrays";
      case "b" -> "booleans";
      case "f" -> "functions";
      case "n" -> "numbers";
      case "o" -> "objects";
      case "s" -> "strings";
      default -> "values of type " + symbol;
    };
  }

  // A result in a message: its JSON, cut short.
  private static String describe(JsonNode value) {
    String json = value.toString();
    return json.length() <= 80 ? json : json.substring(0, 77) + "...";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonataExpression expression && expression.text.equals(text) && expression.field.equals(field);
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + field.hashCode();
  }

  @Override
  public String toString() {
    return "{% " + text + " %}";
  }
}
