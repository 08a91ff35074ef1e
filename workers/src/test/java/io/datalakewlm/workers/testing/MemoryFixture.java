package io.datalakewlm.workers.testing;

import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.memory.InMemoryStore;

/** Fresh in-memory stores. */
public final class MemoryFixture implements StoreFixture {

  private static final TableDefinitions DEFINITIONS = TableDefinitions.fromClasspath();

  @Override
  public Store newStore() {
    return new InMemoryStore(DEFINITIONS);
  }
}
