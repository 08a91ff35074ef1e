package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.queue.EnqueueRequest;
import io.datalakewlm.workers.queue.Outcome;
import io.datalakewlm.workers.queue.SelectRequest;
import io.datalakewlm.workers.reap.Reaper;
import io.datalakewlm.workers.semaphore.AcquireOutcome;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reaping failed executions and sweeping expired leases: nothing leaks, nothing is lost. */
public abstract class ReapContract extends WorkersContract {

  private static final String GLUE = "glue-job:heavy";

  private void enqueue(String key, String team, String dataset) {
    workers.queue().enqueue(new EnqueueRequest(key, team, dataset, null, null, "stage_b", null, ""));
  }

  private List<Batch> select(String owner, Duration lease) {
    return workers.selector().select(new SelectRequest(owner, "stage_b", 10, 100, Duration.ZERO, Duration.ZERO,
        lease, 1)).batches();
  }

  @Test
  void reapReturnsTheExecutionsItemsReleasesItsSlotsAndRefusesItsLateAcquire() {
    workers.priorities().put(new PriorityEntry("t", null, null, 2, null));
    workers.semaphores().define(GLUE, 1);
    enqueue("k1", "t", "d1");
    enqueue("k2", "t", "d2");
    enqueue("k3", "u", "d3");
    List<Batch> mine = select("e1", Duration.ofHours(1));
    assertEquals(3, mine.size());
    workers.semaphores().acquire(GLUE, "e1", mine.get(0).batchId(), Duration.ofHours(1), null);
    Reaper.Report report = workers.reaper().reap("e1", "ABORTED", "operator", 3);
    assertEquals(4, report.slotsReleased(), "the Glue slot and the job slot of each of its three batches");
    assertEquals(3, report.itemsReturned());
    for (String key : List.of("k1", "k2", "k3")) {
      assertEquals(ItemStatus.QUEUED, workers.queue().item(key).orElseThrow().status());
      assertEquals(1, workers.queue().item(key).orElseThrow().attempts());
    }
    assertEquals(0, workers.semaphores().state(GLUE).orElseThrow().count());
    assertInstanceOf(AcquireOutcome.Reaped.class,
        workers.semaphores().acquire(GLUE, "e1", mine.get(1).batchId(), Duration.ofHours(1), null));
    assertEquals(3, select("e2", Duration.ofHours(1)).size(), "source slots were freed: t's cap of 2 is available");
    assertEquals(0, workers.reaper().reap("e1", "ABORTED", "again", 3).itemsReturned(), "reap is idempotent");
  }

  @Test
  void theSweepReturnsExpiredLeasesAndReclaimsExpiredSlots() {
    workers.semaphores().define(GLUE, 1);
    enqueue("k1", "t", "d1");
    List<Batch> batches = select("lost-execution", Duration.ofMinutes(5));
    workers.semaphores().acquire(GLUE, "lost-execution", batches.get(0).batchId(), Duration.ofMinutes(5), null);
    clock.advance(Duration.ofMinutes(4));
    Reaper.Report early = workers.reaper().sweepExpired(3);
    assertEquals(0, early.expiredItemsReturned());
    assertEquals(0, early.expiredSlotsReclaimed());
    clock.advance(Duration.ofMinutes(2));
    Reaper.Report report = workers.reaper().sweepExpired(3);
    assertEquals(1, report.expiredItemsReturned());
    assertEquals(1, report.expiredSlotsReclaimed(), "the glue slot; the source slot went back with the item");
    assertEquals(0, workers.semaphores().state(GLUE).orElseThrow().count());
    assertEquals(ItemStatus.QUEUED, workers.queue().item("k1").orElseThrow().status());
    assertEquals(1, select("e2", Duration.ofMinutes(5)).size());
  }

  @Test
  void aStaleHoldersCompleteFailAndRenewChangeNothingOnceItsItemsWereTakenAgain() {
    enqueue("k1", "t", "d1");
    Batch stale = select("slow", Duration.ofMinutes(5)).get(0);
    clock.advance(Duration.ofMinutes(6));
    assertEquals(1, workers.reaper().sweepExpired(3).expiredItemsReturned());
    Batch fresh = select("e2", Duration.ofMinutes(5)).get(0);
    assertEquals(List.of("k1"), fresh.items().stream().map(i -> i.objectKey()).toList());

    assertEquals(List.of("k1"), workers.queue().complete("slow", stale.batchId(), List.of("k1")).lost());
    Outcome lateFail = workers.queue().fail("slow", stale.batchId(), List.of("k1"), "Glue.JobRunFailed", "late", 3, true);
    assertEquals(List.of("k1"), lateFail.already(), "the sweep recorded this batch's failure already");
    assertEquals(List.of(), lateFail.done());
    assertEquals(List.of("k1"), workers.queue().renew("slow", stale.batchId(), List.of("k1"), Duration.ofHours(1))
        .lost());
    assertEquals(ItemStatus.QUEUED, workers.queue().item("k1").orElseThrow().status());
    assertEquals(1, workers.queue().item("k1").orElseThrow().attempts(), "only the sweep's attempt is counted");
    assertEquals(List.of("e2#" + fresh.batchId()), List.copyOf(
        workers.queue().lanes().get("stage_b", "t-d1").orElseThrow().holders().keySet()));

    assertEquals(List.of("k1"), workers.queue().complete("e2", fresh.batchId(), List.of("k1")).done());
    assertEquals(ItemStatus.DONE, workers.queue().item("k1").orElseThrow().status());
  }

  @Test
  void aStaleHolderThatRacesTheSweepCompletesOnlyWhatTheSweepDidNotTakeBack() {
    enqueue("k1", "t", "d1");
    Batch stale = select("slow", Duration.ofMinutes(5)).get(0);
    clock.advance(Duration.ofMinutes(6));
    // the sweep's first write (the attempt on the item) lands; its holder is not removed yet
    store.update(Table.QUEUE, Key.of("objectKey", "k1"), Update.builder().set("attempts", 1).build(),
        Condition.always());
    assertEquals(List.of("k1"), workers.queue().complete("slow", stale.batchId(), List.of("k1")).lost());
    assertEquals(ItemStatus.QUEUED, workers.queue().item("k1").orElseThrow().status(), "the late Complete wrote nothing");
    workers.reaper().sweepExpired(3);
    assertEquals(List.of("k1"), select("e2", Duration.ofMinutes(5)).get(0).items().stream()
        .map(i -> i.objectKey()).toList(), "the item is free for a new holder");
  }

  @Test
  void anExpiredHolderIsReapedWithAnAttemptCountedUntilItsItemsAreDeadLettered() {
    enqueue("k1", "t", "d1");
    for (int attempt = 1; attempt <= 2; attempt++) {
      assertEquals(1, select("crash-" + attempt, Duration.ofMinutes(5)).size());
      assertEquals(List.of(), select("other", Duration.ofMinutes(5)), "a held item is not taken again while held");
      clock.advance(Duration.ofMinutes(6));
      assertEquals(List.of(), select("other", Duration.ofMinutes(5)),
          "an expired holder's items wait for the sweep to count their attempt");
      Reaper.Report report = workers.reaper().sweepExpired(2);
      assertEquals(attempt, workers.queue().item("k1").orElseThrow().attempts());
      assertEquals(Map.of(), workers.queue().lanes().get("stage_b", "t-d1").orElseThrow().holders());
      assertEquals(attempt == 1 ? 1 : 0, report.expiredItemsReturned());
      assertEquals(attempt == 2 ? 1 : 0, report.itemsDeadLettered());
    }
    assertEquals(ItemStatus.DEAD, workers.queue().item("k1").orElseThrow().status());
    assertEquals("Wlm.LeaseExpired", workers.queue().deadLetters().list(null).get(0).error());
    assertEquals(List.of(), select("e3", Duration.ofMinutes(5)));
  }

  @Test
  void anItemWhoseAttemptsAreSpentByReapsIsDeadLettered() {
    enqueue("k1", "t", "d1");
    for (int i = 1; i <= 2; i++) {
      assertEquals(1, select("e" + i, Duration.ofHours(1)).size());
      workers.reaper().reap("e" + i, "FAILED", "crash", 2);
    }
    assertEquals(ItemStatus.DEAD, workers.queue().item("k1").orElseThrow().status());
    assertEquals("Wlm.ExecutionReaped", workers.queue().item("k1").orElseThrow().lastError());
    assertEquals(0, select("e3", Duration.ofHours(1)).size());
  }
}
