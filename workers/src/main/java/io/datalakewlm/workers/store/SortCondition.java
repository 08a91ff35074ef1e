package io.datalakewlm.workers.store;

import java.util.Objects;

/** A key condition on the sort key of a query (DynamoDB's KeyConditionExpression, sort part). */
public sealed interface SortCondition {

  /** {@code sort op value} with op one of EQ, LT, LE, GT, GE. */
  record Compare(Condition.Op op, Object value) implements SortCondition {
    public Compare {
      Objects.requireNonNull(op);
      if (op == Condition.Op.NE) {
        throw new IllegalArgumentException("a key condition cannot use <>");
      }
      value = Item.normalise(Objects.requireNonNull(value));
    }
  }

  record Between(Object low, Object high) implements SortCondition {
    public Between {
      low = Item.normalise(Objects.requireNonNull(low));
      high = Item.normalise(Objects.requireNonNull(high));
    }
  }

  record BeginsWith(String prefix) implements SortCondition {
    public BeginsWith { Objects.requireNonNull(prefix); }
  }

  static SortCondition lessThan(Object value) {
    return new Compare(Condition.Op.LT, value);
  }

  static SortCondition beginsWith(String prefix) {
    return new BeginsWith(prefix);
  }
}
