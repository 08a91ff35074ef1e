package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.catalog.DatasetCatalog;
import io.datalakewlm.workers.catalog.PriorityTable;
import io.datalakewlm.workers.dependency.StageStatuses;
import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Lease;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.domain.StageStatus;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.store.AttributePath;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The queue of work items in {@code wlm-queue}, one item per object key, moved between states
 * only by conditional single-item writes:
 * <ul>
 *   <li>enqueue: counted in its dataset's lane first (see {@link DatasetLanes}), then put if
 *       absent (or if the previous run of that key is DONE and the version differs);</li>
 *   <li>take: NOT an item write. A batch is a holder on its dataset's lane that lists the items'
 *       keys with the attempts each had (see {@link BatchSelector}); the items stay QUEUED;</li>
 *   <li>complete: QUEUED with the attempts its holder lists -> DONE, only for keys the holder
 *       lists (kept, with a TTL, so a repeated Complete is recognised);</li>
 *   <li>fail, reap, sweep: one more attempt on each key the holder lists, conditioned the same
 *       way (so a stale holder's late write finds the attempts changed and writes nothing), or
 *       DEAD with the cause once attempts are spent; a batch that never ran goes back without
 *       an item write;</li>
 *   <li>requeue or purge by an operator (see {@link DeadLetters}): DEAD -> QUEUED in its place
 *       with no attempt spent, or deleted.</li>
 * </ul>
 * Every transition that ends a batch also removes its holder from the lane (its job slot) and
 * gives back its source slot if the source is capped, in one write with what the batch records on
 * the lane, and records the stage outcome. Nothing is deleted but by an operator's purge of dead
 * letters, so nothing is lost. Items LEASED one by one by an older version are still returned by
 * {@link #returnLeased}.
 */
public final class WorkQueue {

  /** How long a DONE item is kept (DynamoDB's TTL removes it later; dynalite keeps it). */
  static final Duration DONE_RETENTION = Duration.ofDays(7);
  private static final String LEASED = "1";

  /**
   * What a finished batch did and what its lane looked like around the release.
   *
   * @param before the lane as read before the release, or null when the batch's lane is unknown
   * @param after the lane after the release, or null when nothing was released (a repeated call)
   */
  public record Completion(Outcome outcome, DatasetLane before, DatasetLane after) { }

  private final Store store;
  private final Clock clock;
  private final PriorityTable priorities;
  private final DatasetCatalog datasets;
  private final StageStatuses statuses;
  private final DatasetLanes lanes;
  private final SourceSlots sourceSlots;
  private final DeadLetters deadLetters;

  public WorkQueue(Store store, Clock clock, PriorityTable priorities, DatasetCatalog datasets,
                   StageStatuses statuses) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
    this.priorities = Objects.requireNonNull(priorities);
    this.datasets = Objects.requireNonNull(datasets);
    this.statuses = Objects.requireNonNull(statuses);
    this.lanes = new DatasetLanes(store, clock);
    this.sourceSlots = new SourceSlots(store, clock);
    this.deadLetters = new DeadLetters(store, clock, priorities, datasets, lanes);
  }

  /** The dataset lanes (the selection's registry). */
  public DatasetLanes lanes() {
    return lanes;
  }

  /** The in-flight slots of capped sources. */
  public SourceSlots sourceSlots() {
    return sourceSlots;
  }

  /** The dead letters (items whose attempts were spent), for operators. */
  public DeadLetters deadLetters() {
    return deadLetters;
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
    Optional<WorkItem> existing = item(request.objectKey());
    if (existing.isPresent() && !(existing.get().status() == ItemStatus.DONE
        && (request.version().isEmpty() || !request.version().equals(existing.get().version())))) {
      return new EnqueueResult(existing.get(), false); // a repeated event: nothing to write
    }
    Condition newVersion = request.version().isEmpty() ? Condition.always()
        : Condition.or(Condition.notExists("version"),
            Condition.compare(AttributePath.of("version"), Condition.Op.NE, request.version()));
    Condition absentOrRedo = Condition.or(Condition.notExists("objectKey"),
        Condition.and(Condition.eq("status", ItemStatus.DONE.name()), newVersion));
    Map<Integer, Integer> one = Map.of(priority.level(), 1);
    lanes.touch(item.stage(), item.team(), item.dataset(), source, item.minBatch(), item.maxBatch(),
        config.crawlerEnabled(), one, item.enqueuedAt());
    if (store.put(Table.QUEUE, QueueRecords.queued(item), absentOrRedo)) {
      return new EnqueueResult(item, true);
    }
    lanes.forget(item.stage(), item.datasetName(), perLevel(List.of(item))); // another writer was first
    return new EnqueueResult(item(request.objectKey()).orElse(item), false);
  }

  public Optional<WorkItem> item(String objectKey) {
    return store.get(Table.QUEUE, Key.of("objectKey", objectKey)).map(QueueRecords::parse);
  }

  /**
   * The item, read consistently, if it is QUEUED in the lane: for a key the lane index shows
   * though a batch finished it a moment ago (the index may lag, or the key was queued again).
   */
  Optional<WorkItem> queuedIn(String objectKey, String lane) {
    return store.get(Table.QUEUE, Key.of("objectKey", objectKey))
        .filter(i -> ItemStatus.QUEUED.name().equals(i.optString("status").orElse(""))
            && lane.equals(i.optString("lane").orElse("")))
        .map(QueueRecords::parse);
  }

  /** One page of a lane, best level then oldest first (eventually consistent on DynamoDB). */
  Page lanePage(String lane, int limit, Key startAfter) {
    return store.query(new Query(Table.QUEUE, "lane-index", lane, null, true, limit, startAfter));
  }

  /** Marks a batch's items DONE, records the stage outcome and frees the batch's slots. */
  public Outcome complete(String owner, String batchId, List<String> objectKeys) {
    return complete(owner, batchId, objectKeys, lane -> List.of()).outcome();
  }

  /** A batch's holder as read from its lane: the lane, the holder (null when gone), a sample item. */
  private record Held(DatasetLane lane, DatasetLane.Holder holder, WorkItem sample) { }

  // Finds a batch's lane through its first stored item and reads the batch's holder there.
  private Optional<Held> held(String holderId, List<String> objectKeys) {
    for (String key : objectKeys) {
      Optional<WorkItem> item = item(key);
      if (item.isPresent()) {
        Optional<DatasetLane> lane = lanes.get(item.get().stage(), item.get().datasetName());
        return Optional.of(new Held(lane.orElse(null), lane.map(l -> l.holders().get(holderId)).orElse(null),
            item.get()));
      }
    }
    return Optional.empty();
  }

  // The item is still QUEUED in its lane with the attempts its holder took it with: no one else
  // counted an attempt (a reap or sweep) or finished it since.
  private static Condition heldAs(WorkItem sample, int attempts) {
    return Condition.and(Condition.eq("status", ItemStatus.QUEUED.name()),
        Condition.eq("lane", QueueRecords.lane(sample.stage(), sample.datasetName())),
        Condition.eq("attempts", attempts));
  }

  /**
   * Marks a batch's items DONE (only the keys its holder lists, each conditioned on the attempts
   * it was taken with), gives back its job slot with {@code onLane}'s actions in the same write,
   * records that the dataset completed the stage today (once a day: the lane mirrors what was
   * recorded) and frees its source slot.
   *
   * @param onLane what else the finished batch writes on its lane, given the lane as read before
   *     each attempt of the release
   */
  public Completion complete(String owner, String batchId, List<String> objectKeys,
                             Function<DatasetLane, List<Update.Action>> onLane) {
    Instant now = clock.instant();
    String holderId = owner + "#" + batchId;
    List<String> done = new ArrayList<>();
    List<String> already = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    List<WorkItem> finished = new ArrayList<>();
    Optional<Held> held = held(holderId, objectKeys);
    if (held.isEmpty()) {
      return new Completion(new Outcome(done, already, List.of(), new ArrayList<>(objectKeys)), null, null);
    }
    DatasetLane.Holder holder = held.get().holder();
    WorkItem sample = held.get().sample();
    for (String key : objectKeys) {
      Integer attempts = holder == null ? null : holder.keys().get(key);
      if (attempts != null) {
        Update update = Update.builder().set("status", ItemStatus.DONE.name()).set("completedAt", now.toEpochMilli())
            .set("expiresAt", now.plus(DONE_RETENTION).getEpochSecond()).set("batchId", batchId)
            .remove("lane").remove("laneOrder").build();
        Optional<Item> after = store.update(Table.QUEUE, Key.of("objectKey", key), update, heldAs(sample, attempts));
        if (after.isPresent()) {
          done.add(key);
          finished.add(QueueRecords.parse(after.get()));
          continue;
        }
      }
      Optional<Item> current = store.get(Table.QUEUE, Key.of("objectKey", key));
      boolean repeated = current.isPresent() && ItemStatus.DONE.name().equals(current.get().optString("status").orElse(""))
          && batchId.equals(current.get().optString("batchId").orElse(""));
      (repeated ? already : lost).add(key);
    }
    Outcome outcome = new Outcome(done, already, List.of(), lost);
    if (done.isEmpty() && already.isEmpty()) {
      return new Completion(outcome, null, null);
    }
    Optional<DatasetLane> before = Optional.ofNullable(held.get().lane());
    String today = statuses.today().toString();
    boolean recorded = before.isPresent() && today.equals(before.get().statusDay())
        && StageStatus.COMPLETED.equals(before.get().statusOutcome());
    DatasetLane after = null;
    if (before.isPresent() && holder != null) {
      Function<DatasetLane, List<Update.Action>> actions = current -> {
        List<Update.Action> all = new ArrayList<>(onLane.apply(current));
        if (!recorded && !finished.isEmpty()) {
          all.add(new Update.Set(AttributePath.of("statusDay"), today));
          all.add(new Update.Set(AttributePath.of("statusOutcome"), StageStatus.COMPLETED));
        }
        return all;
      };
      after = lanes.release(before.get(), holderId, perLevel(finished), actions, new HashSet<>(done),
          done.size() < holder.keys().size()).orElse(null);
    }
    if (!recorded && !finished.isEmpty()) {
      statuses.recordCompleted(sample.datasetName(), sample.stage(), finished.size());
    }
    releaseSourceSlot(sample.source(), batchId, before.orElse(null));
    return new Completion(outcome, before.orElse(null), after);
  }

  /**
   * Returns a batch's items after a failure: QUEUED again with one more attempt, or DEAD with
   * the cause once {@code maxAttempts} are spent; records the outcome and frees the batch's slots.
   * Only the keys the batch's holder lists are touched, each conditioned on the attempts it was
   * taken with.
   *
   * @param countAttempt false when the batch never ran (it found no capacity): it goes back without
   *     spending an attempt (and without writing its items: they never left the lane), so a busy
   *     account delays work but never dead-letters it
   */
  public Outcome fail(String owner, String batchId, List<String> objectKeys, String error, String cause,
                      int maxAttempts, boolean countAttempt) {
    String holderId = owner + "#" + batchId;
    Optional<Held> held = held(holderId, objectKeys);
    if (held.isEmpty()) {
      return new Outcome(List.of(), List.of(), List.of(), new ArrayList<>(objectKeys));
    }
    DatasetLane.Holder holder = held.get().holder();
    List<String> mine = new ArrayList<>();
    List<String> already = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    for (String key : objectKeys) {
      if (holder != null && holder.keys().containsKey(key)) {
        mine.add(key);
      } else {
        Optional<Item> current = store.get(Table.QUEUE, Key.of("objectKey", key));
        boolean repeated = current.isPresent() && batchId.equals(current.get().optString("lastBatchId").orElse(""));
        (repeated ? already : lost).add(key); // a retried Fail finds its failure recorded
      }
    }
    if (holder == null) {
      return new Outcome(List.of(), already, List.of(), lost);
    }
    Returned returned = countAttempt
        ? countAttempts(held.get().sample(), batchId, holder, mine, error, cause, maxAttempts)
        : new Returned(new Outcome(mine, List.of(), List.of(), List.of()), new int[Priority.LOWEST + 1], null,
            Map.of(), Map.of());
    List<String> allLost = new ArrayList<>(lost);
    allLost.addAll(returned.outcome().lost());
    List<Update.Action> actions = new ArrayList<>();
    if (countAttempt && returned.outcome().done().size() + returned.outcome().deadLettered().size() > 0) {
      actions.add(new Update.Set(AttributePath.of("statusDay"), statuses.today().toString()));
      actions.add(new Update.Set(AttributePath.of("statusOutcome"), StageStatus.FAILED));
    }
    DatasetLane lane = held.get().lane();
    lanes.release(lane, holderId, returned.dead(), actions, new HashSet<>(returned.outcome().deadLettered()), true);
    releaseSourceSlot(held.get().sample().source(), batchId, lane);
    recordFailures(List.of(), returned, countAttempt);
    return new Outcome(returned.outcome().done(), already, returned.outcome().deadLettered(), allLost);
  }

  /** What the holders an execution had on the lanes, or the expired ones, came to. */
  public record Reaped(int holders, Outcome outcome) { }

  /**
   * Takes back every batch an execution holds on the lanes: one attempt counted on each of its
   * items (dead-lettered when spent), then its holder removed and its source slot freed.
   */
  public Reaped reapHolders(String executionId, String error, String cause, int maxAttempts) {
    return reapWhere((holderId, holder) -> holderId.equals(executionId) || holderId.startsWith(executionId + "#"),
        error, cause, maxAttempts);
  }

  /** Takes back every batch whose holder's lease expired, as {@link #reapHolders} does. */
  public Reaped reapExpiredHolders(String error, String cause, int maxAttempts) {
    Instant now = clock.instant();
    return reapWhere((holderId, holder) -> !holder.until().isAfter(now), error, cause, maxAttempts);
  }

  // Reaps the holders a test picks, lane by lane.
  private Reaped reapWhere(java.util.function.BiPredicate<String, DatasetLane.Holder> which, String error,
                           String cause, int maxAttempts) {
    int holders = 0;
    List<String> requeued = new ArrayList<>();
    List<String> dead = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    for (DatasetLane lane : lanes.read()) {
      for (Map.Entry<String, DatasetLane.Holder> entry : lane.holders().entrySet()) {
        if (!which.test(entry.getKey(), entry.getValue())) {
          continue;
        }
        String holderId = entry.getKey();
        String batchId = holderId.substring(holderId.lastIndexOf('#') + 1);
        DatasetLane.Holder holder = entry.getValue();
        WorkItem sample = new WorkItem("-", lane.team(), lane.dataset(), null, lane.source().name(), lane.stage(),
            Priority.DEFAULT, lane.minItems(), lane.maxItems(), lane.oldest(), 0, ItemStatus.QUEUED, "", null, null);
        Returned returned = countAttempts(sample, batchId, holder, new ArrayList<>(holder.keys().keySet()), error,
            cause, maxAttempts);
        // a key whose write failed was finished by its holder meanwhile: keep it from a lagging index too
        Set<String> settled = new HashSet<>(returned.outcome().deadLettered());
        settled.addAll(returned.outcome().lost());
        Optional<DatasetLane> current = lanes.get(lane.stage(), lane.datasetName());
        if (current.isPresent() && lanes.release(current.get(), holderId, returned.dead(), List.of(), settled, true)
            .isPresent()) {
          holders++;
          releaseSourceSlot(lane.source().name(), batchId, lane);
        }
        recordFailures(List.of(), returned, true);
        requeued.addAll(returned.outcome().done());
        dead.addAll(returned.outcome().deadLettered());
        lost.addAll(returned.outcome().lost());
      }
    }
    return new Reaped(holders, new Outcome(requeued, List.of(), dead, lost));
  }

  /**
   * Puts items LEASED by an older version back (its reap or expired lease), counting an attempt,
   * each conditioned on the lease it had when read; records FAILED outcomes and frees the job and
   * source slots of each batch they were in. (This version takes batches with a holder on the lane
   * instead, see {@link #reapHolders}; these items are what a deployment of the older version left.)
   */
  public Outcome returnLeased(List<WorkItem> items, String error, String cause, int maxAttempts) {
    Returned returned = requeue(items, error, cause, maxAttempts, true);
    forgetDead(returned);
    recordFailures(items, returned, true);
    Map<String, WorkItem> batches = new LinkedHashMap<>();
    items.forEach(i -> batches.putIfAbsent(i.lease().batchId(), i));
    batches.forEach((batchId, item) -> {
      Optional<DatasetLane> lane = lanes.get(item.stage(), item.datasetName());
      lane.flatMap(l -> lanes.release(l, item.lease().owner() + "#" + batchId, new int[Priority.LOWEST + 1], List.of(),
          Set.of(), false));
      lane.ifPresent(l -> ageFrom(l, returned.oldestRequeued()));
      releaseSourceSlot(item.source(), batchId, lane.orElse(null));
    });
    return returned.outcome();
  }

  /** Gives back a batch that was taken but never started (its selection raced with a reap). */
  void giveBackUnstarted(Batch batch) {
    Optional<DatasetLane> lane = lanes.get(batch.stage(), batch.datasetName());
    lane.ifPresent(l -> lanes.release(l, batch.holderId(), new int[Priority.LOWEST + 1], List.of(), Set.of(), true));
    if (batch.sourceSlot()) {
      sourceSlots.release(batch.source(), batch.batchId());
    }
  }

  /**
   * Reclaims the source slots whose lease expired; the number reclaimed. Expired job slot holders
   * are not reclaimed here: their items need an attempt counted ({@link #reapExpiredHolders}).
   */
  public int reclaimExpiredSlots() {
    return sourceSlots.reclaimExpired();
  }

  /** Extends the lease of a batch's holder (and its source slot); the keys it does not list are lost. */
  public Outcome renew(String owner, String batchId, List<String> objectKeys, Duration lease) {
    long until = clock.instant().plus(lease).toEpochMilli();
    String holderId = owner + "#" + batchId;
    Optional<Held> held = held(holderId, objectKeys);
    if (held.isEmpty() || held.get().holder() == null
        || !lanes.renew(held.get().sample().stage(), held.get().sample().datasetName(), holderId,
            Instant.ofEpochMilli(until))) {
      return new Outcome(List.of(), List.of(), List.of(), new ArrayList<>(objectKeys));
    }
    List<String> renewed = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    objectKeys.forEach(key -> (held.get().holder().keys().containsKey(key) ? renewed : lost).add(key));
    sourceSlots.renew(held.get().sample().source(), batchId, Instant.ofEpochMilli(until));
    return new Outcome(renewed, List.of(), List.of(), lost);
  }

  // Counts one attempt on the keys a holder lists, each conditioned on the attempts it was taken
  // with: QUEUED again in its place (it never left the lane), or DEAD once the attempts are spent.
  private Returned countAttempts(WorkItem sample, String batchId, DatasetLane.Holder holder, List<String> keys,
                                 String error, String cause, int maxAttempts) {
    Instant now = clock.instant();
    List<String> requeued = new ArrayList<>();
    List<String> dead = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    int[] deadPerLevel = new int[Priority.LOWEST + 1];
    int[] failed = new int[2];
    boolean marked = false;
    for (String key : keys) {
      int taken = holder.keys().get(key);
      int attempts = taken + 1;
      boolean toDead = attempts >= maxAttempts;
      Update.Builder update = Update.builder().set("attempts", attempts)
          .set("lastError", truncate(error, 256)).set("lastCause", truncate(cause, 4096)).set("lastBatchId", batchId);
      if (toDead && !marked) {
        lanes.markDeadLetters(sample.stage()); // before the item is DEAD, so that operators find it
        marked = true;
      }
      if (toDead) {
        update.set("status", ItemStatus.DEAD.name()).set("deadAt", now.toEpochMilli())
            .set("lane", QueueRecords.deadLane(sample.stage())).set("laneOrder", QueueRecords.deadOrder(now, key));
      }
      Optional<Item> after = store.update(Table.QUEUE, Key.of("objectKey", key), update.build(), heldAs(sample, taken));
      if (after.isEmpty()) {
        lost.add(key);
        continue;
      }
      if (toDead) {
        dead.add(key);
        deadPerLevel[QueueRecords.parse(after.get()).priority().level()]++;
      } else {
        requeued.add(key);
      }
      failed[0]++;
      failed[1] += toDead ? 1 : 0;
    }
    Map<String, int[]> failedPerDataset = failed[0] == 0 ? Map.of()
        : Map.of(sample.datasetName() + "\n" + sample.stage(), failed);
    return new Returned(new Outcome(requeued, List.of(), dead, lost), deadPerLevel, null, Map.of(), failedPerDataset);
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

  /** What a requeue did: the outcome, the dead-lettered items per level, the oldest item requeued. */
  private record Returned(Outcome outcome, int[] dead, Instant oldestRequeued, Map<String, int[]> deadPerLane,
                          Map<String, int[]> failedPerDataset) { }

  // Puts leased items back in their lanes or in the dead letters, each conditioned on the lease it had.
  private Returned requeue(List<WorkItem> items, String error, String cause, int maxAttempts, boolean countAttempt) {
    Instant now = clock.instant();
    List<String> requeued = new ArrayList<>();
    List<String> dead = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    int[] deadPerLevel = new int[Priority.LOWEST + 1];
    Map<String, int[]> deadPerLane = new LinkedHashMap<>();
    Map<String, int[]> failedPerDataset = new LinkedHashMap<>();
    Instant oldest = null;
    Set<String> marked = new HashSet<>();
    for (WorkItem item : items) {
      Lease lease = Objects.requireNonNull(item.lease(), "only leased items can be given back");
      int attempts = item.attempts() + (countAttempt ? 1 : 0);
      boolean toDead = countAttempt && attempts >= maxAttempts;
      Update.Builder update = Update.builder().set("attempts", attempts)
          .set("lastError", truncate(error, 256)).set("lastCause", truncate(cause, 4096))
          .set("lastBatchId", lease.batchId())
          .remove("leaseOwner").remove("leased").remove("leaseExpiry").remove("batchId").remove("leasedAt");
      if (toDead && marked.add(item.stage())) {
        lanes.markDeadLetters(item.stage()); // before the item is DEAD, so that operators find it
      }
      if (toDead) {
        update.set("status", ItemStatus.DEAD.name()).set("deadAt", now.toEpochMilli())
            .set("lane", QueueRecords.deadLane(item.stage())).set("laneOrder", QueueRecords.deadOrder(now, item.objectKey()));
      } else {
        update.set("status", ItemStatus.QUEUED.name())
            .set("lane", QueueRecords.lane(item.stage(), item.datasetName()))
            .set("laneOrder", QueueRecords.laneOrder(item.priority().level(), item.enqueuedAt(), item.objectKey()));
      }
      Condition unchanged = Condition.and(leasedTo(lease.owner(), lease.batchId()),
          Condition.eq("leaseExpiry", lease.expiresAt().toEpochMilli()), Condition.eq("attempts", item.attempts()));
      if (store.update(Table.QUEUE, Key.of("objectKey", item.objectKey()), update.build(), unchanged).isEmpty()) {
        lost.add(item.objectKey());
        continue;
      }
      if (toDead) {
        dead.add(item.objectKey());
        deadPerLevel[item.priority().level()]++;
        deadPerLane.computeIfAbsent(item.stage() + "\n" + item.datasetName(), k -> new int[Priority.LOWEST + 1])
            [item.priority().level()]++;
      } else {
        requeued.add(item.objectKey());
        oldest = oldest == null || item.enqueuedAt().isBefore(oldest) ? item.enqueuedAt() : oldest;
      }
      if (countAttempt) {
        int[] counts = failedPerDataset.computeIfAbsent(item.datasetName() + "\n" + item.stage(), k -> new int[2]);
        counts[0]++;
        counts[1] += toDead ? 1 : 0;
      }
    }
    return new Returned(new Outcome(requeued, List.of(), dead, lost), deadPerLevel, oldest, deadPerLane,
        failedPerDataset);
  }

  // Subtracts dead-lettered items from their lanes when no batch release does it.
  private void forgetDead(Returned returned) {
    returned.deadPerLane().forEach((stageAndDataset, counts) -> {
      String[] parts = stageAndDataset.split("\n", 2);
      lanes.forget(parts[0], parts[1], counts);
    });
  }

  // Records the failed attempts per dataset and stage.
  private void recordFailures(List<WorkItem> items, Returned returned, boolean countAttempt) {
    if (!countAttempt) {
      return;
    }
    returned.failedPerDataset().forEach((datasetStage, counts) -> {
      String[] parts = datasetStage.split("\n", 2);
      statuses.recordFailed(parts[0], parts[1], counts[0], counts[1]);
    });
  }

  // Lets aging count from the oldest requeued item when it is older than what the lane shows.
  private void ageFrom(DatasetLane lane, Instant oldestRequeued) {
    if (oldestRequeued != null && (lane.queuedSince() == null || lane.queuedSince().isAfter(oldestRequeued))) {
      Condition unchanged = lane.queuedSince() == null ? Condition.notExists("queuedSince")
          : Condition.eq("queuedSince", lane.queuedSince().toEpochMilli());
      lanes.update(lane.stage(), lane.datasetName(), Update.builder().set("queuedSince", oldestRequeued.toEpochMilli())
          .build(), Condition.and(Condition.exists("version"), unchanged));
    }
  }

  // Frees a batch's source slot when its source is capped (as its lane says, or the priority table).
  private void releaseSourceSlot(String source, String batchId, DatasetLane lane) {
    boolean capped = lane != null && lane.source().name().equals(source) ? lane.source().capped()
        : priorities.source(source).capped();
    if (capped) {
      sourceSlots.release(source, batchId);
    }
  }

  // The items of a list per priority level.
  static int[] perLevel(List<WorkItem> items) {
    int[] counts = new int[Priority.LOWEST + 1];
    items.forEach(i -> counts[i.priority().level()]++);
    return counts;
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
