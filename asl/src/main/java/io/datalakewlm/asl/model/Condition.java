package io.datalakewlm.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.path.JsonPath;
import java.util.List;

/** A Boolean expression of a Choice rule. */
public sealed interface Condition
    permits Condition.And, Condition.Or, Condition.Not, Condition.Comparison, Condition.Jsonata {

  record And(List<Condition> conditions) implements Condition {
    public And {
      conditions = List.copyOf(conditions);
    }
  }

  record Or(List<Condition> conditions) implements Condition {
    public Or {
      conditions = List.copyOf(conditions);
    }
  }

  record Not(Condition condition) implements Condition {}

  /**
   * A data-test expression: {@code Variable} compared by {@code operator} with a literal
   * {@code value} or, for the {@code …Path} variants, with the value at {@code valuePath}.
   *
   * @param value the literal operand, or {@code null} for a {@code …Path} variant
   * @param valuePath the operand's path for a {@code …Path} variant, else {@code null}
   */
  record Comparison(JsonPath variable, Operator operator, JsonNode value, JsonPath valuePath)
      implements Condition {}

  /** A JSONata {@code Condition}: an expression (or a literal) that must give a Boolean. */
  record Jsonata(JsonataTemplate condition) implements Condition {}
}
