package io.datalakewlm.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Boolean expression inside a filter segment {@code [?( … )]}, compiled once.
 *
 * <p>Semantics follow Jayway JsonPath, which AWS runs: an operand path that selects nothing is
 * <em>undefined</em>; every comparison with an undefined operand is false except {@code !=} and
 * {@code nin}, which are their negations. {@code ==} compares numbers by value and accepts a
 * string holding the same number; {@code <}, {@code <=}, {@code >}, {@code >=} compare numbers
 * with numbers and strings with strings (lexicographically). A bare path is an existence test (a
 * member holding JSON {@code null} exists).
 */
sealed interface FilterExpression
    permits FilterExpression.Or,
        FilterExpression.And,
        FilterExpression.Not,
        FilterExpression.Exists,
        FilterExpression.Comparison,
        FilterExpression.Match {

  /** Whether the expression holds for {@code current} ({@code @}) within document {@code root}. */
  boolean test(JsonNode current, JsonNode root);

  /** {@code a || b || …}: short-circuits on the first true term. */
  record Or(List<FilterExpression> terms) implements FilterExpression {
    @Override
    public boolean test(JsonNode current, JsonNode root) {
      for (FilterExpression term : terms) {
        if (term.test(current, root)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code a && b && …}: short-circuits on the first false term. */
  record And(List<FilterExpression> terms) implements FilterExpression {
    @Override
    public boolean test(JsonNode current, JsonNode root) {
      for (FilterExpression term : terms) {
        if (!term.test(current, root)) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code !a}. */
  record Not(FilterExpression term) implements FilterExpression {
    @Override
    public boolean test(JsonNode current, JsonNode root) {
      return !term.test(current, root);
    }
  }

  /** {@code @.isbn}: the path selects something. */
  record Exists(PathOperand path) implements FilterExpression {
    @Override
    public boolean test(JsonNode current, JsonNode root) {
      JsonNode value = path.value(current, root);
      return value != null && (path.definite() || value.size() > 0);
    }
  }

  /** {@code left op right} for the relational operators and {@code in}/{@code nin}. */
  record Comparison(Operand left, Operator operator, Operand right) implements FilterExpression {
    @Override
    public boolean test(JsonNode current, JsonNode root) {
      JsonNode l = left.value(current, root);
      JsonNode r = right.value(current, root);
      return switch (operator) {
        case EQ -> same(l, r);
        case NE -> !same(l, r);
        case LT -> ordered(l, r) && order(l, r) < 0;
        case LE -> ordered(l, r) && order(l, r) <= 0;
        case GT -> ordered(l, r) && order(l, r) > 0;
        case GE -> ordered(l, r) && order(l, r) >= 0;
        case IN -> contains(r, l);
        case NIN -> !contains(r, l);
      };
    }

    /** Equality with undefined operands equal only to each other. */
    private static boolean same(JsonNode l, JsonNode r) {
      if (l == null || r == null) {
        return l == r;
      }
      if (l.isNumber() && r.isTextual()) {
        return numericText(l, r.textValue());
      }
      if (l.isTextual() && r.isNumber()) {
        return numericText(r, l.textValue());
      }
      return JsonEquality.equal(l, r);
    }

    /** Whether a string holds the same number as a numeric node. */
    private static boolean numericText(JsonNode number, String text) {
      try {
        return number.decimalValue().compareTo(new BigDecimal(text.trim())) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    /** Whether the relational operators can compare the two operands. */
    private static boolean ordered(JsonNode l, JsonNode r) {
      return l != null
          && r != null
          && (l.isNumber() || l.isTextual())
          && (r.isNumber() || r.isTextual());
    }

    /** Numbers by value, anything else by its text (Jayway compares a number's text then). */
    private static int order(JsonNode l, JsonNode r) {
      if (l.isNumber() && r.isNumber()) {
        return JsonEquality.compareNumbers(l, r);
      }
      return l.asText().compareTo(r.asText());
    }

    /** Whether {@code array} is an array holding a value equal to {@code value}. */
    private static boolean contains(JsonNode array, JsonNode value) {
      if (array == null || value == null || !array.isArray()) {
        return false;
      }
      for (JsonNode element : array) {
        if (same(value, element)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code @.name =~ /regex/flags}: the whole string (or number or boolean text) matches. */
  record Match(Operand operand, Pattern pattern) implements FilterExpression {
    @Override
    public boolean test(JsonNode current, JsonNode root) {
      JsonNode value = operand.value(current, root);
      if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
        return false;
      }
      return pattern.matcher(value.asText()).matches();
    }
  }

  /** The relational operators a filter accepts. */
  enum Operator {
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    IN("in"),
    NIN("nin");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  /** A side of a comparison. */
  sealed interface Operand permits Literal, PathOperand {
    /** The operand's value, or {@code null} when it is undefined (a path that selects nothing). */
    JsonNode value(JsonNode current, JsonNode root);
  }

  /** A literal: number, string, {@code true}, {@code false}, {@code null} or a JSON array. */
  record Literal(JsonNode value) implements Operand {
    @Override
    public JsonNode value(JsonNode current, JsonNode root) {
      return value;
    }
  }

  /**
   * A path from the current element ({@code @…}) or from the document root ({@code $…}). An
   * indefinite path yields the array of what it selects.
   */
  record PathOperand(boolean fromRoot, Segment[] segments, boolean definite) implements Operand {
    @Override
    public JsonNode value(JsonNode current, JsonNode root) {
      JsonNode node = fromRoot ? root : current;
      if (definite) {
        for (Segment segment : segments) {
          node = segment.child(node);
          if (node == null) {
            return null;
          }
        }
        return node;
      }
      List<JsonNode> selected = JsonPath.selectAll(segments, node, root);
      return JsonNodeFactory.instance.arrayNode(selected.size()).addAll(selected);
    }
  }
}
