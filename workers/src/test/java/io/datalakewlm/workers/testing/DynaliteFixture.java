package io.datalakewlm.workers.testing;

import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.dynamodb.DynamoDbClients;
import io.datalakewlm.workers.store.dynamodb.DynamoDbStore;
import io.datalakewlm.workers.store.dynamodb.Dynalite;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Stores on ONE dynalite server per test JVM (started on first use, stopped at JVM exit), each
 * store with its own environment suffix so its tables are new and empty.
 */
public final class DynaliteFixture implements StoreFixture {

  private static final TableDefinitions DEFINITIONS = TableDefinitions.fromClasspath();
  private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();
  private static Dynalite server;
  private static DynamoDbClient client;

  /** The shared server's client, starting the server on first use. */
  public static synchronized DynamoDbClient client() {
    if (server == null) {
      server = Dynalite.start();
      client = DynamoDbClients.create(server.endpoint(), "us-east-1", List.of());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        client.close();
        server.close();
      }, "dynalite-stop"));
    }
    return client;
  }

  /** The shared server's endpoint (for tests that speak DynamoDB's JSON protocol themselves), starting it on first use. */
  public static synchronized java.net.URI endpoint() {
    client();
    return server.endpoint();
  }

  @Override
  public int concurrencyOps() {
    return 160;
  }

  @Override
  public Store newStore() {
    DynamoDbStore store = new DynamoDbStore(client(), DEFINITIONS, "t" + ENVIRONMENTS.incrementAndGet(), false);
    store.createTables();
    return store;
  }
}
