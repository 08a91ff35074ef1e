package io.datalakewlm.workers.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The key schema and indexes of one table, as declared in {@code sam-template.yaml}.
 *
 * @param sort null for a table keyed by its partition key alone
 */
public record TableDefinition(Table table, String logicalId, KeyAttribute partition, KeyAttribute sort,
                              List<IndexDefinition> indexes) {

  public TableDefinition {
    Objects.requireNonNull(table);
    Objects.requireNonNull(partition);
    indexes = List.copyOf(indexes);
  }

  /** The primary key of an item of this table; fails when a key attribute is missing. */
  public Key keyOf(Item item) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(partition.name(), require(item, partition));
    if (sort != null) {
      values.put(sort.name(), require(item, sort));
    }
    return new Key(values);
  }

  public IndexDefinition index(String name) {
    for (IndexDefinition index : indexes) {
      if (index.name().equals(name)) {
        return index;
      }
    }
    throw new IllegalArgumentException("table " + table.baseName() + " has no index " + name);
  }

  /** Whether an attribute is part of the table's primary key (which an update cannot change). */
  public boolean isKeyAttribute(String attribute) {
    return partition.name().equals(attribute) || (sort != null && sort.name().equals(attribute));
  }

  // A key attribute's value, checked against the declared type.
  private static Object require(Item item, KeyAttribute key) {
    Object value = item.get(key.name());
    if (value == null) {
      throw new IllegalArgumentException("item lacks key attribute " + key.name() + ": " + item);
    }
    boolean ok = "S".equals(key.type()) ? value instanceof String : value instanceof java.math.BigDecimal;
    if (!ok) {
      throw new IllegalArgumentException("key attribute " + key.name() + " must be of type " + key.type() + ": " + value);
    }
    return value;
  }
}
