package io.datalakewlm.workers.store.memory;

import io.datalakewlm.workers.store.AttributePath;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.IndexDefinition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.KeyAttribute;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.SortCondition;
import io.datalakewlm.workers.store.TableDefinition;
import io.datalakewlm.workers.store.Update;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One table of the in-memory store: items by primary key plus one sorted view per global
 * secondary index. Every operation holds the table's monitor, so each is atomic like a
 * single-item DynamoDB write; index views are updated in the same step (the twin's indexes are
 * never stale, DynamoDB's may lag a little).
 */
final class MemoryTable {

  private static final String INVALID_PATH =
      "The document path provided in the update expression is invalid for update: ";

  private final TableDefinition definition;
  /** partition value -> (sort tuple -> item); the sort tuple is empty for hash-only tables. */
  private final Map<Object, TreeMap<List<Object>, Item>> items = new HashMap<>();
  /** partition value -> its items in key order, for the partitions read by runs of sort keys. */
  private final Map<Object, PartitionRun> runs = new HashMap<>();
  /** index -> partition value -> ((index sort, table keys...) -> item). */
  private final Map<String, Map<Object, TreeMap<List<Object>, Item>>> indexes = new HashMap<>();

  MemoryTable(TableDefinition definition) {
    this.definition = definition;
    for (IndexDefinition index : definition.indexes()) {
      indexes.put(index.name(), new HashMap<>());
    }
  }

  synchronized Optional<Item> get(Key key) {
    TreeMap<List<Object>, Item> partition = items.get(partitionValue(key.values()));
    return partition == null ? Optional.empty() : Optional.ofNullable(partition.get(sortTuple(key.values())));
  }

  synchronized boolean put(Item item, Condition condition) {
    Key key = definition.keyOf(item);
    Optional<Item> current = get(key);
    if (!Conditions.holds(condition, current.orElse(null))) {
      return false;
    }
    current.ifPresent(this::unindex);
    store(item);
    return true;
  }

  synchronized Optional<Item> update(Key key, Update update, Condition condition) {
    checkKey(key);
    Optional<Item> current = get(key);
    if (!Conditions.holds(condition, current.orElse(null))) {
      return Optional.empty();
    }
    Map<String, Object> next = new LinkedHashMap<>(current.map(Item::attributes).orElse(key.values()));
    for (Update.Action action : update.actions()) {
      if (definition.isKeyAttribute(action.path().attribute())) {
        throw new IllegalArgumentException("Cannot update attribute " + action.path().attribute()
            + ". This attribute is part of the key");
      }
      apply(next, action);
    }
    Item updated = Item.of(next);
    current.ifPresent(this::unindex);
    store(updated);
    return Optional.of(updated);
  }

  synchronized Optional<Item> replace(Key key, UnaryOperator<Optional<Item>> change) {
    checkKey(key);
    Optional<Item> current = get(key);
    Optional<Item> next = change.apply(current);
    if (next.isPresent() && !definition.keyOf(next.get()).equals(key)) {
      throw new IllegalArgumentException("a replacement must keep the key " + key.values() + ": " + next.get());
    }
    if (next.isPresent()) {
      current.ifPresent(this::unindex);
      store(next.get());
    } else if (current.isPresent()) {
      delete(key, Condition.always());
    }
    return current;
  }

  synchronized boolean delete(Key key, Condition condition) {
    checkKey(key);
    Optional<Item> current = get(key);
    if (!Conditions.holds(condition, current.orElse(null))) {
      return false;
    }
    current.ifPresent(item -> {
      unindex(item);
      TreeMap<List<Object>, Item> partition = items.get(partitionValue(key.values()));
      partition.remove(sortTuple(key.values()));
      PartitionRun run = runs.get(partitionValue(key.values()));
      if (run != null) {
        run.remove(sortTuple(key.values()));
      }
      if (partition.isEmpty()) {
        items.remove(partitionValue(key.values()));
        runs.remove(partitionValue(key.values()));
      }
    });
    return true;
  }

  synchronized Page query(Query query) {
    KeyAttribute partitionKey;
    KeyAttribute sortKey;
    NavigableMap<List<Object>, Item> partition;
    if (query.index() == null) {
      partitionKey = definition.partition();
      sortKey = definition.sort();
      partition = items.get(query.partitionValue());
    } else {
      IndexDefinition index = definition.index(query.index());
      partitionKey = index.partition();
      sortKey = index.sort();
      partition = indexes.get(index.name()).get(query.partitionValue());
    }
    if (query.sort() != null && sortKey == null) {
      throw new IllegalArgumentException("a sort condition needs a sort key");
    }
    if (partition == null) {
      return new Page(List.of(), null);
    }
    String prefix = query.ascending() && query.sort() instanceof SortCondition.BeginsWith b
        && "S".equals(sortKey.type()) ? b.prefix() : null;
    String pastPrefix = prefix == null ? null : pastPrefix(prefix);
    if (pastPrefix != null && query.index() == null) {
      return run(query, partition, prefix, pastPrefix, partitionKey, sortKey);
    }
    NavigableMap<List<Object>, Item> ordered = query.ascending() ? partition : partition.descendingMap();
    List<Object> start = query.startAfter() == null ? null : startTuple(query, sortKey);
    if (prefix != null && (start == null || Values.TUPLE_ORDER.compare(start, List.of(prefix)) < 0)) {
      // the strings with a prefix sort at or after the prefix itself: skip those before it
      ordered = ordered.tailMap(List.of(prefix), true);
    } else if (start != null) {
      ordered = ordered.tailMap(start, false);
    }
    if (pastPrefix != null) {
      // the strings with the prefix sort before the first string past it: the range holds exactly
      // them, so no entry of it needs testing
      ordered = ordered.headMap(List.of(pastPrefix), false);
    }
    boolean test = query.sort() != null && pastPrefix == null;
    List<Item> result = new ArrayList<>(Math.min(query.limit(), partition.size()));
    Item last = null;
    boolean matched = false;
    for (Map.Entry<List<Object>, Item> entry : ordered.entrySet()) {
      Item item = entry.getValue();
      // the sort value leads the entry's tuple (table: (sort); index: (index sort, table keys...))
      Object sortValue = sortKey == null ? null : entry.getKey().get(0);
      if (test && !matches(query.sort(), sortValue)) {
        if (pastRange(query.sort(), sortValue, query.ascending(), matched)) {
          break;
        }
        continue;
      }
      matched = true;
      result.add(item);
      last = item;
      if (result.size() == query.limit()) {
        break;
      }
    }
    Key lastEvaluated = result.size() == query.limit() ? lastEvaluatedKey(last, partitionKey, sortKey) : null;
    return new Page(result, lastEvaluated);
  }

  // A query of a table partition's sort keys with a prefix: its run of items, found by binary search.
  private Page run(Query query, Map<List<Object>, Item> partition, String prefix, String pastPrefix,
                   KeyAttribute partitionKey, KeyAttribute sortKey) {
    PartitionRun run = runs.computeIfAbsent(query.partitionValue(), p -> new PartitionRun(partition));
    int from = run.from(List.of(prefix), true);
    if (query.startAfter() != null) {
      from = Math.max(from, run.from(startTuple(query, sortKey), false));
    }
    int to = (int) Math.min(run.from(List.of(pastPrefix), true), (long) from + query.limit());
    List<Item> result = new ArrayList<>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      result.add(run.item(i));
    }
    Key lastEvaluated = result.size() == query.limit()
        ? lastEvaluatedKey(result.get(result.size() - 1), partitionKey, sortKey) : null;
    return new Page(result, lastEvaluated);
  }

  // Adds an item to the table and to every index whose key attributes it has.
  private void store(Item item) {
    Object partitionValue = item.get(definition.partition().name());
    List<Object> sortTuple = sortTuple(item.attributes());
    items.computeIfAbsent(partitionValue, p -> new TreeMap<>(Values.TUPLE_ORDER)).put(sortTuple, item);
    PartitionRun run = runs.get(partitionValue);
    if (run != null) {
      run.put(sortTuple, item);
    }
    for (IndexDefinition index : definition.indexes()) {
      List<Object> tuple = indexTuple(index, item);
      if (tuple != null) {
        indexes.get(index.name())
            .computeIfAbsent(item.get(index.partition().name()), p -> new TreeMap<>(Values.TUPLE_ORDER))
            .put(tuple, item);
      }
    }
  }

  // Removes an item's index entries (the table entry is replaced or removed by the caller).
  private void unindex(Item item) {
    for (IndexDefinition index : definition.indexes()) {
      List<Object> tuple = indexTuple(index, item);
      if (tuple != null) {
        Map<Object, TreeMap<List<Object>, Item>> byPartition = indexes.get(index.name());
        Object p = item.get(index.partition().name());
        TreeMap<List<Object>, Item> partition = byPartition.get(p);
        partition.remove(tuple);
        if (partition.isEmpty()) {
          byPartition.remove(p);
        }
      }
    }
  }

  // (index sort value, table partition, table sort) or null when the item is not in the index.
  private List<Object> indexTuple(IndexDefinition index, Item item) {
    if (!hasKey(item, index.partition()) || (index.sort() != null && !hasKey(item, index.sort()))) {
      return null;
    }
    List<Object> tuple = new ArrayList<>();
    if (index.sort() != null) {
      tuple.add(item.get(index.sort().name()));
    }
    tuple.add(item.get(definition.partition().name()));
    tuple.addAll(sortTuple(item.attributes()));
    return tuple;
  }

  // Whether an item holds a key attribute of the declared type (others are left out of indexes, as DynamoDB refuses them).
  private static boolean hasKey(Item item, KeyAttribute key) {
    Object v = item.get(key.name());
    return "S".equals(key.type()) ? v instanceof String : v instanceof BigDecimal;
  }

  // The position to resume after, from a last evaluated key.
  private List<Object> startTuple(Query query, KeyAttribute sortKey) {
    Map<String, Object> k = query.startAfter().values();
    if (query.index() == null) {
      return sortTuple(k);
    }
    List<Object> tuple = new ArrayList<>();
    if (sortKey != null) {
      tuple.add(k.get(sortKey.name()));
    }
    tuple.add(k.get(definition.partition().name()));
    tuple.addAll(sortTuple(k));
    return tuple;
  }

  // The key attributes DynamoDB returns as LastEvaluatedKey: the table key plus the index key.
  private Key lastEvaluatedKey(Item item, KeyAttribute partitionKey, KeyAttribute sortKey) {
    Map<String, Object> values = new LinkedHashMap<>(definition.keyOf(item).values());
    values.put(partitionKey.name(), item.get(partitionKey.name()));
    if (sortKey != null) {
      values.put(sortKey.name(), item.get(sortKey.name()));
    }
    return new Key(values);
  }

  // The table's partition value in a key or item.
  private Object partitionValue(Map<String, Object> values) {
    return values.get(definition.partition().name());
  }

  // The table's sort value as a one-element tuple, or an empty tuple for hash-only tables.
  private List<Object> sortTuple(Map<String, Object> values) {
    return definition.sort() == null ? List.of() : List.of(values.get(definition.sort().name()));
  }

  // Rejects keys that do not name exactly the table's key attributes.
  private void checkKey(Key key) {
    int expected = definition.sort() == null ? 1 : 2;
    if (key.values().size() != expected || !key.values().containsKey(definition.partition().name())
        || (definition.sort() != null && !key.values().containsKey(definition.sort().name()))) {
      throw new IllegalArgumentException("The provided key element does not match the schema: " + key.values());
    }
  }

  /**
   * The least string after every string that begins with {@code prefix}, in DynamoDB's order (by
   * UTF-8 bytes): the prefix with its last byte raised by one, when that byte is ASCII below DEL;
   * null for other prefixes (their entries are tested one by one).
   */
  static String pastPrefix(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    char last = prefix.charAt(prefix.length() - 1);
    return last < 0x7F ? prefix.substring(0, prefix.length() - 1) + (char) (last + 1) : null;
  }

  // Whether a sort value satisfies a key condition.
  private static boolean matches(SortCondition condition, Object value) {
    if (condition instanceof SortCondition.Compare c) {
      return Values.compare(value, c.op(), c.value());
    }
    if (condition instanceof SortCondition.Between b) {
      return Values.compare(value, Condition.Op.GE, b.low()) && Values.compare(value, Condition.Op.LE, b.high());
    }
    return Values.beginsWith(value, ((SortCondition.BeginsWith) condition).prefix());
  }

  // Whether iteration has passed every value the condition can match (an early stop).
  private static boolean pastRange(SortCondition condition, Object value, boolean ascending, boolean matched) {
    if (condition instanceof SortCondition.Compare c) {
      return switch (c.op()) {
        case LT, LE, EQ -> ascending;
        case GT, GE -> !ascending;
        default -> false;
      };
    }
    if (condition instanceof SortCondition.Between b) {
      return ascending ? Values.compare(value, Condition.Op.GT, b.high()) : Values.compare(value, Condition.Op.LT, b.low());
    }
    // begins_with: the strings with a prefix are contiguous in key order, so a miss after a match ends them
    return matched;
  }

  // Applies one update action to a mutable copy of the item.
  private static void apply(Map<String, Object> item, Update.Action action) {
    AttributePath path = action.path();
    Map<String, Object> parent = parentForWrite(item, path);
    if (parent == null) {
      throw new IllegalArgumentException(INVALID_PATH + path);
    }
    String name = path.last();
    if (action instanceof Update.Set set) {
      parent.put(name, set.value());
    } else if (action instanceof Update.SetIfAbsent set) {
      parent.putIfAbsent(name, set.value());
    } else if (action instanceof Update.Add add) {
      Object current = parent.get(name);
      if (current != null && !(current instanceof BigDecimal)) {
        throw new IllegalArgumentException("An operand in the update expression has an incorrect data type: " + path);
      }
      BigDecimal base = current == null ? BigDecimal.ZERO : (BigDecimal) current;
      parent.put(name, base.add(add.delta()));
    } else {
      parent.remove(name);
    }
  }

  // The mutable map that holds the path's last segment, copying nested maps on the way; null if a parent is missing.
  @SuppressWarnings("unchecked")
  private static Map<String, Object> parentForWrite(Map<String, Object> item, AttributePath path) {
    Map<String, Object> current = item;
    for (int i = 0; i < path.segments().size() - 1; i++) {
      Object child = current.get(path.segments().get(i));
      if (!(child instanceof Map)) {
        return null;
      }
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) child);
      current.put(path.segments().get(i), copy);
      current = copy;
    }
    return current;
  }
}
