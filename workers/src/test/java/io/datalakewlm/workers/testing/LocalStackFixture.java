package io.datalakewlm.workers.testing;

import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.dynamodb.DynamoDbClients;
import io.datalakewlm.workers.store.dynamodb.DynamoDbStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Stores on one LocalStack container per test JVM, where a Docker engine exists. The LocalStack
 * test classes ask {@link #dockerAvailable()} first and are skipped, with that reason, without it.
 */
public final class LocalStackFixture implements StoreFixture {

  private static final TableDefinitions DEFINITIONS = TableDefinitions.fromClasspath();
  private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();
  private static LocalStackContainer container;
  private static DynamoDbClient client;

  /** Whether a Docker engine answers; false quickly when there is none. */
  public static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static synchronized DynamoDbClient client() {
    if (container == null) {
      container = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
          .withServices(LocalStackContainer.Service.DYNAMODB);
      container.start();
      client = DynamoDbClients.create(container.getEndpoint(), container.getRegion(), List.of());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        client.close();
        container.stop();
      }, "localstack-stop"));
    }
    return client;
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
