package io.datalakewlm.workers.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The changes of one UpdateItem, applied atomically: SET, SET if absent, ADD (numbers; a missing
 * attribute counts as 0) and REMOVE. As in DynamoDB, two actions may not touch overlapping paths
 * and a nested path can only be written when its parent map exists.
 */
public record Update(List<Action> actions) {

  /** One action of an update expression. */
  public sealed interface Action {
    AttributePath path();
  }

  public record Set(AttributePath path, Object value) implements Action {
    public Set {
      Objects.requireNonNull(path);
      value = Item.normalise(Objects.requireNonNull(value));
    }
  }

  /** {@code SET path = if_not_exists(path, value)}. */
  public record SetIfAbsent(AttributePath path, Object value) implements Action {
    public SetIfAbsent {
      Objects.requireNonNull(path);
      value = Item.normalise(Objects.requireNonNull(value));
    }
  }

  /** ADD of a number; DynamoDB allows it on top-level attributes only. */
  public record Add(AttributePath path, BigDecimal delta) implements Action {
    public Add {
      Objects.requireNonNull(path);
      if (!path.isTopLevel()) {
        throw new IllegalArgumentException("ADD works on top-level attributes only: " + path);
      }
      delta = (BigDecimal) Item.normalise(Objects.requireNonNull(delta));
    }
  }

  public record Remove(AttributePath path) implements Action {
    public Remove { Objects.requireNonNull(path); }
  }

  public Update {
    actions = List.copyOf(actions);
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("an update needs at least one action");
    }
    for (int i = 0; i < actions.size(); i++) {
      for (int j = i + 1; j < actions.size(); j++) {
        if (actions.get(i).path().overlaps(actions.get(j).path())) {
          throw new IllegalArgumentException("two update actions overlap: "
              + actions.get(i).path() + " and " + actions.get(j).path());
        }
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects actions; the record validates them on build. */
  public static final class Builder {
    private final List<Action> actions = new ArrayList<>();

    public Builder set(String name, Object value) {
      return set(AttributePath.of(name), value);
    }

    public Builder set(AttributePath path, Object value) {
      actions.add(new Set(path, value));
      return this;
    }

    public Builder setIfAbsent(String name, Object value) {
      actions.add(new SetIfAbsent(AttributePath.of(name), value));
      return this;
    }

    public Builder add(String name, long delta) {
      return add(AttributePath.of(name), BigDecimal.valueOf(delta));
    }

    public Builder add(AttributePath path, BigDecimal delta) {
      actions.add(new Add(path, delta));
      return this;
    }

    public Builder remove(String name, String... mapKeys) {
      return remove(AttributePath.of(name, mapKeys));
    }

    public Builder remove(AttributePath path) {
      actions.add(new Remove(path));
      return this;
    }

    public boolean isEmpty() {
      return actions.isEmpty();
    }

    public Update build() {
      return new Update(actions);
    }
  }
}
