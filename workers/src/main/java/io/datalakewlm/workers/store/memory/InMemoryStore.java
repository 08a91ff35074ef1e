package io.datalakewlm.workers.store.memory;

import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.Update;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The in-memory twin of the DynamoDB store, for unit tests and fast simulation. It keeps the
 * same tables, keys and sparse indexes (from {@code sam-template.yaml}) and the same
 * single-item atomicity, and passes the same contract tests; it differs only where DynamoDB is
 * weaker (its indexes are always current) and it enforces no item-size or throughput limits.
 */
public final class InMemoryStore implements Store {

  private final Map<Table, MemoryTable> tables = new EnumMap<>(Table.class);
  private final TableDefinitions definitions;

  public InMemoryStore(TableDefinitions definitions) {
    this.definitions = definitions;
    for (Table table : Table.values()) {
      tables.put(table, new MemoryTable(definitions.get(table)));
    }
  }

  /** A store with the tables of the packaged template. */
  public InMemoryStore() {
    this(TableDefinitions.fromClasspath());
  }

  /** The tables' keys and indexes. */
  public TableDefinitions definitions() {
    return definitions;
  }

  /**
   * One single-item write decided on the current item, atomically (as DynamoDB evaluates a
   * request's condition and update on the item it changes): {@code change} gets the current item
   * and returns the item to store, or empty to delete it; an exception it throws leaves the item
   * as it was. Used by the DynamoDB API twin, whose expressions the {@link Store} interface does
   * not model.
   *
   * @return the item before the change
   */
  public Optional<Item> replace(Table table, Key key, UnaryOperator<Optional<Item>> change) {
    return tables.get(table).replace(key, change);
  }

  @Override
  public Optional<Item> get(Table table, Key key) {
    return tables.get(table).get(key);
  }

  @Override
  public boolean put(Table table, Item item, Condition condition) {
    return tables.get(table).put(item, condition);
  }

  @Override
  public Optional<Item> update(Table table, Key key, Update update, Condition condition) {
    return tables.get(table).update(key, update, condition);
  }

  @Override
  public boolean delete(Table table, Key key, Condition condition) {
    return tables.get(table).delete(key, condition);
  }

  @Override
  public Page query(Query query) {
    return tables.get(query.table()).query(query);
  }

  @Override
  public void close() {
    // nothing to release
  }
}
