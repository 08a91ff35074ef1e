package io.datalakewlm.workers.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.handler.ActivityException;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import io.datalakewlm.workers.store.dynamodb.DynamoDbAccess.Action;
import io.datalakewlm.workers.store.dynamodb.DynamoDbAccess.Grant;
import io.datalakewlm.workers.store.memory.InMemoryStore;
import io.datalakewlm.workers.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The declared DynamoDB access of the workers is what the handlers really do: every activity
 * runs, through its ordinary and its edge paths, over a store that records each call as the
 * DynamoDB action {@link DynamoDbStore} would send.
 */
class DynamoDbAccessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXEC = "arn:aws:states:eu-west-1:123456789012:execution:wlm-dispatcher-dev:run-1";
  private static final String OTHER = "arn:aws:states:eu-west-1:123456789012:execution:wlm-dispatcher-dev:run-2";

  /** A store that remembers which action each call is, on which table or index. */
  private static final class RecordingStore implements Store {
    private final Store inner;
    private final Set<Grant> seen = ConcurrentHashMap.newKeySet();

    RecordingStore(Store inner) {
      this.inner = inner;
    }

    @Override
    public Optional<Item> get(Table table, Key key) {
      seen.add(new Grant(Action.GET_ITEM, table, null));
      return inner.get(table, key);
    }

    @Override
    public boolean put(Table table, Item item, Condition condition) {
      seen.add(new Grant(Action.PUT_ITEM, table, null));
      return inner.put(table, item, condition);
    }

    @Override
    public Optional<Item> update(Table table, Key key, Update update, Condition condition) {
      seen.add(new Grant(Action.UPDATE_ITEM, table, null));
      return inner.update(table, key, update, condition);
    }

    @Override
    public boolean delete(Table table, Key key, Condition condition) {
      seen.add(new Grant(Action.DELETE_ITEM, table, null));
      return inner.delete(table, key, condition);
    }

    @Override
    public Page query(Query query) {
      seen.add(new Grant(Action.QUERY, query.table(), query.index()));
      return inner.query(query);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  void theHandlersUseExactlyTheDeclaredActionsTablesAndIndexes() throws IOException {
    InMemoryStore memory = new InMemoryStore();
    ManualClock clock = ManualClock.at("2024-03-01T08:00:00Z");
    Workers operator = new Workers(memory, clock, Workers.Settings.defaults());
    operator.priorities().put(new PriorityEntry("eng", new Priority(2), 1.0, 4, null));
    operator.datasets().put(new DatasetConfig("eng-agg", "aggregate", 1, Map.of(), Map.of(), Map.of(),
        Map.of("d1", "eng-legislators")));
    RecordingStore store = new RecordingStore(memory);
    Workers workers = new Workers(store, clock, new Workers.Settings(Duration.ZERO, Duration.ofDays(1)));

    call(workers, "Enqueue", "{\"objectKey\": \"raw/eng/legislators/a.csv\", \"team\": \"eng\", \"dataset\": \"legislators\"}");
    call(workers, "Enqueue", "{\"objectKey\": \"raw/eng/legislators/b.csv\", \"team\": \"eng\", \"dataset\": \"legislators\"}");
    call(workers, "Enqueue", "{\"objectKey\": \"raw/mkt/clicks/c.csv\", \"team\": \"mkt\", \"dataset\": \"clicks\"}");
    JsonNode batches = call(workers, "SelectBatch", "{\"executionId\": \"" + EXEC + "\"}").get("batches");
    JsonNode first = batches.get(0);
    JsonNode second = batches.get(1);

    String acquire = "{\"resource\": \"glue-job:heavy\", \"executionId\": \"" + EXEC + "\", \"holder\": \"h\", \"limit\": 1}";
    call(workers, "AcquireSlot", acquire);
    call(workers, "AcquireSlot", acquire); // again: renews the lease
    assertThrows(ActivityException.class, () -> call(workers, "AcquireSlot",
        "{\"resource\": \"glue-job:heavy\", \"executionId\": \"" + OTHER + "\"}"));
    call(workers, "ReleaseSlot", "{\"resource\": \"glue-job:heavy\", \"executionId\": \"" + EXEC + "\", \"holder\": \"h\"}");
    call(workers, "PaceCrawler", "{\"api\": \"glue:StartCrawler\", \"rate\": 1, \"burst\": 2}");
    call(workers, "PaceCrawler", "{\"api\": \"glue:StartCrawler\"}");

    call(workers, "RenewLease", "{\"executionId\": \"" + EXEC + "\", \"batch\": " + first + "}");
    call(workers, "Complete", "{\"executionId\": \"" + EXEC + "\", \"batch\": " + first + "}");
    call(workers, "Fail", "{\"executionId\": \"" + EXEC + "\", \"batch\": " + second
        + ", \"error\": \"Glue.EntityNotFoundException\", \"cause\": \"no job\", \"maxAttempts\": 1}");
    call(workers, "CheckDependencies", "{\"dataset\": \"eng-agg\"}");

    // a second execution leases, dies and is reaped; a third lease expires and is swept
    call(workers, "Enqueue", "{\"objectKey\": \"raw/eng/legislators/d.csv\", \"team\": \"eng\", \"dataset\": \"legislators\"}");
    call(workers, "SelectBatch", "{\"executionId\": \"" + OTHER + "\"}");
    call(workers, "AcquireSlot", "{\"resource\": \"glue-account\", \"executionId\": \"" + OTHER + "\", \"limit\": 5}");
    call(workers, "Reap", "{\"executionId\": \"" + OTHER + "\", \"status\": \"FAILED\"}");
    call(workers, "SelectBatch", "{\"executionId\": \"" + EXEC + "\", \"leaseSeconds\": 60}");
    clock.advance(Duration.ofHours(1));
    call(workers, "Reap", "{}");
    // lanes left empty are pruned once their grace has passed
    call(workers, "SelectBatch", "{\"executionId\": \"" + EXEC + "\"}");
    clock.advance(Duration.ofHours(1));
    call(workers, "SelectBatch", "{\"executionId\": \"" + EXEC + "\"}");

    assertEquals(names(DynamoDbAccess.workers()), names(store.seen));
  }

  private static JsonNode call(Workers workers, String activity, String json) throws IOException {
    return workers.handlers().handle(activity, JSON.readTree(json));
  }

  // Readable, ordered names, so a failure shows which grant is missing or extra.
  private static Set<String> names(Set<Grant> grants) {
    Set<String> names = new TreeSet<>();
    grants.forEach(g -> names.add(g.toString()));
    return names;
  }
}
