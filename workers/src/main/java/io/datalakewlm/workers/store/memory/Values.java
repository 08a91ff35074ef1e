package io.datalakewlm.workers.store.memory;

import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.ScalarOrder;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/** DynamoDB's ordering and comparison of scalar values, for keys and conditions. */
final class Values {

  /** Orders key values: numbers numerically, strings by their UTF-8 bytes (as DynamoDB does). */
  static final Comparator<Object> KEY_ORDER = Values::compareKeys;

  /** Orders tuples of key values element by element. */
  static final Comparator<List<Object>> TUPLE_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareKeys(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private Values() {
  }

  /**
   * Evaluates {@code left op right} with DynamoDB's rules: operands of different types are
   * never equal and never ordered; only numbers and strings are ordered.
   */
  static boolean compare(Object left, Condition.Op op, Object right) {
    boolean sameType = left.getClass() == right.getClass()
        || (left instanceof java.util.Map && right instanceof java.util.Map)
        || (left instanceof List && right instanceof List);
    switch (op) {
      case EQ:
        return sameType && equal(left, right);
      case NE:
        return !(sameType && equal(left, right));
      default:
        if (!sameType || !(left instanceof String || left instanceof BigDecimal)) {
          return false;
        }
        int c = compareKeys(left, right);
        return switch (op) {
          case LT -> c < 0;
          case LE -> c <= 0;
          case GT -> c > 0;
          case GE -> c >= 0;
          default -> throw new IllegalStateException(op.name());
        };
    }
  }

  // Equality with numbers compared by value.
  private static boolean equal(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return a.equals(b);
  }

  // Compares two key values: same types by DynamoDB's order, a string after a number.
  private static int compareKeys(Object a, Object b) {
    if ((a instanceof BigDecimal && b instanceof BigDecimal) || (a instanceof String && b instanceof String)) {
      return ScalarOrder.compare(a, b);
    }
    if (a instanceof String) {
      return 1;
    }
    if (b instanceof String) {
      return -1;
    }
    throw new IllegalArgumentException("key values must be strings or numbers: " + a + ", " + b);
  }

  /** Whether a string begins with a prefix, as begins_with does. */
  static boolean beginsWith(Object value, String prefix) {
    return value instanceof String s && s.startsWith(prefix);
  }
}
