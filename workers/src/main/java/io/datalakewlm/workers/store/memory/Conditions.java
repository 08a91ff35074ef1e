package io.datalakewlm.workers.store.memory;

import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import java.util.Optional;

/** Evaluates condition expressions against the current item (null when there is none). */
final class Conditions {

  private Conditions() {
  }

  static boolean holds(Condition condition, Item item) {
    if (condition instanceof Condition.Always) {
      return true;
    }
    if (condition instanceof Condition.Exists e) {
      return value(item, e.path()).isPresent();
    }
    if (condition instanceof Condition.NotExists e) {
      return value(item, e.path()).isEmpty();
    }
    if (condition instanceof Condition.Compare c) {
      Optional<Object> left = value(item, c.path());
      return left.isPresent() && Values.compare(left.get(), c.op(), c.value());
    }
    if (condition instanceof Condition.CompareAttributes c) {
      Optional<Object> left = value(item, c.left());
      Optional<Object> right = value(item, c.right());
      return left.isPresent() && right.isPresent() && Values.compare(left.get(), c.op(), right.get());
    }
    if (condition instanceof Condition.And and) {
      return and.all().stream().allMatch(c -> holds(c, item));
    }
    if (condition instanceof Condition.Or or) {
      return or.any().stream().anyMatch(c -> holds(c, item));
    }
    return !holds(((Condition.Not) condition).condition(), item);
  }

  // The value at a path of a possibly missing item.
  private static Optional<Object> value(Item item, io.datalakewlm.workers.store.AttributePath path) {
    return item == null ? Optional.empty() : item.at(path);
  }
}
