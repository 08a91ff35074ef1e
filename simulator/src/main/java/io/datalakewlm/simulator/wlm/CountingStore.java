package io.datalakewlm.simulator.wlm;

import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import java.util.Optional;

/**
 * Counts the DynamoDB requests the workers make, whatever store serves them: reads (GetItem,
 * Query pages) and writes (PutItem, UpdateItem, DeleteItem, including conditional ones that fail,
 * which DynamoDB bills too). The report prices them as on-demand request units, one per request
 * (the workers' items are small).
 */
public final class CountingStore implements Store {
  private final Store store;
  private long reads;
  private long writes;

  public CountingStore(Store store) {
    this.store = store;
  }

  public long reads() {
    return reads;
  }

  public long writes() {
    return writes;
  }

  @Override
  public Optional<Item> get(Table table, Key key) {
    reads++;
    return store.get(table, key);
  }

  @Override
  public boolean put(Table table, Item item, Condition condition) {
    writes++;
    return store.put(table, item, condition);
  }

  @Override
  public Optional<Item> update(Table table, Key key, Update update, Condition condition) {
    writes++;
    return store.update(table, key, update, condition);
  }

  @Override
  public boolean delete(Table table, Key key, Condition condition) {
    writes++;
    return store.delete(table, key, condition);
  }

  @Override
  public Page query(Query query) {
    reads++;
    return store.query(query);
  }

  @Override
  public void close() {
    store.close();
  }
}
