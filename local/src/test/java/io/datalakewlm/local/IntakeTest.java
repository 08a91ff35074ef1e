package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.asl.parse.Substitutions;
import io.datalakewlm.simulator.wlm.LocalDeployment;
import io.datalakewlm.workers.catalog.DatasetCatalog;
import io.datalakewlm.workers.catalog.PriorityTable;
import io.datalakewlm.workers.dependency.StageStatuses;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.queue.DatasetLane;
import io.datalakewlm.workers.queue.EnqueueRequest;
import io.datalakewlm.workers.queue.WorkQueue;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.dynamodb.DynamoDbClients;
import io.datalakewlm.workers.store.dynamodb.DynamoDbStore;
import io.datalakewlm.workers.store.dynamodb.Dynalite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * The shipped intake state machine ({@code statemachines/intake.asl.json}, Express) on the local
 * endpoint, its DynamoDB tasks served by a dynalite that the workers' own store reads: S3's
 * Object Created events, as EventBridge delivers them, become the queue items and lane counts the
 * Enqueue activity writes; a redelivery changes nothing; keys that fit no registered dataset are
 * rejected with their reason.
 */
class IntakeTest {
  private static final String ENV = "intake";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Dynalite dynalite;
  private static DynamoDbStore store;
  private static LocalEndpoint local;
  private static String intake;
  private static WorkQueue queue;

  @BeforeAll
  static void start() throws IOException {
    dynalite = Dynalite.start();
    store = new DynamoDbStore(DynamoDbClients.create(dynalite.endpoint(), "us-east-1", List.of()),
        TableDefinitions.fromClasspath(), ENV, true);
    store.createTables();
    local = LocalEndpoint.start(LocalStepFunctions.Options.defaults().withDynamoDb(dynalite.endpoint()));
    LocalDeployment deployment = new LocalDeployment("us-east-1", LocalStepFunctions.DEFAULT_ACCOUNT, ENV, Map.of());
    String definition;
    try (InputStream in = IntakeTest.class.getResourceAsStream(LocalDeployment.FILES.get("intake"))) {
      definition = Substitutions.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          deployment.substitutions()).text();
    }
    intake = ExecutionApiTest.create(local.sfn, "wlm-intake-" + ENV, definition, StateMachineType.EXPRESS);
    Clock clock = Clock.systemUTC();
    PriorityTable priorities = new PriorityTable(store, clock, Duration.ZERO);
    DatasetCatalog datasets = new DatasetCatalog(store, clock, Duration.ZERO);
    queue = new WorkQueue(store, clock, priorities, datasets, new StageStatuses(store, clock));
    datasets.put(new DatasetConfig("sales-orders", "main", 1, Map.of(), Map.of("stage_b", 40),
        Map.of("stage_b", 3), Map.of()));
    datasets.put(new DatasetConfig("ops-logs", "main", 1, Map.of(), Map.of(), Map.of(), Map.of()));
    datasets.put(new DatasetConfig("web-hits", "main", 1, Map.of(), Map.of(), Map.of(), Map.of(),
        DatasetConfig.DEFAULT_RETRY_COUNT, false));
    datasets.put(new DatasetConfig("web-clicks", "main", 1, Map.of(), Map.of(), Map.of(), Map.of(),
        DatasetConfig.DEFAULT_RETRY_COUNT, false));
    priorities.put(new PriorityEntry("sales-orders-invoices", Priority.parse("2"), null, null, null));
    priorities.put(new PriorityEntry("sales-orders", Priority.parse("4"), null, null, "erp"));
    priorities.put(new PriorityEntry("erp", null, 3.0, 2, null));
    // the old SDLF alias on a team entry
    store.put(Table.PRIORITIES, Item.builder().put("name", "ops").put("priority", "HIGH").build(),
        io.datalakewlm.workers.store.Condition.always());
  }

  @AfterAll
  static void stop() {
    local.close();
    store.close();
    dynalite.close();
  }

  @Test
  void anObjectCreatedEventQueuesTheItemEnqueueWouldWriteAndCountsItInItsLane() throws IOException {
    JsonNode out = post(event("lake-raw", "raw/sales/orders/invoices/2024/05/01/a.csv", "0065A1B2C3D4E5F601"));
    assertEquals("QUEUED", out.path("outcome").asText(), out.toString());
    WorkItem item = queue.item("s3://lake-raw/raw/sales/orders/invoices/2024/05/01/a.csv").orElseThrow();
    assertEquals(List.of("sales", "orders", "invoices", "erp", "stage_b"),
        List.of(item.team(), item.dataset(), item.table(), item.source(), item.stage()));
    assertEquals(2, item.priority().level(), "the table's entry wins over the dataset's");
    assertEquals(List.of(3, 40), List.of(item.minBatch(), item.maxBatch()), "the config's bounds of stage_b");
    assertEquals(ItemStatus.QUEUED, item.status());
    assertEquals("0065A1B2C3D4E5F601", item.version());

    // the same item as the Enqueue activity writes for a sibling object, but for the object's own attributes
    String sibling = "s3://lake-raw/raw/sales/orders/invoices/2024/05/01/b.csv";
    queue.enqueue(new EnqueueRequest(sibling, "sales", "orders", "invoices", null, "stage_b", null, "v1"));
    assertEquals(withoutOwnAttributes(stored(sibling)), withoutOwnAttributes(stored(item.objectKey())));
    String order = stored(item.objectKey()).string("laneOrder");
    assertEquals(String.format("2#%015d#%s", item.enqueuedAt().toEpochMilli(), item.objectKey()), order);

    DatasetLane lane = queue.lanes().get("stage_b", "sales-orders").orElseThrow();
    assertEquals(2, lane.pending()[2], "both objects counted at level 2");
    assertEquals(List.of("erp", 3.0, 2), List.of(lane.source().name(), lane.source().weight(), lane.source().maxInFlight()));
    assertEquals(List.of(3, 40), List.of(lane.minItems(), lane.maxItems()));
  }

  @Test
  void aDatasetWithoutACrawlerIsCountedInALaneThatSaysSoAsEnqueueWritesIt() throws IOException {
    assertEquals("QUEUED", post(event("lake-raw", "raw/web/hits/pages/a.json", "0065A1B2C3D4E5F900"))
        .path("outcome").asText());
    queue.enqueue(new EnqueueRequest("s3://lake-raw/raw/web/clicks/pages/a.json", "web", "clicks", "pages", null,
        "stage_b", null, "v1"));
    Item byIntake = lane("web-hits");
    Item byEnqueue = lane("web-clicks");
    assertEquals(Boolean.FALSE, byIntake.attributes().get("crawler"), byIntake.toString());
    assertEquals(Boolean.FALSE, byEnqueue.attributes().get("crawler"), byEnqueue.toString());
    assertEquals(byEnqueue.attributes().keySet(), byIntake.attributes().keySet(), "the same lane record");
    assertFalse(queue.lanes().get("stage_b", "web-hits").orElseThrow().crawler());
    post(event("lake-raw", "raw/sales/orders/invoices/2024/05/02/c.csv", "0065A1B2C3D4E5F901"));
    assertEquals(Boolean.TRUE, lane("sales-orders").attributes().get("crawler"), "a dataset with a crawler says so");
  }

  @Test
  void theSameEventTwiceLeavesOneItemAndOneCount() throws IOException {
    JsonNode event = event("lake-raw", "raw/ops/logs/web/x.json", "0065A1B2C3D4E5F700");
    assertEquals("QUEUED", post(event).path("outcome").asText());
    Item first = stored("s3://lake-raw/raw/ops/logs/web/x.json");
    JsonNode again = post(event);
    assertEquals("ALREADY_QUEUED", again.path("outcome").asText(), again.toString());
    assertEquals(first, stored("s3://lake-raw/raw/ops/logs/web/x.json"), "the redelivery changed nothing");
    DatasetLane lane = queue.lanes().get("stage_b", "ops-logs").orElseThrow();
    assertEquals(1, lane.pending()[1], "HIGH is level 1, counted once");
    assertEquals(1, lane.queuedTotal());
  }

  @Test
  void keysOutsideTheLayoutOrOfUnregisteredDatasetsAreRejectedWithTheReason() throws IOException {
    Map<String, String> reasons = Map.of(
        "raw/sales/orders/a.csv", "the key is not <prefix><team>/<dataset>/<table>/<file> under \"raw/\"",
        "raw/sales/orders/invoices/", "the key has an empty segment (a folder marker or a double slash): "
            + "expected <prefix><team>/<dataset>/<table>/<file>",
        "landing/sales/orders/invoices/a.csv", "the key is not under the raw prefix \"raw/\"",
        "raw/hr/people/staff/a.csv", "the dataset hr-people is not registered (no item in octagon-Dataset-intake)");
    for (Map.Entry<String, String> rejected : reasons.entrySet()) {
      JsonNode out = post(event("lake-raw", rejected.getKey(), "0065A1B2C3D4E5F800"));
      assertEquals("REJECTED", out.path("outcome").asText(), out.toString());
      String objectKey = "s3://lake-raw/" + rejected.getKey();
      Item record = store.get(Table.INTAKE_REJECTS, Key.of("bucket", "lake-raw", "objectKey", objectKey)).orElseThrow();
      assertEquals(rejected.getValue(), record.string("reason"));
      assertEquals("0065A1B2C3D4E5F800", record.string("version"));
      assertFalse(queue.item(objectKey).isPresent(), objectKey + " is not queued");
    }
    assertTrue(queue.lanes().get("stage_b", "hr-people").isEmpty(), "a rejected object counts in no lane");
  }

  // Runs the intake machine with an event and returns its output.
  private static JsonNode post(JsonNode event) throws IOException {
    StartSyncExecutionResponse run = local.sfn.startSyncExecution(b -> b.stateMachineArn(intake).input(event.toString()));
    assertEquals(SyncExecutionStatus.SUCCEEDED, run.status(), run.error() + ": " + run.cause());
    return JSON.readTree(run.output());
  }

  // S3's Object Created event as EventBridge delivers it.
  private static JsonNode event(String bucket, String key, String sequencer) throws IOException {
    return JSON.readTree("""
        {"version": "0", "id": "17793124-05d4-b198-2fde-7ededc63b103", "detail-type": "Object Created",
         "source": "aws.s3", "account": "123456789012", "time": "2024-05-01T00:00:00Z", "region": "us-east-1",
         "resources": ["arn:aws:s3:::%s"],
         "detail": {"version": "0", "bucket": {"name": "%s"},
                    "object": {"key": "%s", "size": 5, "etag": "b1946ac92492d2347c6235b4d2611184",
                               "version-id": "IYV3p45BhZA4Uu.0xwv8ZY1OXO", "sequencer": "%s"},
                    "request-id": "N4N7GDK58NMKJ12R", "requester": "123456789012",
                    "source-ip-address": "1.2.3.4", "reason": "PutObject"}}
        """.formatted(bucket, bucket, key, sequencer));
  }

  // The stored lane record of a dataset at stage_b.
  private static Item lane(String datasetName) {
    return store.get(Table.LANES, Key.of("registry", "lanes", "name", "lane#stage_b#" + datasetName)).orElseThrow();
  }

  // The stored queue item of an object.
  private static Item stored(String objectKey) {
    return store.get(Table.QUEUE, Key.of("objectKey", objectKey)).orElseThrow();
  }

  // An item's attributes but those that differ per object and arrival.
  private static Map<String, Object> withoutOwnAttributes(Item item) {
    Map<String, Object> attributes = new HashMap<>(item.attributes());
    List.of("objectKey", "enqueuedAt", "laneOrder", "version").forEach(attributes::remove);
    return attributes;
  }
}
