package io.datalakewlm.simulator.wlm;

import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.dynamodb.DynamoDbClients;
import io.datalakewlm.workers.store.dynamodb.DynamoDbStore;
import io.datalakewlm.workers.store.memory.InMemoryStore;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the {@code wlm} strategy keeps the workers' state: the in-memory twin (the embedded
 * default, fastest) or a real DynamoDB API — a dynalite on loopback or an AWS account — through the
 * same store interface the deployed workers use. Each run gets fresh tables: on DynamoDB, tables
 * of their own environment suffix ({@code sim1}, {@code sim2}, …), created for the run.
 */
@FunctionalInterface
public interface StateStore {
  /** A store with empty tables for one strategy run; the caller closes it. */
  Store open();

  /** The in-memory twin. */
  StateStore MEMORY = () -> new InMemoryStore(TableDefinitions.fromClasspath());

  /** DynamoDB at {@code endpoint} (dynalite or AWS's regional endpoint) in {@code region}. */
  static StateStore dynamoDb(URI endpoint, String region) {
    AtomicInteger runs = new AtomicInteger();
    return () -> {
      DynamoDbClient client = DynamoDbClients.create(endpoint, region, List.of());
      DynamoDbStore store = new DynamoDbStore(client, TableDefinitions.fromClasspath(),
          "sim" + ProcessHandle.current().pid() + "x" + runs.incrementAndGet(), true);
      store.createTables();
      return store;
    };
  }
}
