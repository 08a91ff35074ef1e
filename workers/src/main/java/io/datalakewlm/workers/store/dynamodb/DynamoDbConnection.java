package io.datalakewlm.workers.store.dynamodb;

import io.datalakewlm.workers.store.StoreException;
import io.datalakewlm.workers.store.TableDefinitions;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A {@link DynamoDbStore} together with what it runs on, closed together: AWS, an endpoint that
 * replaces AWS's (dynalite, LocalStack), or a dynalite server started for this connection alone
 * (its tables are created, and its data ends with it). {@code wlm workers} and the operators'
 * commands open their store through here.
 */
public final class DynamoDbConnection implements AutoCloseable {

  private final Dynalite dynalite;
  private final DynamoDbClient client;
  private final DynamoDbStore store;
  private final URI endpoint;

  private DynamoDbConnection(Dynalite dynalite, DynamoDbClient client, DynamoDbStore store, URI endpoint) {
    this.dynalite = dynalite;
    this.client = client;
    this.store = store;
    this.endpoint = endpoint;
  }

  /**
   * Opens a connection.
   *
   * @param endpoint null for AWS (or for the dynalite started when {@code startDynalite})
   * @param startDynalite start a dynalite server for this connection (then {@code endpoint} must be null)
   * @param createTables create the tables that do not exist yet (always done on a started dynalite)
   * @param tableSuffix the tables are {@code <base>-<tableSuffix>}
   */
  public static DynamoDbConnection open(URI endpoint, boolean startDynalite, boolean createTables, Region region,
                                        String tableSuffix) {
    Objects.requireNonNull(region);
    Objects.requireNonNull(tableSuffix);
    if (startDynalite && endpoint != null) {
      throw new IllegalArgumentException("give a DynamoDB endpoint or start a dynalite, not both");
    }
    Dynalite started = startDynalite ? Dynalite.start() : null;
    URI target = started != null ? started.endpoint() : endpoint;
    DynamoDbClient client = null;
    try {
      client = DynamoDbClients.create(target, region.id(), List.of());
      DynamoDbStore store = new DynamoDbStore(client, TableDefinitions.fromClasspath(), tableSuffix, false);
      if (startDynalite || createTables) {
        store.createTables();
      }
      return new DynamoDbConnection(started, client, store, target);
    } catch (RuntimeException e) {
      if (client != null) {
        client.close();
      }
      if (started != null) {
        started.close();
      }
      throw e instanceof StoreException ? e : new StoreException("cannot open DynamoDB at "
          + (target == null ? "AWS " + region.id() : target) + ": " + e.getMessage(), e);
    }
  }

  public DynamoDbStore store() {
    return store;
  }

  /** The endpoint in use, null for AWS. */
  public URI endpoint() {
    return endpoint;
  }

  /** Whether the data lives in a dynalite started for this connection (and ends with it). */
  public boolean ephemeral() {
    return dynalite != null;
  }

  @Override
  public void close() {
    client.close();
    if (dynalite != null) {
      dynalite.close();
    }
  }
}
