package io.datalakewlm.workers.testing;

import io.datalakewlm.workers.store.Store;

/** Makes fresh, isolated stores of one kind for a contract test. */
public interface StoreFixture {

  /** A new store with empty tables; the caller closes it. */
  Store newStore();

  /** How many operations a concurrency test spreads over its threads (a remote store gets fewer). */
  default int concurrencyOps() {
    return 800;
  }

  /** Whether the store's indexes may lag behind writes (DynamoDB GSIs); the twin's never do. */
  default boolean indexesMayLag() {
    return false;
  }
}
