package io.datalakewlm.workers.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.dynamodb.DynamoDbClients;
import io.datalakewlm.workers.store.dynamodb.DynamoDbStore;
import io.datalakewlm.workers.store.memory.InMemoryStore;
import io.datalakewlm.workers.testing.ManualClock;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The activities as the state machines call them: JSON in, JSON out, or an error name and cause. */
class HandlersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXEC = "arn:aws:states:eu-west-1:123456789012:execution:dispatcher:run-1";

  private ManualClock clock;
  private Workers workers;

  @BeforeEach
  void setUp() {
    clock = ManualClock.at("2024-03-01T08:00:00Z");
    workers = new Workers(new InMemoryStore(), clock, Workers.Settings.defaults());
  }

  private JsonNode call(String activity, String json) {
    try {
      return workers.handlers().handle(activity, JSON.readTree(json));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private ActivityException failure(String activity, String json) {
    return assertThrows(ActivityException.class, () -> call(activity, json));
  }

  @Test
  void everyActivityIsRegisteredByName() {
    assertEquals(List.of("Enqueue", "SelectBatch", "AcquireSlot", "ReleaseSlot", "PaceCrawler", "Complete", "Fail",
        "RenewLease", "Reap", "CheckDependencies", "PlanWorkers", "ShrinkPool", "CrawlFinished"),
        List.copyOf(workers.handlers().names()));
    assertEquals(HandlerRegistry.NAMES, List.copyOf(workers.handlers().names()));
    assertEquals(ErrorNames.INVALID_INPUT, failure("Nope", "{}").error());
  }

  @Test
  void oneObjectGoesThroughEveryActivity() {
    workers.datasets().put(new DatasetConfig("eng-agg", "aggregate", 1, Map.of(), Map.of(), Map.of(),
        Map.of("d1", "eng-legislators")));
    JsonNode enq = call("Enqueue", "{\"objectKey\": \"raw/eng/legislators/a.csv\", \"team\": \"eng\", "
        + "\"dataset\": \"legislators\", \"priority\": \"HIGH\"}");
    assertTrue(enq.get("enqueued").asBoolean());
    assertEquals(1, enq.get("priority").asInt());
    assertEquals("eng", enq.get("source").asText());
    assertFalse(call("Enqueue", "{\"objectKey\": \"raw/eng/legislators/a.csv\", \"team\": \"eng\", "
        + "\"dataset\": \"legislators\"}").get("enqueued").asBoolean());

    JsonNode selection = call("SelectBatch", "{\"executionId\": \"" + EXEC + "\", \"maxBatches\": 5}");
    assertEquals(1, selection.get("batchCount").asInt());
    JsonNode batch = selection.get("batches").get(0);
    assertEquals("eng-legislators", batch.get("datasetName").asText());
    assertEquals("raw/eng/legislators/a.csv", batch.get("items").get(0).get("objectKey").asText());
    String batchId = batch.get("batchId").asText();

    JsonNode slot = call("AcquireSlot", "{\"resource\": \"glue-job:heavy\", \"executionId\": \"" + EXEC
        + "\", \"holder\": \"" + batchId + "\", \"limit\": 1}");
    assertEquals(EXEC + "#" + batchId, slot.get("holderId").asText());
    assertEquals(1, slot.get("count").asInt());
    ActivityException full = failure("AcquireSlot", "{\"resource\": \"glue-job:heavy\", \"executionId\": \"other\"}");
    assertEquals(ErrorNames.NO_SLOT, full.error());
    assertTrue(full.cause().contains("1/1"), full.cause());
    assertTrue(call("ReleaseSlot", "{\"resource\": \"glue-job:heavy\", \"executionId\": \"" + EXEC
        + "\", \"holder\": \"" + batchId + "\"}").get("released").asBoolean());
    assertFalse(call("ReleaseSlot", "{\"resource\": \"glue-job:heavy\", \"executionId\": \"" + EXEC
        + "\", \"holder\": \"" + batchId + "\"}").get("released").asBoolean(), "a second release is a no-op");

    assertEquals(0, call("PaceCrawler", "{\"api\": \"glue:StartCrawler\", \"rate\": 0.5, \"burst\": 1}")
        .get("waitSeconds").asInt());
    assertEquals(2, call("PaceCrawler", "{\"api\": \"glue:StartCrawler\"}").get("waitSeconds").asInt());

    assertFalse(call("CheckDependencies", "{\"dataset\": \"eng-agg\"}").get("ready").asBoolean());
    JsonNode done = call("Complete", "{\"executionId\": \"" + EXEC + "\", \"batch\": " + batch + "}");
    assertEquals(1, done.get("completed").asInt());
    JsonNode deps = call("CheckDependencies", "{\"dataset\": \"eng-agg\"}");
    assertTrue(deps.get("ready").asBoolean());
    assertEquals("[\"eng-legislators\"]", deps.get("completed").toString());
    assertEquals("2024-03-01", deps.get("day").asText());
    assertEquals(2, deps.get("retries").asInt(), "no retry_count in the config: two more checks");
  }

  @Test
  void checkDependenciesAnswersTheDatasetsRetryCount() {
    workers.datasets().put(new DatasetConfig("eng-patient", "aggregate", 1, Map.of(), Map.of(), Map.of(),
        Map.of("d1", "eng-legislators"), 5));
    workers.datasets().put(new DatasetConfig("eng-hasty", "aggregate", 1, Map.of(), Map.of(), Map.of(),
        Map.of("d1", "eng-legislators"), 0));
    assertEquals(5, call("CheckDependencies", "{\"dataset\": \"eng-patient\"}").get("retries").asInt());
    assertEquals(0, call("CheckDependencies", "{\"dataset\": \"eng-hasty\"}").get("retries").asInt());
  }

  @Test
  void failDeadLettersAfterMaxAttemptsAndRenewOfALostLeaseIsLeaseLost() {
    call("Enqueue", "{\"objectKey\": \"k1\", \"team\": \"t\", \"dataset\": \"d\"}");
    JsonNode batch = call("SelectBatch", "{\"executionId\": \"e1\"}").get("batches").get(0);
    JsonNode failed = call("Fail", "{\"executionId\": \"e1\", \"batch\": " + batch
        + ", \"error\": \"Glue.EntityNotFoundException\", \"cause\": \"no job\", \"maxAttempts\": 1}");
    assertEquals("[\"k1\"]", failed.get("deadLettered").toString());
    call("Enqueue", "{\"objectKey\": \"k2\", \"team\": \"t\", \"dataset\": \"d\"}");
    JsonNode second = call("SelectBatch", "{\"executionId\": \"e2\", \"leaseSeconds\": 60}").get("batches").get(0);
    assertEquals(1, call("RenewLease", "{\"executionId\": \"e2\", \"batch\": " + second + "}").get("renewed").asInt());
    JsonNode reaped = call("Reap", "{\"executionId\": \"e2\", \"status\": \"ABORTED\"}");
    assertEquals(1, reaped.get("itemsReturned").asInt());
    assertEquals(ErrorNames.LEASE_LOST, failure("RenewLease", "{\"executionId\": \"e2\", \"batch\": " + second + "}").error());
    assertEquals(ErrorNames.EXECUTION_REAPED, failure("SelectBatch", "{\"executionId\": \"e2\"}").error());
    assertEquals(ErrorNames.EXECUTION_REAPED, failure("AcquireSlot",
        "{\"resource\": \"r\", \"executionId\": \"e2\", \"limit\": 3}").error());
    assertTrue(call("Reap", "{}").get("executionId").isNull());
  }

  @Test
  void aBatchThatFoundNoSlotIsRequeuedWithoutSpendingAnAttempt() {
    call("Enqueue", "{\"objectKey\": \"k1\", \"team\": \"t\", \"dataset\": \"d\"}");
    for (int round = 0; round < 5; round++) {
      JsonNode batch = call("SelectBatch", "{\"executionId\": \"e" + round + "\"}").get("batches").get(0);
      assertEquals(0, batch.get("items").get(0).get("attempts").asInt(), "round " + round);
      JsonNode failed = call("Fail", "{\"executionId\": \"e" + round + "\", \"batch\": " + batch
          + ", \"error\": \"Wlm.NoSlot\", \"cause\": \"glue-account is full\", \"maxAttempts\": 1}");
      assertEquals(1, failed.get("requeued").asInt());
      assertEquals("[]", failed.get("deadLettered").toString());
    }
  }

  @Test
  void invalidInputNamesThePathAndWhatIsExpected() {
    ActivityException noTeam = failure("Enqueue", "{\"objectKey\": \"k\", \"dataset\": \"d\"}");
    assertEquals(ErrorNames.INVALID_INPUT, noTeam.error());
    assertEquals("Enqueue: $.team is required: a non-empty string", noTeam.cause());
    assertEquals("Enqueue: $.priority must be a level 1..9 or HIGH/LOW, got 'URGENT'",
        failure("Enqueue", "{\"objectKey\": \"k\", \"team\": \"t\", \"dataset\": \"d\", \"priority\": \"URGENT\"}")
            .cause());
    assertEquals("SelectBatch: $.maxBatches must be an integer from 1 to 1000, got 0",
        failure("SelectBatch", "{\"executionId\": \"e\", \"maxBatches\": 0}").cause());
    assertEquals("Complete: $.batch.items is required: a non-empty array of items ({\"objectKey\": ...}) or of object keys",
        failure("Complete", "{\"executionId\": \"e\", \"batch\": {\"batchId\": \"b\"}}").cause());
    assertEquals("PaceCrawler: $.burst must be given together with rate (they define the bucket)",
        failure("PaceCrawler", "{\"api\": \"x\", \"rate\": 1}").cause());
    assertEquals(ErrorNames.INVALID_INPUT, failure("CheckDependencies", "[1]").error());
    assertEquals(ErrorNames.INVALID_INPUT, failure("CheckDependencies", "{\"dataset\": \"a-b\", \"day\": \"31/01\"}").error());
  }

  @Test
  void undefinedThingsAreNamedWithTheFix() {
    ActivityException resource = failure("AcquireSlot", "{\"resource\": \"glue-job:x\", \"executionId\": \"e\"}");
    assertEquals(ErrorNames.UNKNOWN_RESOURCE, resource.error());
    assertTrue(resource.cause().contains("pass \"limit\""));
    assertEquals(ErrorNames.UNKNOWN_RESOURCE, failure("PaceCrawler", "{\"api\": \"glue:StartCrawler\"}").error());
    assertEquals(ErrorNames.UNKNOWN_DATASET, failure("CheckDependencies", "{\"dataset\": \"eng-none\"}").error());
  }

  @Test
  void anUnreachableStoreIsStoreUnavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var client = DynamoDbClients.create(URI.create("http://127.0.0.1:" + port), "us-east-1", List.of());
    try (DynamoDbStore store = new DynamoDbStore(client, TableDefinitions.fromClasspath(), "gone", true)) {
      Workers offline = new Workers(store, clock, new Workers.Settings(Duration.ZERO, Duration.ofDays(1)));
      ActivityException e = assertThrows(ActivityException.class, () -> offline.handlers().handle("Enqueue",
          JSON.readTree("{\"objectKey\": \"k\", \"team\": \"t\", \"dataset\": \"d\"}")));
      assertEquals(ErrorNames.STORE_UNAVAILABLE, e.error());
    }
  }
}
