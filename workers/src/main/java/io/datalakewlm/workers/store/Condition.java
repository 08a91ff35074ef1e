package io.datalakewlm.workers.store;

import java.util.List;
import java.util.Objects;

/**
 * A condition on the current state of one item, evaluated atomically with the write it guards
 * (DynamoDB's ConditionExpression). A comparison with a missing attribute is false, as in
 * DynamoDB; say {@code notExists(p) or ...} explicitly when absence should pass.
 */
public sealed interface Condition {

  /** Comparison operators of condition expressions. */
  enum Op { EQ, NE, LT, LE, GT, GE }

  /** Always true: an unconditional write. */
  record Always() implements Condition { }

  record Exists(AttributePath path) implements Condition {
    public Exists { Objects.requireNonNull(path); }
  }

  record NotExists(AttributePath path) implements Condition {
    public NotExists { Objects.requireNonNull(path); }
  }

  /** {@code path op value}; the value is normalised like an item attribute. */
  record Compare(AttributePath path, Op op, Object value) implements Condition {
    public Compare {
      Objects.requireNonNull(path);
      Objects.requireNonNull(op);
      value = Item.normalise(Objects.requireNonNull(value));
    }
  }

  /** {@code left op right}, two attributes of the same item (e.g. count &lt; limit). */
  record CompareAttributes(AttributePath left, Op op, AttributePath right) implements Condition {
    public CompareAttributes {
      Objects.requireNonNull(left);
      Objects.requireNonNull(op);
      Objects.requireNonNull(right);
    }
  }

  record And(List<Condition> all) implements Condition {
    public And { all = List.copyOf(all); }
  }

  record Or(List<Condition> any) implements Condition {
    public Or { any = List.copyOf(any); }
  }

  record Not(Condition condition) implements Condition {
    public Not { Objects.requireNonNull(condition); }
  }

  static Condition always() {
    return new Always();
  }

  static Condition exists(String name, String... mapKeys) {
    return new Exists(AttributePath.of(name, mapKeys));
  }

  static Condition notExists(String name, String... mapKeys) {
    return new NotExists(AttributePath.of(name, mapKeys));
  }

  static Condition eq(String name, Object value) {
    return new Compare(AttributePath.of(name), Op.EQ, value);
  }

  static Condition compare(AttributePath path, Op op, Object value) {
    return new Compare(path, op, value);
  }

  static Condition and(Condition... all) {
    return new And(List.of(all));
  }

  static Condition or(Condition... any) {
    return new Or(List.of(any));
  }

  static Condition not(Condition condition) {
    return new Not(condition);
  }
}
