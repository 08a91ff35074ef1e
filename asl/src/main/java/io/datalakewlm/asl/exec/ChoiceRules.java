package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.model.Condition;
import io.datalakewlm.asl.model.Operator;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathNotFoundException;
import io.datalakewlm.asl.path.Scope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Evaluates the conditions of Choice rules with the States Language's typing: a comparison whose
 * variable has another type than the operator expects is false (not an error); a variable path
 * that selects nothing is a {@code States.Runtime} error, except for {@code IsPresent}, which
 * exists to test exactly that.
 */
final class ChoiceRules {
  private ChoiceRules() {}

  static boolean matches(Condition condition, Scope scope) {
    if (condition instanceof Condition.And and) {
      for (Condition each : and.conditions()) {
        if (!matches(each, scope)) {
          return false;
        }
      }
      return true;
    }
    if (condition instanceof Condition.Or or) {
      for (Condition each : or.conditions()) {
        if (matches(each, scope)) {
          return true;
        }
      }
      return false;
    }
    if (condition instanceof Condition.Not not) {
      return !matches(not.condition(), scope);
    }
    if (condition instanceof Condition.Comparison comparison) {
      return compare(comparison, scope);
    }
    throw new StatesError(
        ErrorNames.RUNTIME, "a JSONata Condition cannot be evaluated in a JSONPath Choice state");
  }

  private static boolean compare(Condition.Comparison comparison, Scope scope) {
    Operator operator = comparison.operator();
    JsonNode value;
    try {
      value = evaluate(comparison.variable(), scope);
    } catch (PathNotFoundException e) {
      if (operator == Operator.IS_PRESENT) {
        return !comparison.value().asBoolean();
      }
      throw FailureCauses.choicePathInvalid(comparison.variable().text());
    }
    if (operator.kind() == Operator.Kind.TYPE_TEST) {
      return typeTest(operator, value) == comparison.value().asBoolean();
    }
    JsonNode operand = comparison.value();
    if (comparison.valuePath() != null) {
      try {
        operand = evaluate(comparison.valuePath(), scope);
      } catch (PathNotFoundException e) {
        throw FailureCauses.choicePathInvalid(comparison.valuePath().text());
      }
    }
    switch (operator.kind()) {
      case STRING:
        if (!value.isTextual() || !operand.isTextual()) {
          return false;
        }
        if (operator == Operator.STRING_MATCHES) {
          return Wildcard.matches(operand.textValue(), value.textValue());
        }
        return ordered(operator, value.textValue().compareTo(operand.textValue()));
      case NUMERIC:
        if (!value.isNumber() || !operand.isNumber()) {
          return false;
        }
        return ordered(operator, value.decimalValue().compareTo(operand.decimalValue()));
      case BOOLEAN:
        return value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
      case TIMESTAMP:
        Instant left = timestamp(value);
        Instant right = timestamp(operand);
        if (left == null || right == null) {
          return false;
        }
        return ordered(operator, left.compareTo(right));
      default:
        throw new IllegalStateException("unhandled operator " + operator);
    }
  }

  // Reads the variable from the scope; input paths skip building anything.
  private static JsonNode evaluate(JsonPath path, Scope scope) throws PathNotFoundException {
    return path.root() == JsonPath.Root.INPUT ? path.evaluate(scope.input()) : path.evaluate(scope);
  }

  private static boolean typeTest(Operator operator, JsonNode value) {
    return switch (operator) {
      case IS_NULL -> value.isNull();
      case IS_PRESENT -> true;
      case IS_NUMERIC -> value.isNumber();
      case IS_STRING -> value.isTextual();
      case IS_BOOLEAN -> value.isBoolean();
      case IS_TIMESTAMP -> timestamp(value) != null;
      default -> throw new IllegalStateException("not a type test: " + operator);
    };
  }

  // Turns a three-way comparison into the operator's answer.
  private static boolean ordered(Operator operator, int order) {
    return switch (operator) {
      case STRING_EQUALS, NUMERIC_EQUALS, TIMESTAMP_EQUALS -> order == 0;
      case STRING_LESS_THAN, NUMERIC_LESS_THAN, TIMESTAMP_LESS_THAN -> order < 0;
      case STRING_GREATER_THAN, NUMERIC_GREATER_THAN, TIMESTAMP_GREATER_THAN -> order > 0;
      case STRING_LESS_THAN_EQUALS, NUMERIC_LESS_THAN_EQUALS, TIMESTAMP_LESS_THAN_EQUALS -> order <= 0;
      case STRING_GREATER_THAN_EQUALS, NUMERIC_GREATER_THAN_EQUALS, TIMESTAMP_GREATER_THAN_EQUALS -> order >= 0;
      default -> throw new IllegalStateException("not an ordering operator: " + operator);
    };
  }

  /** An RFC 3339 timestamp, or {@code null} when the value is not one. */
  static Instant timestamp(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
