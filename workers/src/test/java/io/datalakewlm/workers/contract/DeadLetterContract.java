package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.queue.BatchSelector;
import io.datalakewlm.workers.queue.DeadLetter;
import io.datalakewlm.workers.queue.DeadLetterOutcome;
import io.datalakewlm.workers.queue.DeadLetters;
import io.datalakewlm.workers.queue.EnqueueRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The operators' dead letters: listed across stages and datasets, requeued into their lane's
 * place (and then selected and completed like any item), purged; each change made once, only on
 * a DEAD item.
 */
public abstract class DeadLetterContract extends QueueSupport {

  private DeadLetters dead() {
    return workers.queue().deadLetters();
  }

  private void enqueueIn(String key, String team, String dataset, String stage) {
    workers.queue().enqueue(new EnqueueRequest(key, team, dataset, null, null, stage, null, ""));
  }

  private static List<String> keysOf(List<DeadLetter> letters) {
    return letters.stream().map(DeadLetter::objectKey).toList();
  }

  private static List<String> skippedKeys(DeadLetterOutcome outcome) {
    return outcome.skipped().stream().map(DeadLetterOutcome.Skipped::objectKey).toList();
  }

  private int pending(String stage, String datasetName) {
    return workers.queue().lanes().get(stage, datasetName).orElseThrow().pendingTotal();
  }

  @Test
  void everyDeadLetterOfEveryStageIsListedWithItsFailureOldestDeathFirst() {
    enqueue("k1", "t", "a");
    enqueue("k2", "t", "b");
    Instant firstDeath = clock.instant();
    deadLetterAll("stage_b");
    clock.advance(Duration.ofMinutes(5));
    enqueueIn("k3", "t", "a", "stage_a");
    deadLetterAll("stage_a");
    enqueue("k4", "t", "a"); // queued, not dead

    List<DeadLetter> all = dead().list(null);
    assertEquals(List.of("k1", "k2", "k3"), keysOf(all));
    DeadLetter k1 = all.get(0);
    assertEquals("Glue.JobRunFailed", k1.error());
    assertTrue(k1.cause().startsWith("run of b-"), k1.cause());
    assertEquals(1, k1.item().attempts());
    assertEquals(ItemStatus.DEAD, k1.item().status());
    assertEquals(firstDeath, k1.deadAt());
    assertEquals("stage_a", all.get(2).item().stage());
    assertEquals(firstDeath.plus(Duration.ofMinutes(5)), all.get(2).deadAt());
    assertEquals(List.of("k1", "k3"), keysOf(dead().list("t-a")));
    assertEquals(List.of(), dead().list("t-nothing"));
    assertEquals(3, dead().count());
  }

  @Test
  void aRequeuedDeadLetterGoesBackToItsPlaceWithNoAttemptAndIsSelectedAndCompleted() {
    workers.queue().enqueue(new EnqueueRequest("old", "t", "d", null, null, "stage_b", new Priority(2), ""));
    deadLetterAll("stage_b");
    assertEquals(0, pending("stage_b", "t-d"), "a dead letter is not counted on its lane");
    clock.advance(Duration.ofMinutes(1));
    workers.queue().enqueue(new EnqueueRequest("new", "t", "d", null, null, "stage_b", new Priority(2), ""));

    DeadLetterOutcome outcome = dead().requeue(List.of("old"));
    assertEquals(List.of("old"), keysOf(outcome.changed()));
    assertEquals(List.of(), outcome.skipped());
    WorkItem old = workers.queue().item("old").orElseThrow();
    assertEquals(ItemStatus.QUEUED, old.status());
    assertEquals(0, old.attempts());
    assertEquals(2, old.priority().level());
    assertEquals(2, pending("stage_b", "t-d"), "the requeued item is counted on its lane");
    assertEquals(List.of(), dead().list(null));

    List<Batch> batches = select("e1", 5).batches();
    assertEquals(1, batches.size());
    assertEquals(List.of("old", "new"), batches.get(0).items().stream().map(WorkItem::objectKey).toList(),
        "the requeued item keeps its place: older first");
    assertEquals(List.of("old", "new"), workers.queue().complete("e1", batches.get(0).batchId(),
        List.of("old", "new")).done());
    assertEquals(ItemStatus.DONE, workers.queue().item("old").orElseThrow().status());
    assertEquals(0, pending("stage_b", "t-d"));
  }

  @Test
  void requeuingTwiceChangesOnceAndSkipsWhatIsNotADeadLetterSayingWhy() {
    enqueue("k1", "t", "d");
    deadLetterAll("stage_b");
    enqueue("k1", "t", "d"); // a repeated event of a dead key leaves it dead
    assertEquals(ItemStatus.DEAD, workers.queue().item("k1").orElseThrow().status());
    enqueue("k2", "t", "d");

    assertEquals(List.of("k1"), keysOf(dead().requeue(List.of("k1", "k1")).changed()));
    DeadLetterOutcome again = dead().requeue(List.of("k1", "k2", "nope"));
    assertEquals(List.of(), again.changed());
    assertEquals(List.of("k1", "k2", "nope"), skippedKeys(again));
    assertEquals("not dead-lettered: it is QUEUED", again.skipped().get(0).reason());
    assertEquals("not in the queue (purged, or never enqueued)", again.skipped().get(2).reason());
    assertEquals(2, pending("stage_b", "t-d"), "each item counted once");
    assertEquals(List.of("k1", "k2"), keys(select("e1", 5)));
  }

  @Test
  void aDeadLetterWhoseLaneWasForgottenIsFoundAndSelectedAgainAfterItsRequeue() {
    enqueue("k1", "t", "d");
    deadLetterAll("stage_b");
    clock.advance(Duration.ofHours(3));
    assertEquals(List.of(), keys(select("e1", 5)));
    assertEquals(Optional.empty(), workers.queue().lanes().get("stage_b", "t-d"), "the idle lane was forgotten");

    assertEquals(List.of("k1"), keysOf(dead().list(null)), "the stage of the dead letters is still known");
    assertEquals(List.of("k1"), keysOf(dead().requeue(List.of("k1")).changed()));
    BatchSelector.Selection again = select("e2", 5);
    assertEquals(List.of("k1"), keys(again));
    workers.queue().complete("e2", again.batches().get(0).batchId(), List.of("k1"));
    assertEquals(ItemStatus.DONE, workers.queue().item("k1").orElseThrow().status());
  }

  @Test
  void purgeDeletesOnlyDeadLettersAndOnlyOnce() {
    enqueue("k1", "t", "d");
    deadLetterAll("stage_b");
    enqueue("k2", "t", "d");

    DeadLetterOutcome purged = dead().purge(List.of("k1", "k2", "nope"));
    assertEquals(List.of("k1"), keysOf(purged.changed()));
    assertEquals(List.of("k2", "nope"), skippedKeys(purged));
    assertEquals("not dead-lettered: it is QUEUED", purged.skipped().get(0).reason());
    assertEquals(Optional.empty(), workers.queue().item("k1"));
    assertEquals(ItemStatus.QUEUED, workers.queue().item("k2").orElseThrow().status());
    assertEquals(List.of("k1"), skippedKeys(dead().purge(List.of("k1"))));
    assertEquals(0, dead().count());

    enqueue("k1", "t", "d"); // a purged key can be enqueued anew
    assertEquals(0, workers.queue().item("k1").orElseThrow().attempts());
    assertEquals(List.of("k1", "k2"), keys(select("e1", 5)));
  }
}
