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

/**
 * The in-memory twin of the DynamoDB store, for unit tests and fast simulation. It keeps the
 * same tables, keys and sparse indexes (from {@code sam-template.yaml}) and the same
 * single-item atomicity, and passes the same contract tests; it differs only where DynamoDB is
 * weaker (its indexes are always current) and it enforces no item-size or throughput limits.
 */
public final class InMemoryStore implements Store {

  private final Map<Table, MemoryTable> tables = new EnumMap<>(Table.class);

  public InMemoryStore(TableDefinitions definitions) {
    for (Table table : Table.values()) {
      tables.put(table, new MemoryTable(definitions.get(table)));
    }
  }

  /** A store with the tables of the packaged template. */
  public InMemoryStore() {
    this(TableDefinitions.fromClasspath());
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
