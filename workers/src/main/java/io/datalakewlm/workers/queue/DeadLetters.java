package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.catalog.DatasetCatalog;
import io.datalakewlm.workers.catalog.PriorityTable;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The dead letters of the queue, for operators: items whose attempts were spent (status DEAD,
 * with the error and cause of their last failure), listed, put back in their lane or deleted.
 *
 * <p>Reading: a DEAD item sits in the lane-index partition {@code DEAD#<stage>}, oldest death
 * first; the stages are found in the lane registry ({@link DatasetLanes#deadLetterStages}), so
 * listing and counting are queries, never a scan. They read every dead letter once (read units in
 * proportion to their number) and, on DynamoDB, lag a dead-lettering by about a second.
 *
 * <p>Changing: every requeue and purge re-reads the item (strongly consistent) and writes it only
 * on condition that it is still DEAD, so racing operators, a late Enqueue of the same key or a
 * running dispatcher change it once, and a second run changes nothing. A requeue counts the item
 * on its dataset's lane BEFORE the item goes back (as {@link WorkQueue#enqueue} does) and gives
 * the count back if the write loses: an item is never in a lane the registry does not count, so
 * the next selection finds it. It goes back QUEUED with no attempt spent, in its original place
 * (its level and enqueue time), with the dataset's current batch bounds; its last error and
 * cause are kept on the item. Dead letters hold no job slot and no count, so a purge touches
 * nothing but the item.
 */
public final class DeadLetters {

  private static final int PAGE = 500;

  private final Store store;
  private final Clock clock;
  private final PriorityTable priorities;
  private final DatasetCatalog datasets;
  private final DatasetLanes lanes;

  DeadLetters(Store store, Clock clock, PriorityTable priorities, DatasetCatalog datasets, DatasetLanes lanes) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
    this.priorities = Objects.requireNonNull(priorities);
    this.datasets = Objects.requireNonNull(datasets);
    this.lanes = Objects.requireNonNull(lanes);
  }

  /**
   * Every dead letter, oldest death first.
   *
   * @param datasetName only those of this {@code team-dataset}, or null for all
   */
  public List<DeadLetter> list(String datasetName) {
    List<DeadLetter> dead = new ArrayList<>();
    for (String stage : lanes.deadLetterStages()) {
      Query query = new Query(Table.QUEUE, "lane-index", QueueRecords.deadLane(stage), null, true, PAGE, null);
      Page page = store.query(query);
      while (true) {
        for (Item raw : page.items()) {
          DeadLetter letter = DeadLetter.parse(raw);
          if (letter.item().status() == ItemStatus.DEAD
              && (datasetName == null || datasetName.equals(letter.item().datasetName()))) {
            dead.add(letter);
          }
        }
        if (!page.hasMore()) {
          break;
        }
        page = store.query(query.after(page.lastEvaluated()));
      }
    }
    dead.sort(Comparator.comparing((DeadLetter d) -> d.deadAt() == null ? 0L : d.deadAt().toEpochMilli())
        .thenComparing(DeadLetter::objectKey));
    return dead;
  }

  /** How many items are dead-lettered (reads them all: see the class caveats). */
  public int count() {
    return list(null).size();
  }

  /** One item, whatever its status; empty when the queue has no such key. */
  public Optional<DeadLetter> get(String objectKey) {
    return store.get(Table.QUEUE, key(objectKey)).map(DeadLetter::parse);
  }

  /** Puts the keys' dead letters back QUEUED in their lanes with attempts reset; other keys are skipped. */
  public DeadLetterOutcome requeue(Collection<String> objectKeys) {
    List<DeadLetter> requeued = new ArrayList<>();
    List<DeadLetterOutcome.Skipped> skipped = new ArrayList<>();
    for (String objectKey : new LinkedHashSet<>(objectKeys)) {
      Optional<DeadLetter> current = get(objectKey);
      if (!isDead(current)) {
        skipped.add(new DeadLetterOutcome.Skipped(objectKey, whyNot(current)));
        continue;
      }
      DeadLetter letter = current.get();
      WorkItem item = letter.item();
      DatasetConfig config = datasets.get(item.datasetName()).orElse(DatasetConfig.defaults(item.datasetName()));
      int minBatch = config.minItems(item.stage());
      int maxBatch = config.maxItems(item.stage());
      lanes.touch(item.stage(), item.team(), item.dataset(), priorities.source(item.source()), minBatch, maxBatch,
          config.crawlerEnabled(), Map.of(item.priority().level(), 1), item.enqueuedAt());
      Update back = Update.builder().set("status", ItemStatus.QUEUED.name()).set("attempts", 0)
          .set("minBatch", minBatch).set("maxBatch", maxBatch).set("requeuedAt", clock.millis())
          .set("lane", QueueRecords.lane(item.stage(), item.datasetName()))
          .set("laneOrder", QueueRecords.laneOrder(item.priority().level(), item.enqueuedAt(), objectKey))
          .remove("deadAt").build();
      if (store.update(Table.QUEUE, key(objectKey), back, stillDead()).isPresent()) {
        requeued.add(letter);
      } else {
        lanes.forget(item.stage(), item.datasetName(), WorkQueue.perLevel(List.of(item))); // another writer was first
        skipped.add(new DeadLetterOutcome.Skipped(objectKey, whyNot(get(objectKey))));
      }
    }
    return new DeadLetterOutcome(requeued, skipped);
  }

  /** Deletes the keys' dead letters for good; other keys are skipped. */
  public DeadLetterOutcome purge(Collection<String> objectKeys) {
    List<DeadLetter> purged = new ArrayList<>();
    List<DeadLetterOutcome.Skipped> skipped = new ArrayList<>();
    for (String objectKey : new LinkedHashSet<>(objectKeys)) {
      Optional<DeadLetter> current = get(objectKey);
      if (isDead(current) && store.delete(Table.QUEUE, key(objectKey), stillDead())) {
        purged.add(current.get());
      } else {
        skipped.add(new DeadLetterOutcome.Skipped(objectKey, whyNot(isDead(current) ? get(objectKey) : current)));
      }
    }
    return new DeadLetterOutcome(purged, skipped);
  }

  // The item is there and dead-lettered.
  private static boolean isDead(Optional<DeadLetter> item) {
    return item.isPresent() && item.get().item().status() == ItemStatus.DEAD;
  }

  // Why a key is not (or no longer) a dead letter, as an operator reads it.
  private static String whyNot(Optional<DeadLetter> item) {
    if (item.isEmpty()) {
      return "not in the queue (purged, or never enqueued)";
    }
    if (item.get().item().status() == ItemStatus.DEAD) {
      return "changed by another writer meanwhile; run the command again";
    }
    return "not dead-lettered: it is " + item.get().item().status();
  }

  // The condition of every operator write: the item is still DEAD.
  private static Condition stillDead() {
    return Condition.eq("status", ItemStatus.DEAD.name());
  }

  private static Key key(String objectKey) {
    return Key.of("objectKey", objectKey);
  }
}
