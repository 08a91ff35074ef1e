package io.datalakewlm.simulator.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.aws.AwsQuotas;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.simulator.aws.CostUnit;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.queue.DatasetLane;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.memory.InMemoryStore;
import io.datalakewlm.workers.store.twin.DynamoDbTwin;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped intake state machine ({@code statemachines/intake.asl.json}, Express) in the
 * simulator's runtime, its DynamoDB tasks served by the twin on the workers' in-memory tables:
 * S3's Object Created events become the queue items and lane counts the workers read.
 */
class IntakeOnTwinTest {
  private static final Instant START = Instant.parse("2025-01-07T00:00:00Z");

  private Scheduler scheduler;
  private AwsServices aws;
  private InMemoryStore store;
  private DynamoDbTwin twin;
  private LocalWlm wlm;

  @BeforeEach
  void deploy() {
    scheduler = Scheduler.virtual(START);
    aws = AwsServices.create(scheduler, AwsQuotas.defaults(), 7);
    store = new InMemoryStore();
    wlm = new LocalWlm(scheduler, aws, store, Map.of("RawBucket", "lake-raw"), LocalWlm.Options.defaults(7));
    twin = new DynamoDbTwin(store, "sim");
    wlm.serveDynamoDb(twin);
    wlm.workers().datasets().put(new DatasetConfig("sales-orders", "main", 1, Map.of(), Map.of("stage_b", 40),
        Map.of("stage_b", 3), Map.of()));
    wlm.workers().priorities().put(new PriorityEntry("sales-orders", Priority.parse("2"), null, null, "erp"));
    wlm.workers().priorities().put(new PriorityEntry("erp", null, 3.0, 2, null));
  }

  @Test
  void anObjectCreatedEventQueuesTheObjectInItsLane() {
    Execution execution = deliver("raw/sales/orders/invoices/2025/a.csv", "0065A1");
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
    assertEquals("QUEUED", execution.output().path("outcome").asText());
    WorkItem item = wlm.workers().queue().item("s3://lake-raw/raw/sales/orders/invoices/2025/a.csv").orElseThrow();
    assertEquals(List.of("sales", "orders", "invoices", "erp", "stage_b", 2, ItemStatus.QUEUED, "0065A1"),
        List.of(item.team(), item.dataset(), item.table(), item.source(), item.stage(), item.priority().level(),
            item.status(), item.version()));
    assertEquals(START, item.enqueuedAt(), "enqueued at the event's virtual time");
    DatasetLane lane = wlm.workers().queue().lanes().get("stage_b", "sales-orders").orElseThrow();
    assertEquals(1, lane.pending()[2]);
    assertEquals(List.of(3, 40), List.of(lane.minItems(), lane.maxItems()));
  }

  @Test
  void theSameEventTwiceGivesOneItemAndOneCount() {
    deliver("raw/sales/orders/invoices/2025/a.csv", "0065A1");
    Execution again = deliver("raw/sales/orders/invoices/2025/a.csv", "0065A1");
    assertEquals("ALREADY_QUEUED", again.output().path("outcome").asText(), again.output().toString());
    DatasetLane lane = wlm.workers().queue().lanes().get("stage_b", "sales-orders").orElseThrow();
    assertEquals(1, lane.pending()[2], "the redelivery counted nothing");
    assertEquals(1, wlm.workers().queue().lanes().get("stage_b", "sales-orders").orElseThrow().pendingTotal());
    assertEquals(2, aws.meter().usage(CostUnit.SFN_EXPRESS_REQUESTS), 0.0, "each delivery is an Express request");
    assertEquals(0, aws.transitionCounter().transitions(), "Express executions bill no Standard transitions");
  }

  @Test
  void aKeyThatFitsNoRegisteredDatasetIsRejectedWithTheReason() {
    Execution execution = deliver("raw/sales/unknown/invoices/a.csv", "01");
    assertEquals("REJECTED", execution.output().path("outcome").asText());
    assertTrue(execution.output().path("reason").asText().contains("sales-unknown is not registered"),
        execution.output().toString());
    Optional<Item> reject = store.get(Table.INTAKE_REJECTS, Key.of("bucket", "lake-raw", "objectKey",
        "s3://lake-raw/raw/sales/unknown/invoices/a.csv"));
    assertEquals(execution.output().path("reason").asText(), reject.orElseThrow().string("reason"));
    assertTrue(wlm.workers().queue().item("s3://lake-raw/raw/sales/unknown/invoices/a.csv").isEmpty());
  }

  @Test
  void theRuleDeliversOnlyTheRawBucketsKeysUnderThePrefix() {
    assertNull(wlm.objectCreated("other-bucket", "raw/sales/orders/invoices/a.csv", 1, "e", "01"));
    assertNull(wlm.objectCreated("lake-raw", "curated/sales/orders/invoices/a.csv", 1, "e", "01"));
  }

  // One delivery of the intake rule, run to its end.
  private Execution deliver(String key, String sequencer) {
    Execution execution = wlm.objectCreated("lake-raw", key, 10, "etag", sequencer);
    scheduler.run();
    return execution;
  }
}
