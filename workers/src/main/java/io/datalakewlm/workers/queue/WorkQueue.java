package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.catalog.DatasetCatalog;
import io.datalakewlm.workers.catalog.PriorityTable;
import io.datalakewlm.workers.dependency.StageStatuses;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Lease;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.SortCondition;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The queue of work items in {@code wlm-queue}, one item per object key, moved between states
 * only by conditional single-item writes:
 * <ul>
 *   <li>enqueue: put if absent (or if the previous run of that key is DONE and the version
 *       differs), then touch the lane registry;</li>
 *   <li>lease: QUEUED in the expected lane -> LEASED to one owner and batch (the losing writer of
 *       a race sees its condition fail and skips the item: nothing is leased twice);</li>
 *   <li>complete: LEASED to this batch -> DONE (kept, with a TTL, so a repeated Complete is
 *       recognised);</li>
 *   <li>fail / give back: LEASED to this batch -> QUEUED with one more attempt, in its original
 *       place in the lane, or DEAD with the cause once attempts are spent.</li>
 * </ul>
 * Every transition that frees a batch also releases the batch's source slot and records the
 * stage outcome. Nothing is deleted, so nothing is lost.
 */
public final class WorkQueue {

  /** How long a DONE item is kept (DynamoDB's TTL removes it later; dynalite keeps it). */
  static final Duration DONE_RETENTION = Duration.ofDays(7);
  private static final String LEASED = "1";

  private final Store store;
  private final Clock clock;
  private final PriorityTable priorities;
  private final DatasetCatalog datasets;
  private final StageStatuses statuses;
  private final LaneRegistry registry;

  public WorkQueue(Store store, Clock clock, PriorityTable priorities, DatasetCatalog datasets,
                   StageStatuses statuses) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
    this.priorities = Objects.requireNonNull(priorities);
    this.datasets = Objects.requireNonNull(datasets);
    this.statuses = Objects.requireNonNull(statuses);
    this.registry = new LaneRegistry(store, clock);
  }

  LaneRegistry registry() {
    return registry;
  }

  Clock clock() {
    return clock;
  }

  /** Stores an item QUEUED with its priority and batch bounds; idempotent per object key (and version). */
  public EnqueueResult enqueue(EnqueueRequest request) {
    PriorityTable.Resolution resolution = priorities.resolve(request.team(), request.dataset(), request.table(),
        request.source());
    Priority priority = request.priority() != null ? request.priority() : resolution.priority();
    Source source = resolution.source();
    DatasetConfig config = datasets.get(request.team() + "-" + request.dataset())
        .orElse(DatasetConfig.defaults(request.team() + "-" + request.dataset()));
    WorkItem item = new WorkItem(request.objectKey(), request.team(), request.dataset(), request.table(),
        source.name(), request.stage(), priority, config.minItems(request.stage()), config.maxItems(request.stage()),
        clock.instant(), 0, ItemStatus.QUEUED, request.version(), null, null);
    Condition newVersion = request.version().isEmpty() ? Condition.always()
        : Condition.or(Condition.notExists("version"),
            Condition.compare(io.datalakewlm.workers.store.AttributePath.of("version"), Condition.Op.NE,
                request.version()));
    Condition absentOrRedo = Condition.or(Condition.notExists("objectKey"),
        Condition.and(Condition.eq("status", ItemStatus.DONE.name()), newVersion));
    if (store.put(Table.QUEUE, QueueRecords.queued(item), absentOrRedo)) {
      registry.touch(item.stage(), priority.level(), source);
      return new EnqueueResult(item, true);
    }
    WorkItem existing = item(request.objectKey()).orElseThrow(() -> new IllegalStateException(
        "enqueue of " + request.objectKey() + " was refused but the item is gone"));
    return new EnqueueResult(existing, false);
  }

  public Optional<WorkItem> item(String objectKey) {
    return store.get(Table.QUEUE, Key.of("objectKey", objectKey)).map(QueueRecords::parse);
  }

  /** One page of a lane, oldest first (eventually consistent on DynamoDB). */
  Page lanePage(String lane, int limit, Key startAfter) {
    return store.query(new Query(Table.QUEUE, "lane-index", lane, null, true, limit, startAfter));
  }

  /** Leases a QUEUED item of the given lane; false when another selector took it first or it left the lane. */
  boolean lease(WorkItem item, Lease lease) {
    Update update = Update.builder().set("status", ItemStatus.LEASED.name()).set("leaseOwner", lease.owner())
        .set("batchId", lease.batchId()).set("leased", LEASED).set("leaseExpiry", lease.expiresAt().toEpochMilli())
        .set("leasedAt", clock.millis()).remove("lane").remove("laneOrder").build();
    Condition queuedInLane = Condition.and(Condition.eq("status", ItemStatus.QUEUED.name()),
        Condition.eq("lane", QueueRecords.lane(item.stage(), item.priority().level(), item.source())));
    return store.update(Table.QUEUE, Key.of("objectKey", item.objectKey()), update, queuedInLane).isPresent();
  }

  /** Marks a batch's items DONE, records the stage outcome and frees the batch's source slot. */
  public Outcome complete(String owner, String batchId, List<String> objectKeys) {
    Instant now = clock.instant();
    List<String> done = new ArrayList<>();
    List<String> already = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    Map<String, Integer> completedPerStage = new LinkedHashMap<>();
    String source = null;
    for (String key : objectKeys) {
      Update update = Update.builder().set("status", ItemStatus.DONE.name()).set("completedAt", now.toEpochMilli())
          .set("expiresAt", now.plus(DONE_RETENTION).getEpochSecond())
          .remove("leaseOwner").remove("leased").remove("leaseExpiry").build();
      Optional<Item> after = store.update(Table.QUEUE, Key.of("objectKey", key), update, leasedTo(owner, batchId));
      if (after.isPresent()) {
        WorkItem item = QueueRecords.parse(after.get());
        done.add(key);
        completedPerStage.merge(item.datasetName() + "\n" + item.stage(), 1, Integer::sum);
        source = item.source();
      } else {
        Optional<Item> current = store.get(Table.QUEUE, Key.of("objectKey", key));
        boolean repeated = current.isPresent() && ItemStatus.DONE.name().equals(current.get().optString("status").orElse(""))
            && batchId.equals(current.get().optString("batchId").orElse(""));
        (repeated ? already : lost).add(key);
        if (repeated) {
          source = current.get().string("source");
        }
      }
    }
    completedPerStage.forEach((datasetStage, n) -> {
      String[] parts = datasetStage.split("\n", 2);
      statuses.recordCompleted(parts[0], parts[1], n);
    });
    if (source != null) {
      registry.slot(source).release(batchId);
    }
    return new Outcome(done, already, List.of(), lost);
  }

  /**
   * Returns a batch's items after a failure: QUEUED again with one more attempt, or DEAD with
   * the cause once {@code maxAttempts} are spent; records the outcome and frees the source slot.
   *
   * @param countAttempt false when the batch never ran (it found no slot): it goes back without
   *     spending an attempt, so a busy account delays work but never dead-letters it
   */
  public Outcome fail(String owner, String batchId, List<String> objectKeys, String error, String cause,
                      int maxAttempts, boolean countAttempt) {
    List<WorkItem> items = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    List<String> already = new ArrayList<>();
    for (String key : objectKeys) {
      Optional<Item> raw = store.get(Table.QUEUE, Key.of("objectKey", key));
      Optional<WorkItem> item = raw.map(QueueRecords::parse);
      if (item.isPresent() && item.get().status() == ItemStatus.LEASED && item.get().lease() != null
          && item.get().lease().owner().equals(owner) && item.get().lease().batchId().equals(batchId)) {
        items.add(item.get());
      } else if (item.isPresent() && item.get().status() != ItemStatus.LEASED
          && batchId.equals(raw.get().optString("lastBatchId").orElse(""))) {
        already.add(key); // this batch's failure was recorded before: a retried Fail
      } else {
        lost.add(key);
      }
    }
    Outcome outcome = giveBack(items, error, cause, maxAttempts, countAttempt);
    List<String> allLost = new ArrayList<>(lost);
    allLost.addAll(outcome.lost());
    List<String> allAlready = new ArrayList<>(already);
    allAlready.addAll(outcome.already());
    if (!items.isEmpty()) {
      registry.slot(items.get(0).source()).release(batchId);
    }
    return new Outcome(outcome.done(), allAlready, outcome.deadLettered(), allLost);
  }

  /**
   * Puts leased items back (reap, expired lease, failure), each conditioned on the lease it had
   * when read; records FAILED outcomes. Does not release source slots (callers do, per batch).
   *
   * @param countAttempt whether the return counts as a failed attempt
   */
  public Outcome giveBack(List<WorkItem> items, String error, String cause, int maxAttempts, boolean countAttempt) {
    Instant now = clock.instant();
    List<String> requeued = new ArrayList<>();
    List<String> dead = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    Map<String, int[]> perStage = new LinkedHashMap<>();
    for (WorkItem item : items) {
      Lease lease = Objects.requireNonNull(item.lease(), "only leased items can be given back");
      int attempts = item.attempts() + (countAttempt ? 1 : 0);
      boolean toDead = countAttempt && attempts >= maxAttempts;
      Update.Builder update = Update.builder().set("attempts", attempts)
          .set("lastError", truncate(error, 256)).set("lastCause", truncate(cause, 4096))
          .set("lastBatchId", lease.batchId())
          .remove("leaseOwner").remove("leased").remove("leaseExpiry").remove("batchId").remove("leasedAt");
      if (toDead) {
        update.set("status", ItemStatus.DEAD.name()).set("deadAt", now.toEpochMilli())
            .set("lane", QueueRecords.deadLane(item.stage())).set("laneOrder", QueueRecords.laneOrder(now, item.objectKey()));
      } else {
        update.set("status", ItemStatus.QUEUED.name())
            .set("lane", QueueRecords.lane(item.stage(), item.priority().level(), item.source()))
            .set("laneOrder", QueueRecords.laneOrder(item.enqueuedAt(), item.objectKey()));
      }
      Condition unchanged = Condition.and(leasedTo(lease.owner(), lease.batchId()),
          Condition.eq("leaseExpiry", lease.expiresAt().toEpochMilli()), Condition.eq("attempts", item.attempts()));
      if (store.update(Table.QUEUE, Key.of("objectKey", item.objectKey()), update.build(), unchanged).isEmpty()) {
        lost.add(item.objectKey());
        continue;
      }
      if (toDead) {
        dead.add(item.objectKey());
      } else {
        requeued.add(item.objectKey());
        registry.touch(item.stage(), item.priority().level(), priorities.source(item.source()));
      }
      if (countAttempt) {
        int[] counts = perStage.computeIfAbsent(item.datasetName() + "\n" + item.stage(), k -> new int[2]);
        counts[0]++;
        counts[1] += toDead ? 1 : 0;
      }
    }
    perStage.forEach((datasetStage, counts) -> {
      String[] parts = datasetStage.split("\n", 2);
      statuses.recordFailed(parts[0], parts[1], counts[0], counts[1]);
    });
    return new Outcome(requeued, List.of(), dead, lost);
  }

  /**
   * Gives leased items back, counting a failed attempt (reap, expired lease), and frees the
   * source slot of each batch they were in.
   */
  public Outcome returnLeased(List<WorkItem> items, String error, String cause, int maxAttempts) {
    Outcome outcome = giveBack(items, error, cause, maxAttempts, true);
    Map<String, String> batches = new LinkedHashMap<>();
    items.forEach(i -> batches.put(i.lease().batchId(), i.source()));
    batches.forEach((batchId, source) -> registry.slot(source).release(batchId));
    return outcome;
  }

  /** Reclaims the source slots whose lease expired; the number reclaimed. */
  public int reclaimExpiredSourceSlots() {
    int reclaimed = 0;
    for (String source : registry.slotSources()) {
      reclaimed += registry.slot(source).reclaimExpired();
    }
    return reclaimed;
  }

  /** Extends the lease of a batch's items (and its source slot); the keys no longer leased to it are lost. */
  public Outcome renew(String owner, String batchId, List<String> objectKeys, Duration lease) {
    long until = clock.instant().plus(lease).toEpochMilli();
    List<String> renewed = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    String source = null;
    for (String key : objectKeys) {
      Optional<Item> after = store.update(Table.QUEUE, Key.of("objectKey", key),
          Update.builder().set("leaseExpiry", until).build(), leasedTo(owner, batchId));
      if (after.isPresent()) {
        renewed.add(key);
        source = after.get().string("source");
      } else {
        lost.add(key);
      }
    }
    if (source != null) {
      registry.slot(source).renew(batchId, Instant.ofEpochMilli(until));
    }
    return new Outcome(renewed, List.of(), List.of(), lost);
  }

  /** The items an execution holds (eventually consistent on DynamoDB). */
  public List<WorkItem> leasedBy(String owner) {
    List<WorkItem> items = new ArrayList<>();
    Query query = Query.of(Table.QUEUE, "owner-index", owner, 100);
    Page page = store.query(query);
    while (true) {
      page.items().forEach(i -> items.add(QueueRecords.parse(i)));
      if (!page.hasMore()) {
        return items;
      }
      page = store.query(query.after(page.lastEvaluated()));
    }
  }

  /** Leased items whose lease expired before {@code now}, oldest expiry first, at most {@code limit}. */
  public List<WorkItem> expiredLeases(Instant now, int limit) {
    List<WorkItem> items = new ArrayList<>();
    Query query = Query.of(Table.QUEUE, "lease-index", LEASED, Math.min(limit, 100))
        .withSort(SortCondition.lessThan(now.toEpochMilli()));
    Page page = store.query(query);
    while (true) {
      page.items().forEach(i -> items.add(QueueRecords.parse(i)));
      if (!page.hasMore() || items.size() >= limit) {
        return items.size() > limit ? items.subList(0, limit) : items;
      }
      page = store.query(query.after(page.lastEvaluated()));
    }
  }

  /** Dead-lettered items of a stage, oldest first. */
  public List<WorkItem> deadLetters(String stage, int limit) {
    return lanePage(QueueRecords.deadLane(stage), limit, null).items().stream().map(QueueRecords::parse).toList();
  }

  // The item is leased to this owner and batch.
  private static Condition leasedTo(String owner, String batchId) {
    return Condition.and(Condition.eq("status", ItemStatus.LEASED.name()), Condition.eq("leaseOwner", owner),
        Condition.eq("batchId", batchId));
  }

  private static String truncate(String text, int max) {
    String t = text == null || text.isBlank() ? "(none)" : text;
    return t.length() <= max ? t : t.substring(0, max);
  }
}
