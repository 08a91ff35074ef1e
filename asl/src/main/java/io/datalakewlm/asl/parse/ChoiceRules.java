package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.datalakewlm.asl.model.Operator;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.parse.Expressions.PathKind;
import io.datalakewlm.asl.parse.FieldTable.Shape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The rules of a Choice state: a non-empty {@code Choices} list whose top-level rules each have a
 * {@code Next}. In JSONPath every rule is either a comparison (a {@code Variable} and exactly one
 * operator, with an operand of the operator's type) or exactly one of {@code And}, {@code Or},
 * {@code Not} over nested rules, which have no {@code Next}. In JSONata a rule is a
 * {@code Condition} expression. Rules and the state may carry {@code Assign} (and, in JSONata,
 * {@code Output}).
 */
final class ChoiceRules {
  private static final List<String> COMBINATORS = List.of("And", "Or", "Not");

  private ChoiceRules() {}

  static void choice(Fields state, QueryLanguage dialect) {
    if (dialect == QueryLanguage.JSONPATH) {
      StateRules.inputOutput(state);
    } else {
      JsonataChecks.value(state, "Output", JsonataChecks.Reads.INPUT);
    }
    AssignRules.assign(state, dialect, JsonataChecks.Reads.INPUT);
    state.string("Default");
    ArrayNode choices = state.require("Choices") ? state.nonEmptyArray("Choices") : null;
    if (choices == null) {
      return;
    }
    for (int i = 0; i < choices.size(); i++) {
      Fields rule = state.element("Choices", choices, i);
      if (rule != null) {
        if (dialect == QueryLanguage.JSONATA) {
          jsonataRule(rule);
        } else {
          AssignRules.assign(rule, dialect, JsonataChecks.Reads.INPUT);
          rule(rule, true);
        }
      }
    }
  }

  // A JSONata rule: Condition and Next, and its own Output and Assign.
  private static void jsonataRule(Fields rule) {
    rule.checkNames(Shape.CHOICE_RULE, QueryLanguage.JSONATA, Set.of());
    rule.string("Comment");
    rule.requiredString("Next");
    if (rule.require("Condition")) {
      JsonataChecks.condition(rule);
    }
    JsonataChecks.value(rule, "Output", JsonataChecks.Reads.INPUT);
    AssignRules.assign(rule, QueryLanguage.JSONATA, JsonataChecks.Reads.INPUT);
  }

  // One rule; `top` for the elements of Choices, which lead somewhere.
  private static void rule(Fields rule, boolean top) {
    if (!top && rule.has("Next")) {
      rule.problems().schema(
          rule.at("Next"), "'Next' belongs on the top-level rules of 'Choices', not inside 'And', 'Or' or 'Not'");
    }
    rule.checkNames(top ? Shape.CHOICE_RULE : Shape.NESTED_RULE, QueryLanguage.JSONPATH, Set.of("Next"));
    rule.string("Comment");
    if (top) {
      rule.requiredString("Next");
    }
    if (rule.has("Condition")) {
      return; // a JSONata field, already reported as such
    }
    List<String> combinators = rule.present(COMBINATORS.toArray(String[]::new));
    List<String> operators = new ArrayList<>();
    for (Iterator<String> names = rule.node().fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (Operator.forField(name) != null) {
        operators.add(name);
      }
    }
    int count = combinators.size() + operators.size();
    if (count == 0) {
      rule.problems().schema(
          rule.at(),
          "A Choice rule needs a 'Variable' and one comparison operator (such as 'StringEquals'), or one of"
              + " 'And', 'Or', 'Not'");
      return;
    }
    if (count > 1) {
      List<String> all = new ArrayList<>(combinators);
      all.addAll(operators);
      rule.problems().schema(
          rule.at(), "A Choice rule takes exactly one operator, but this one has " + String.join(", ", all)
              + "; combine comparisons with 'And' or 'Or'");
      return;
    }
    if (!combinators.isEmpty()) {
      combinator(rule, combinators.get(0));
    } else {
      comparison(rule, operators.get(0));
    }
  }

  // And/Or over a non-empty list of nested rules, or Not over one.
  private static void combinator(Fields rule, String name) {
    if (rule.has("Variable")) {
      rule.problems().schema(
          rule.at("Variable"), "'Variable' cannot be used with '" + name + "'; put it in the nested rules");
    }
    if (name.equals("Not")) {
      Fields nested = rule.object("Not");
      if (nested != null) {
        rule(nested, false);
      }
      return;
    }
    ArrayNode nested = rule.nonEmptyArray(name);
    if (nested != null) {
      for (int i = 0; i < nested.size(); i++) {
        Fields element = rule.element(name, nested, i);
        if (element != null) {
          rule(element, false);
        }
      }
    }
  }

  // A Variable compared by one operator with a literal or a path.
  private static void comparison(Fields rule, String name) {
    if (rule.require("Variable")) {
      Expressions.path(rule, "Variable", PathKind.PATH, false);
    }
    Operator operator = Operator.forField(name);
    if (!name.equals(operator.field())) {
      Expressions.path(rule, name, PathKind.PATH, false);
      return;
    }
    JsonNode operand = rule.get(name);
    switch (operator.kind()) {
      case STRING -> {
        if (!operand.isTextual()) {
          rule.typeError(name, "a string", operand);
        } else if (operator == Operator.STRING_MATCHES) {
          matchPattern(rule, name, operand.textValue());
        }
      }
      case NUMERIC -> {
        if (!operand.isNumber()) {
          rule.typeError(name, "a number", operand);
        }
      }
      case BOOLEAN, TYPE_TEST -> {
        if (!operand.isBoolean()) {
          rule.typeError(name, "a boolean (true or false)", operand);
        }
      }
      case TIMESTAMP -> {
        if (!operand.isTextual()) {
          rule.typeError(name, "a timestamp string", operand);
        } else if (!Timestamps.isValid(operand.textValue())) {
          rule.problems().schema(
              rule.at(name),
              "Field '" + name + "' must be an RFC 3339 timestamp such as " + Timestamps.EXAMPLE + ", not '"
                  + operand.textValue() + "'");
        }
      }
      default -> throw new IllegalStateException("unknown operator kind " + operator.kind());
    }
  }

  // StringMatches: '*' is the wildcard; the only escapes are \* and \\.
  private static void matchPattern(Fields rule, String name, String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) != '\\') {
        continue;
      }
      char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
      if (next != '*' && next != '\\') {
        rule.problems().schema(
            rule.at(name),
            "Invalid pattern in '" + name + "': '" + pattern + "' has a backslash at position " + i
                + " that escapes neither '*' nor '\\'; write \\\\ for a literal backslash");
        return;
      }
      i++;
    }
  }
}
