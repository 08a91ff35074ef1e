package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.domain.StageStatus;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.queue.BatchSelector;
import io.datalakewlm.workers.queue.DeadLetter;
import io.datalakewlm.workers.queue.EnqueueRequest;
import io.datalakewlm.workers.queue.EnqueueResult;
import io.datalakewlm.workers.queue.Outcome;
import io.datalakewlm.workers.queue.SelectRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue: idempotent enqueue, priority resolution, selection, batching, aging, outcomes. */
public abstract class QueueContract extends QueueSupport {

  private WorkItem item(String key) {
    return workers.queue().item(key).orElseThrow();
  }

  @Test
  void enqueueIsIdempotentPerObjectKeyAndVersion() {
    assertTrue(enqueue("k1", "sales", "orders").enqueued());
    EnqueueResult again = enqueue("k1", "sales", "orders");
    assertFalse(again.enqueued());
    assertEquals(ItemStatus.QUEUED, again.item().status());
    Batch batch = select("e1", 5).batches().get(0);
    workers.queue().complete("e1", batch.batchId(), List.of("k1"));
    EnqueueRequest v1 = new EnqueueRequest("k1", "sales", "orders", null, null, "stage_b", null, "v1");
    assertTrue(workers.queue().enqueue(v1).enqueued(), "a new version of a DONE object is new work");
    Batch second = select("e2", 5).batches().get(0);
    workers.queue().complete("e2", second.batchId(), List.of("k1"));
    assertFalse(workers.queue().enqueue(v1).enqueued(), "the same version again is a duplicate event");
    assertTrue(workers.queue().enqueue(new EnqueueRequest("k1", "sales", "orders", null, null, "stage_b", null, "v2"))
        .enqueued());
    assertEquals(0, item("k1").attempts());
  }

  @Test
  void priorityAndSourceComeFromTheMostSpecificEntry() {
    workers.priorities().put(new PriorityEntry("sales", new Priority(3), null, null, null));
    workers.priorities().put(new PriorityEntry("sales-orders", Priority.HIGH, null, null, null));
    workers.priorities().put(new PriorityEntry("sales-orders-lines", new Priority(7), null, null, "erp"));
    WorkItem lines = workers.queue().enqueue(new EnqueueRequest("a", "sales", "orders", "lines", null, "stage_b", null, ""))
        .item();
    assertEquals(7, lines.priority().level());
    assertEquals("erp", lines.source());
    WorkItem heads = workers.queue().enqueue(new EnqueueRequest("b", "sales", "orders", "heads", null, "stage_b", null, ""))
        .item();
    assertEquals(1, heads.priority().level());
    assertEquals("sales", heads.source());
    assertEquals(3, enqueue("c", "sales", "returns").item().priority().level());
    assertEquals(Priority.DEFAULT, enqueue("d", "hr", "people").item().priority());
    assertEquals(2, workers.queue().enqueue(new EnqueueRequest("e", "hr", "people", null, "payroll", "stage_b",
        new Priority(2), "")).item().priority().level());
    assertEquals("payroll", item("e").source());
  }

  @Test
  void selectionTakesTheBestLevelFirstAndNeverLeasesAnItemTwice() {
    workers.priorities().put(new PriorityEntry("a", new Priority(4), null, null, null));
    workers.priorities().put(new PriorityEntry("b", new Priority(2), null, null, null));
    enqueue("a1", "a", "d1");
    clock.advanceSeconds(1);
    enqueue("b1", "b", "d1");
    clock.advanceSeconds(1);
    enqueue("a2", "a", "d2");
    assertEquals(List.of("b1"), keys(select("e1", 1)));
    assertEquals(List.of("a1"), keys(select("e1", 1)), "older first within a level");
    assertEquals(List.of("a2"), keys(select("e2", 5)));
    assertEquals(List.of(), keys(select("e3", 5)));
    assertEquals(ItemStatus.QUEUED, item("a2").status(), "a taken item is not written: its lane's holder lists it");
    assertEquals(List.of("e2"), workers.queue().lanes().get("stage_b", "a-d2").orElseThrow().holders().entrySet()
        .stream().filter(h -> h.getValue().keys().containsKey("a2")).map(h -> h.getKey().split("#")[0]).toList());
  }

  @Test
  void batchesFollowTheDatasetBoundsAndAPartialBatchWaitsForMaxBatchWait() {
    workers.datasets().put(new DatasetConfig("t-big", "p", 1, Map.of(), Map.of("stage_b", 3), Map.of("stage_b", 2),
        Map.of()));
    workers.datasets().put(new DatasetConfig("t-small", "p", 1, Map.of(), Map.of("stage_b", 5), Map.of("stage_b", 2),
        Map.of()));
    for (int i = 0; i < 5; i++) {
      enqueue("big-" + i, "t", "big");
      clock.advanceSeconds(1);
    }
    enqueue("small-0", "t", "small");
    jobSlots = 2;
    BatchSelector.Selection first = select("e1", 10);
    assertEquals(List.of(List.of("big-0", "big-1", "big-2"), List.of("big-3", "big-4")),
        first.batches().stream().map(b -> b.items().stream().map(WorkItem::objectKey).toList()).toList());
    clock.advance(Duration.ofMinutes(14));
    assertEquals(List.of(), keys(select("e1", 10)), "one item of min 2 waits");
    clock.advance(Duration.ofMinutes(1));
    assertEquals(List.of("small-0"), keys(select("e1", 10)), "until its oldest item waited maxBatchWait");
  }

  @Test
  void aBatchGivenBackAndTakenAgainAtTheSameInstantGetsANewIdAndTheOldOneCompletesNothing() {
    enqueue("k1", "t", "d");
    Batch first = select("e1", 1).batches().get(0);
    assertEquals(List.of("k1"), workers.queue().fail("e1", first.batchId(), List.of("k1"), "Wlm.NoSlot", "full", 3,
        false).done());
    assertEquals(0, item("k1").attempts(), "a batch that never ran spends no attempt");
    Batch second = select("e1", 1).batches().get(0);
    assertFalse(first.batchId().equals(second.batchId()), "the lane version makes the batch id unique");
    assertEquals(List.of("k1"), workers.queue().complete("e1", first.batchId(), List.of("k1")).lost());
    assertEquals(ItemStatus.QUEUED, item("k1").status());
    assertEquals(List.of("k1"), workers.queue().complete("e1", second.batchId(), List.of("k1")).done());
  }

  @Test
  void aBatchIsCutShortSoThatItsLaneListsNoMoreKeyBytesThanFitInADynamoDbItem() {
    workers.datasets().put(new DatasetConfig("t-long", "p", 1, Map.of(), Map.of("stage_b", 10000),
        Map.of("stage_b", 1), Map.of()));
    String prefix = "raw/" + "x".repeat(1000) + "/";
    for (int i = 0; i < 300; i++) {
      enqueue(prefix + String.format("%03d", i), "t", "long");
    }
    jobSlots = 2;
    BatchSelector.Selection first = select("e1", 10);
    assertEquals(1, first.batches().size(), "the second batch finds no room left on the lane");
    int taken = first.batches().get(0).items().size();
    assertTrue(taken > 200 && taken < 300, "cut at 256 KiB of 1,000-byte keys: " + taken);
    workers.queue().complete("e1", first.batches().get(0).batchId(), keys(first));
    clock.advanceSeconds(31); // the finished keys stay listed for the index's grace
    assertEquals(300 - taken, keys(select("e1", 10)).size());
  }

  @Test
  void aDatasetWhoseJobRunsAllItMayIsSkippedAndItsItemsAccumulateIntoOneBiggerBatch() {
    enqueue("a-1", "t", "a");
    Batch running = select("e1", 10).batches().get(0);
    for (int i = 2; i <= 4; i++) {
      clock.advanceSeconds(1);
      enqueue("a-" + i, "t", "a");
    }
    enqueue("b-1", "t", "b");
    assertEquals(List.of("b-1"), keys(select("e1", 10)), "the job of a is at its MaxConcurrentRuns of 1");
    assertEquals(List.of(), keys(select("e1", 10)));
    workers.queue().complete("e1", running.batchId(), List.of("a-1"));
    BatchSelector.Selection next = select("e1", 10);
    assertEquals(1, next.batches().size());
    assertEquals(List.of("a-2", "a-3", "a-4"), keys(next), "everything a queued meanwhile, in one batch");
  }

  @Test
  void aBatchTakesTheDatasetsBestLevelFirstWhateverTheTablesPriorities() {
    workers.priorities().put(new PriorityEntry("t-d-slow", new Priority(7), null, null, null));
    workers.priorities().put(new PriorityEntry("t-d-hot", Priority.HIGH, null, null, null));
    workers.datasets().put(new DatasetConfig("t-d", "p", 1, Map.of(), Map.of("stage_b", 2), Map.of("stage_b", 1),
        Map.of()));
    workers.queue().enqueue(new EnqueueRequest("slow-1", "t", "d", "slow", null, "stage_b", null, ""));
    clock.advanceSeconds(1);
    workers.queue().enqueue(new EnqueueRequest("slow-2", "t", "d", "slow", null, "stage_b", null, ""));
    clock.advanceSeconds(1);
    workers.queue().enqueue(new EnqueueRequest("hot-1", "t", "d", "hot", null, "stage_b", null, ""));
    enqueue("other", "u", "e");
    BatchSelector.Selection first = select("e1", 1);
    assertEquals(1, first.batches().get(0).effectiveLevel(), "the dataset competes at its best queued level");
    assertEquals(List.of("hot-1", "slow-1"), keys(first), "best level first, then oldest, up to max_items_process");
  }

  @Test
  void agingLiftsAWaitingItemOneLevelPerPeriod() {
    workers.priorities().put(new PriorityEntry("urgent", new Priority(2), null, null, null));
    enqueue("low", "slow", "d");
    clock.advance(Duration.ofMinutes(20));
    enqueue("high", "urgent", "d");
    assertEquals(List.of("high"), keys(select("e1", 1, Duration.ofMinutes(10))), "after 2 periods low is at 3, high at 2");
    clock.advance(Duration.ofMinutes(20));
    enqueue("high2", "urgent", "d2");
    Batch next = select("e1", 1, Duration.ofMinutes(10)).batches().get(0);
    assertEquals("low", next.items().get(0).objectKey(), "after 3 periods low is at 2, older than a fresh level 2");
    assertEquals(2, next.effectiveLevel());
    assertEquals(List.of("high2"), keys(select("e1", 1, Duration.ZERO)));
  }

  @Test
  void agingNeverLiftsABacklogAboveFreshLevelOneWork() {
    enqueue("old-low", "slow", "d");
    clock.advance(Duration.ofDays(2));
    workers.queue().enqueue(new EnqueueRequest("urgent", "fast", "d", null, null, "stage_b", Priority.HIGH, ""));
    assertEquals(List.of("urgent"), keys(select("e1", 1, Duration.ofMinutes(10))),
        "two days of waiting lift the backlog to level 2, never to level 1");
    assertEquals(List.of("old-low"), keys(select("e1", 1, Duration.ofMinutes(10))));
  }

  @Test
  void completeMarksItemsDoneRecordsTheStageAndFreesTheSourceSlot() {
    workers.priorities().put(new PriorityEntry("t", null, null, 1, null));
    enqueue("k1", "t", "d1");
    enqueue("k2", "t", "d2");
    Batch batch = select("e1", 5).batches().get(0);
    assertEquals(List.of(), keys(select("e1", 5)), "source t is at its cap of 1");
    Outcome done = workers.queue().complete("e1", batch.batchId(), List.of("k1"));
    assertEquals(List.of("k1"), done.done());
    assertEquals(ItemStatus.DONE, item("k1").status());
    StageStatus status = workers.statuses().get("t-d1", "stage_b", workers.statuses().today()).orElseThrow();
    assertTrue(status.isCompleted());
    assertEquals(1, status.completed());
    assertEquals(List.of("k1"), workers.queue().complete("e1", batch.batchId(), List.of("k1")).already());
    assertEquals(List.of("k2"), keys(select("e1", 5)), "the slot was freed");
    assertEquals(List.of("k2"), workers.queue().complete("e9", "b-other", List.of("k2")).lost());
  }

  @Test
  void failRequeuesWithAttemptsThenDeadLettersWithTheCause() {
    enqueue("k1", "t", "d");
    Batch first = select("e1", 5).batches().get(0);
    Outcome failed = workers.queue().fail("e1", first.batchId(), List.of("k1"), "Glue.ThrottlingException", "rate", 2, true);
    assertEquals(List.of("k1"), failed.done());
    assertEquals(ItemStatus.QUEUED, item("k1").status());
    assertEquals(1, item("k1").attempts());
    Batch second = select("e2", 5).batches().get(0);
    assertEquals(1, second.items().get(0).attempts());
    Outcome dead = workers.queue().fail("e2", second.batchId(), List.of("k1"), "Glue.EntityNotFoundException",
        "job missing", 2, true);
    assertEquals(List.of("k1"), dead.deadLettered());
    WorkItem k1 = item("k1");
    assertEquals(ItemStatus.DEAD, k1.status());
    assertEquals("Glue.EntityNotFoundException", k1.lastError());
    assertEquals(List.of("k1"), workers.queue().deadLetters().list(null).stream().map(DeadLetter::objectKey).toList());
    assertEquals(List.of(), keys(select("e3", 5)));
    StageStatus status = workers.statuses().get("t-d", "stage_b", workers.statuses().today()).orElseThrow();
    assertEquals(StageStatus.FAILED, status.status());
    assertEquals(2, status.failed());
    assertEquals(1, status.deadLettered());
    assertEquals(List.of("k1"), workers.queue().fail("e2", second.batchId(), List.of("k1"), "x", "y", 2, true).already());
  }

  @Test
  void anIdleLaneIsForgottenAndComesBackWithNewWork() {
    enqueue("k1", "t", "d");
    Batch batch = select("e1", 5).batches().get(0);
    workers.queue().complete("e1", batch.batchId(), List.of("k1"));
    assertEquals(1, select("e1", 5).lanesRead(), "a dataset that just ran keeps its lane (its crawl and status)");
    clock.advance(Duration.ofHours(3));
    assertEquals(1, select("e1", 5).lanesRead(), "read once more, found idle and forgotten");
    assertEquals(0, select("e1", 5).lanesRead());
    enqueue("k2", "t", "d");
    BatchSelector.Selection again = select("e1", 5);
    assertEquals(1, again.lanesRead());
    assertEquals(List.of("k2"), keys(again));
  }

  @Test
  void aLaneCountingItemsThatAreGoneIsResetOnlyAfterTheIndexHadTimeToShowThem() {
    enqueue("k1", "t", "d");
    workers.store().delete(io.datalakewlm.workers.store.Table.QUEUE,
        io.datalakewlm.workers.store.Key.of("objectKey", "k1"), io.datalakewlm.workers.store.Condition.always());
    assertEquals(List.of(), keys(select("e1", 5)));
    assertEquals(1, workers.queue().lanes().get("stage_b", "t-d").orElseThrow().queuedTotal(),
        "an item written just now may not be in the index yet: the count stays");
    clock.advance(Duration.ofMinutes(3));
    assertEquals(List.of(), keys(select("e1", 5)));
    assertEquals(0, workers.queue().lanes().get("stage_b", "t-d").orElseThrow().queuedTotal(), "reset");
    enqueue("k2", "t", "d");
    assertEquals(List.of("k2"), keys(select("e1", 5)));
  }

  @Test
  void aFailedItemGoesBackToItsLaneWhichIsKeptWhileItsBatchRuns() {
    enqueue("k1", "t", "d");
    Batch batch = select("e1", 5).batches().get(0);
    clock.advance(Duration.ofHours(3));
    select("e1", 5);
    assertTrue(workers.queue().lanes().get("stage_b", "t-d").isPresent(), "a lane whose job slot is held stays");
    workers.queue().fail("e1", batch.batchId(), List.of("k1"), "E", "c", 3, true);
    assertEquals(List.of("k1"), keys(select("e1", 5)));
  }

  @Test
  void aSelectionByAReapedExecutionIsRefused() {
    enqueue("k1", "t", "d");
    workers.executions().markReaped("e1", "ABORTED", "", Duration.ofDays(1));
    assertThrows(io.datalakewlm.workers.failure.ExecutionReaped.class, () -> select("e1", 5));
    assertEquals(ItemStatus.QUEUED, item("k1").status());
  }

  @Test
  void renewingALeaseKeepsItFromExpiring() {
    enqueue("k1", "t", "d");
    Batch batch = workers.selector().select(new SelectRequest("e1", "stage_b", 5, 100, Duration.ZERO,
        Duration.ZERO, Duration.ofMinutes(10), 1)).batches().get(0);
    clock.advance(Duration.ofMinutes(9));
    assertEquals(List.of("k1"), workers.queue().renew("e1", batch.batchId(), List.of("k1"), Duration.ofMinutes(10)).done());
    clock.advance(Duration.ofMinutes(5));
    assertEquals(0, workers.reaper().sweepExpired(3).expiredItemsReturned());
    clock.advance(Duration.ofMinutes(6));
    assertEquals(1, workers.reaper().sweepExpired(3).expiredItemsReturned());
    assertEquals(ItemStatus.QUEUED, item("k1").status());
    assertEquals(List.of("k1"), workers.queue().renew("e1", batch.batchId(), List.of("k1"), Duration.ofMinutes(1)).lost());
  }
}
