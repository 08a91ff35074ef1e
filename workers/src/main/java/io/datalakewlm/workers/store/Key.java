package io.datalakewlm.workers.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The primary key of an item (partition value, and sort value for tables that have one), or,
 * as a page's last evaluated key, every key attribute needed to resume a query.
 */
public record Key(Map<String, Object> values) {

  public Key {
    Objects.requireNonNull(values, "values");
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one attribute");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, Item.normalise(Objects.requireNonNull(v, "key value of " + k))));
    values = java.util.Collections.unmodifiableMap(copy);
  }

  public static Key of(String name, Object value) {
    return new Key(Map.of(name, value));
  }

  public static Key of(String partitionName, Object partitionValue, String sortName, Object sortValue) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(partitionName, partitionValue);
    values.put(sortName, sortValue);
    return new Key(values);
  }
}
