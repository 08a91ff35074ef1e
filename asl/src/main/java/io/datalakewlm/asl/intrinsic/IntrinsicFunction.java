package io.datalakewlm.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed intrinsic function call such as {@code States.Format('Hello, {}', $.name)}: the
 * function and its arguments (literals, paths and nested calls), ready to evaluate.
 *
 * <p>Parsing checks what a definition can be checked for: a known function name, the number of
 * arguments, the type of literal arguments, the escapes of string literals ({@code \'},
 * {@code \{}, {@code \}}, {@code \\}), a literal {@code States.Format} template against its
 * argument count, and the AWS limit of {@value #MAX_FUNCTIONS_PER_FIELD} functions in one field.
 * Evaluation checks the rest against the values and raises {@code States.IntrinsicFailure} with
 * a cause that names the function and the problem; a path argument that selects nothing raises
 * the caller's path-failure error instead.
 *
 * <p>Instances are immutable and thread-safe; parse once, evaluate many times.
 */
public final class IntrinsicFunction {
  /** AWS accepts at most this many intrinsic functions (nested ones included) in one field. */
  public static final int MAX_FUNCTIONS_PER_FIELD = 10;

  private final String text;
  private final Intrinsic function;
  private final List<Argument> arguments;

  IntrinsicFunction(String text, Intrinsic function, List<Argument> arguments) {
    this.text = text;
    this.function = function;
    this.arguments = List.copyOf(arguments);
  }

  /** Whether a payload field's value is an intrinsic call rather than a path. */
  public static boolean isIntrinsic(String text) {
    return text.startsWith("States.");
  }

  /**
   * Parses an intrinsic function call.
   *
   * @throws IntrinsicSyntaxException for malformed text, unknown functions, wrong argument counts
   *     or types of literals, bad escapes or too many nested functions
   */
  public static IntrinsicFunction parse(String text) throws IntrinsicSyntaxException {
    return IntrinsicParser.parse(text);
  }

  /** The call as written. */
  public String text() {
    return text;
  }

  /** The function's name, for example {@code States.Format}. */
  public String name() {
    return function.functionName;
  }

  public List<Argument> arguments() {
    return arguments;
  }

  /** Every path this call reads, nested calls included, in the order written. */
  public List<JsonPath> paths() {
    List<JsonPath> paths = new ArrayList<>();
    collectPaths(paths);
    return paths;
  }

  /** Adds the paths of this call and of its nested calls to {@code out}. */
  private void collectPaths(List<JsonPath> out) {
    for (Argument argument : arguments) {
      if (argument instanceof Argument.Path path) {
        out.add(path.path());
      } else if (argument instanceof Argument.Call call) {
        call.function().collectPaths(out);
      }
    }
  }

  /**
   * Evaluates the call. A path argument that selects nothing raises {@code States.Runtime}, and
   * its cause names the whole call, as on AWS: {@code The function 'States.Format('{}', $.x)' had
   * the following error: The JsonPath argument for the field '$.x' could not be found in the input
   * '{}'}.
   *
   * @throws io.datalakewlm.asl.StatesError {@code States.IntrinsicFailure} when the function
   *     cannot compute a result from its arguments
   */
  public JsonNode evaluate(Scope scope) {
    try {
      return compute(scope);
    } catch (StatesError e) {
      throw ErrorNames.RUNTIME.equals(e.error()) ? FailureCauses.intrinsicFailed(text, e) : e;
    }
  }

  /** The call's value, with the failures of nested calls left as they were raised. */
  JsonNode compute(Scope scope) {
    JsonNode[] values = new JsonNode[arguments.size()];
    for (int i = 0; i < values.length; i++) {
      Argument argument = arguments.get(i);
      JsonNode value = argument.value(scope);
      Intrinsic.Kind kind = function.kind(i);
      if (!kind.accepts(value)) {
        throw function.failure(
            "argument "
                + (i + 1)
                + " ("
                + argument.source()
                + ") must be "
                + kind.description
                + ", but it is "
                + Intrinsic.show(value));
      }
      values[i] = value;
    }
    return function.apply(this, values, scope);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IntrinsicFunction call && call.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
