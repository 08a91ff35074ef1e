package io.datalakewlm.workers.store.expression;

import java.util.List;

/** A parsed ConditionExpression (or a KeyConditionExpression's grammar). */
public sealed interface ConditionExpression {
  /** Comparators of condition expressions. */
  enum Comparator {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }
  }

  record Compare(Operand left, Comparator comparator, Operand right) implements ConditionExpression { }

  record Between(Operand value, Operand low, Operand high) implements ConditionExpression { }

  record In(Operand value, List<Operand> candidates) implements ConditionExpression {
    public In {
      candidates = List.copyOf(candidates);
    }
  }

  record AttributeExists(DocumentPath path) implements ConditionExpression { }

  record AttributeNotExists(DocumentPath path) implements ConditionExpression { }

  /** {@code attribute_type(path, :type)}; the type is checked when parsed. */
  record AttributeType(DocumentPath path, String type) implements ConditionExpression { }

  record BeginsWith(DocumentPath path, Operand prefix) implements ConditionExpression { }

  record Contains(DocumentPath path, Operand operand) implements ConditionExpression { }

  record And(ConditionExpression left, ConditionExpression right) implements ConditionExpression { }

  record Or(ConditionExpression left, ConditionExpression right) implements ConditionExpression { }

  record Not(ConditionExpression condition) implements ConditionExpression { }
}
