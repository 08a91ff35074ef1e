package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.jsonata.JsonataReferences;
import io.datalakewlm.asl.jsonata.JsonataSyntaxException;
import java.util.Map;

/**
 * Checks the values of JSONata fields: each {@code {% %}} string is compiled with the evaluator
 * the runtime uses (a syntax error is {@code INVALID_JSONATA_EXPRESSION} at its place) and what it
 * reads is checked as AWS checks it ({@code UNSUPPORTED_JSONATA_EXPRESSION}): no {@code $$}, no
 * name read from the top level (there is no context item: the input is {@code $states.input}),
 * and {@code $states.result} or {@code $states.errorOutput} only in the fields that have them.
 * Fields that take a number or a timestamp take either a literal of that type or an expression.
 */
final class JsonataChecks {
  /** Which optional parts of {@code $states} a field can read. */
  enum Reads {
    /** {@code input} and {@code context} only. */
    INPUT,
    /** also {@code result}: the Output and Assign of a Task, Parallel or Map state. */
    RESULT,
    /** also {@code errorOutput}: the Output and Assign of a catcher. */
    ERROR_OUTPUT
  }

  private JsonataChecks() {}

  /** Any JSON value whose {@code {% %}} strings are expressions ({@code Output}, an Assign value). */
  static void value(Fields fields, String name, Reads reads) {
    JsonNode value = fields.get(name);
    if (value != null) {
      walk(value, fields.at(name), reads, fields.problems());
    }
  }

  /** An object (with expressions inside) or one expression: {@code Arguments}, {@code ItemSelector}. */
  static void objectOrExpression(Fields fields, String name, Reads reads) {
    JsonNode value = fields.get(name);
    if (value == null) {
      return;
    }
    if (!value.isObject() && !isExpression(value)) {
      fields.typeError(name, "an object or a JSONata expression string {% … %}", value);
      return;
    }
    walk(value, fields.at(name), reads, fields.problems());
  }

  /** {@code Items}: an array (with expressions inside) or one expression. */
  static void arrayOrExpression(Fields fields, String name) {
    JsonNode value = fields.get(name);
    if (value == null) {
      return;
    }
    if (!value.isArray() && !isExpression(value)) {
      fields.typeError(name, "an array or a JSONata expression string {% … %}", value);
      return;
    }
    walk(value, fields.at(name), Reads.INPUT, fields.problems());
  }

  /** A whole number in {@code [min, max]}, or an expression. */
  static void integer(Fields fields, String name, long min, long max) {
    if (isExpression(fields.get(name))) {
      walk(fields.get(name), fields.at(name), Reads.INPUT, fields.problems());
    } else {
      fields.integer(name, min, max);
    }
  }

  /** A number in {@code [min, max]}, or an expression. */
  static void number(Fields fields, String name, double min, double max) {
    if (isExpression(fields.get(name))) {
      walk(fields.get(name), fields.at(name), Reads.INPUT, fields.problems());
    } else {
      fields.number(name, min, max);
    }
  }

  /** A string, literal or expression ({@code Error}, {@code Cause}). */
  static void text(Fields fields, String name) {
    String text = fields.string(name);
    if (text != null && JsonataExpression.isExpression(text)) {
      walk(fields.get(name), fields.at(name), Reads.INPUT, fields.problems());
    }
  }

  /** A {@code Condition}: an expression (or a literal Boolean). */
  static void condition(Fields rule) {
    JsonNode value = rule.get("Condition");
    if (value == null) {
      return;
    }
    if (!value.isBoolean() && !isExpression(value)) {
      rule.typeError("Condition", "a JSONata expression string {% … %} that gives a boolean", value);
      return;
    }
    walk(value, rule.at("Condition"), Reads.INPUT, rule.problems());
  }

  /** An RFC 3339 timestamp, or an expression. */
  static void timestamp(Fields fields, String name) {
    JsonNode value = fields.get(name);
    if (isExpression(value)) {
      walk(value, fields.at(name), Reads.INPUT, fields.problems());
      return;
    }
    String text = fields.string(name);
    if (text != null && !Timestamps.isValid(text)) {
      fields.problems().schema(
          fields.at(name),
          "Field '" + name + "' must be an RFC 3339 timestamp such as " + Timestamps.EXAMPLE
              + " or a JSONata expression {% … %}, not '" + text + "'");
    }
  }

  /** Whether a JSON value is a {@code {% %}} string. */
  static boolean isExpression(JsonNode value) {
    return value != null && value.isTextual() && JsonataExpression.isExpression(value.textValue());
  }

  // Checks every expression in a value, at its own location.
  private static void walk(JsonNode value, JsonPointer at, Reads reads, Problems problems) {
    if (isExpression(value)) {
      expression(value.textValue(), at, reads, problems);
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        walk(member.getValue(), at.appendProperty(member.getKey()), reads, problems);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), at.appendIndex(i), reads, problems);
      }
    }
  }

  // Compiles one expression and checks what it reads.
  private static void expression(String text, JsonPointer at, Reads reads, Problems problems) {
    JsonataExpression expression;
    try {
      expression = JsonataExpression.compile(text, at.toString());
    } catch (JsonataSyntaxException e) {
      problems.error(
          DiagnosticCode.INVALID_JSONATA_EXPRESSION, at, "Invalid JSONata expression " + text + ": " + e.getMessage());
      return;
    }
    JsonataReferences references = expression.references();
    if (references.readsContextRoot()) {
      problems.error(DiagnosticCode.UNSUPPORTED_JSONATA_EXPRESSION, at,
          "Reference to '$$' is not supported. (the context object is $states.context)");
    }
    for (String name : references.topLevelNames()) {
      problems.error(DiagnosticCode.UNSUPPORTED_JSONATA_EXPRESSION, at,
          "Reference to '" + name + "' at the top level is not supported. (read the state input as $states.input."
              + name + ", a variable as $" + name + ")");
    }
    for (String field : references.statesFields()) {
      switch (field) {
        case "*", "input", "context" -> { }
        case "result" -> {
          if (reads != Reads.RESULT) {
            problems.error(DiagnosticCode.UNSUPPORTED_JSONATA_EXPRESSION, at,
                "Field '$states.result' does not exist here: only the Output and Assign of a Task, Parallel or Map"
                    + " state can read the result");
          }
        }
        case "errorOutput" -> {
          if (reads != Reads.ERROR_OUTPUT) {
            problems.error(DiagnosticCode.UNSUPPORTED_JSONATA_EXPRESSION, at,
                "Field '$states.errorOutput' does not exist here: only the Output and Assign of a Catch can read it");
          }
        }
        default -> problems.error(DiagnosticCode.UNSUPPORTED_JSONATA_EXPRESSION, at,
            "Unknown field '$states." + field + "': $states has input, context, result and errorOutput"
                + Suggestions.didYouMean(field, java.util.List.of("input", "context", "result", "errorOutput")));
      }
    }
  }
}
