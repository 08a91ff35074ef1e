package io.datalakewlm.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.Scope;
import java.util.List;

/**
 * One argument of an intrinsic function call: a literal, a path, or a nested call.
 *
 * <p>{@link #source()} is the argument as written, for messages.
 */
public sealed interface Argument permits Argument.Literal, Argument.Path, Argument.Call {

  /** The argument as written in the call. */
  String source();

  /**
   * The argument's value in {@code scope}.
   *
   * @throws io.datalakewlm.asl.StatesError {@code States.Runtime} when a path selects nothing
   */
  JsonNode value(Scope scope);

  /**
   * A literal: a 'string', a number, {@code true}, {@code false} or {@code null}.
   *
   * @param templateParts for a string literal, its text split at every unescaped {@code {}} (what
   *     {@code States.Format} fills in; an escaped {@code \{\}} is not a placeholder); for any
   *     other literal, {@code null}
   */
  record Literal(String source, JsonNode value, List<String> templateParts) implements Argument {
    public Literal {
      templateParts = templateParts == null ? null : List.copyOf(templateParts);
    }

    @Override
    public JsonNode value(Scope scope) {
      return value;
    }
  }

  /** A path ({@code $.a}, {@code $$.Execution.Id}, {@code $var}); it must select something. */
  record Path(String source, JsonPath path) implements Argument {
    @Override
    public JsonNode value(Scope scope) {
      JsonNode value = path.find(scope);
      if (value == null) {
        throw FailureCauses.intrinsicArgumentNotFound(path, scope);
      }
      return value;
    }
  }

  /** A nested intrinsic function call. */
  record Call(IntrinsicFunction function) implements Argument {
    @Override
    public String source() {
      return function.text();
    }

    @Override
    public JsonNode value(Scope scope) {
      return function.compute(scope);
    }
  }
}
