package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Lease;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.execution.ExecutionRegistry;
import io.datalakewlm.workers.failure.ExecutionReaped;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Page;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SelectBatch: reads the dataset lanes (one query, never a scan, never the items of a dataset it
 * does not pick), keeps the datasets that are ready and whose Glue job has a free slot, and
 * leases to the calling execution the batches that {@link FairPicker} orders first. A batch is
 * all the dataset's queued items up to its {@code max_items_process}, best level first, then
 * oldest first; reading them costs one query of that dataset's lane.
 *
 * <p>Taking a batch is ONE write on its dataset's lane: a job slot holder ({@code owner#batchId})
 * that lists the batch's item keys, conditioned on the lane version the selection read, then its
 * source's slot if the source is capped. The items themselves are not written: they stay QUEUED
 * until Complete or Fail, and selections skip the keys that holders list (see
 * {@link DatasetLane#takenKeys}). A selector that lost a race re-reads the lane and chooses again. A
 * selection by an execution that was reaped in the meantime gives back everything it leased and
 * fails with {@link ExecutionReaped}: the reap writes its record before it reads the lanes, and a
 * selection writes its holders before it reads the record, so one of them sees the other.
 */
public final class BatchSelector {

  /** The batches leased, and how much reading it took. */
  public record Selection(List<Batch> batches, int lanesRead, int lanesQueried) {
    public Selection {
      batches = List.copyOf(batches);
    }

    public int itemCount() {
      return batches.stream().mapToInt(b -> b.items().size()).sum();
    }
  }

  private final WorkQueue queue;
  private final ExecutionRegistry executions;

  public BatchSelector(WorkQueue queue, ExecutionRegistry executions) {
    this.queue = Objects.requireNonNull(queue);
    this.executions = Objects.requireNonNull(executions);
  }

  public Selection select(SelectRequest request) {
    refuseIfReaped(request.owner());
    Instant now = queue.clock().instant();
    List<DatasetLane> lanes = queue.lanes().read();
    Map<String, Source> sources = new LinkedHashMap<>();
    List<FairPicker.Candidate> candidates = new ArrayList<>();
    // one pass over the lanes counts each lane's live holders once, for readiness and for the
    // sources' batches in flight (the counts SourceSlots.inFlight gives); the lanes read share one
    // object per source policy, so the pass keys on identity and hashes no source name per lane
    Map<Source, int[]> liveBySource = new IdentityHashMap<>();
    // lanes are read in name order, so neighbours mostly share a source: remember the last one
    Source lastSource = null;
    int[] liveOfSource = null;
    for (DatasetLane lane : lanes) {
      if (lane.source() != lastSource) {
        lastSource = lane.source();
        liveOfSource = liveBySource.get(lastSource);
        if (liveOfSource == null) {
          sources.putIfAbsent(lastSource.name(), lastSource);
          liveOfSource = new int[1];
          liveBySource.put(lastSource, liveOfSource);
        }
      }
      int liveHolders = lane.liveHolders(now);
      liveOfSource[0] += liveHolders;
      if (!lane.stage().equals(request.stage())) {
        continue;
      }
      if (lane.ready(now, request.jobSlots(), request.maxBatchWait(), liveHolders)) {
        candidates.add(new FairPicker.Candidate(lane, lane.effectiveLevel(now, request.aging()), lane.oldest(),
            Math.min(lane.queuedTotal(), lane.maxItems())));
      } else {
        queue.lanes().pruneIfIdle(lane);
      }
    }
    Map<String, Integer> inFlight = new HashMap<>();
    liveBySource.forEach((source, live) -> {
      if (live[0] > 0) {
        inFlight.merge(source.name(), live[0], Integer::sum);
      }
    });
    FairPicker picker = new FairPicker(candidates, sources, inFlight);
    List<Batch> batches = new ArrayList<>();
    int items = 0;
    int queried = 0;
    while (batches.size() < request.maxBatches() && items < request.maxItems()) {
      int budget = request.maxItems() - items;
      picker.dropIf(c -> c.size() > budget);
      Optional<FairPicker.Candidate> next = picker.next();
      if (next.isEmpty()) {
        break;
      }
      queried++;
      Optional<Leased> leased = lease(next.get(), request, now, picker, budget);
      if (leased.isPresent()) {
        Batch batch = leased.get().batch();
        batches.add(batch);
        items += batch.items().size();
        picker.picked(next.get().source());
        DatasetLane after = leased.get().lane();
        if (after.ready(now, request.jobSlots(), request.maxBatchWait())) {
          // the job allows another run and items are left: the dataset may get a second batch
          picker.add(new FairPicker.Candidate(after, after.effectiveLevel(now, request.aging()), after.oldest(),
              Math.min(after.queuedTotal(), after.maxItems())));
        }
      }
    }
    if (!batches.isEmpty() && executions.isReaped(request.owner())) {
      batches.forEach(queue::giveBackUnstarted);
      refuseIfReaped(request.owner());
    }
    return new Selection(batches, lanes.size(), queried);
  }

  /**
   * How many batches could start now: ready datasets of the stage with a free job slot, no more
   * per capped source than its cap leaves. Reads the lanes only (one query).
   */
  public int readyBatches(String stage, int jobSlots, java.time.Duration maxBatchWait) {
    Instant now = queue.clock().instant();
    List<DatasetLane> lanes = queue.lanes().read();
    Map<String, Integer> inFlight = new HashMap<>();
    Map<String, Integer> ready = new LinkedHashMap<>();
    Map<String, Source> sources = new LinkedHashMap<>();
    for (DatasetLane lane : lanes) {
      int live = lane.liveHolders(now);
      if (live > 0) {
        inFlight.merge(lane.source().name(), live, Integer::sum); // as SourceSlots.inFlight counts them
      }
      if (lane.stage().equals(stage) && lane.ready(now, jobSlots, maxBatchWait, live)) {
        ready.merge(lane.source().name(), Math.min(jobSlots - live, 1 + lane.queuedTotal()
            / Math.max(1, lane.maxItems())), Integer::sum);
        sources.putIfAbsent(lane.source().name(), lane.source());
      }
    }
    int total = 0;
    for (Map.Entry<String, Integer> entry : ready.entrySet()) {
      Source source = sources.get(entry.getKey());
      int room = source.capped() ? Math.max(0, source.maxInFlight() - inFlight.getOrDefault(entry.getKey(), 0))
          : Integer.MAX_VALUE;
      total += Math.min(entry.getValue(), room);
    }
    return total;
  }

  // Refuses a reaped execution.
  private void refuseIfReaped(String owner) {
    if (executions.isReaped(owner)) {
      throw new ExecutionReaped(owner, "execution " + owner + " was reaped; its late selection was given back");
    }
  }

  /** A leased batch and its lane after the claim. */
  private record Leased(Batch batch, DatasetLane lane) { }

  /** How often a selection re-reads a lane whose version changed under its claim. */
  private static final int CLAIM_ATTEMPTS = 4;

  // Reads the lane's first free items, lists them on a new holder of the lane, takes the source slot.
  private Optional<Leased> lease(FairPicker.Candidate candidate, SelectRequest request, Instant now,
                                FairPicker picker, int budget) {
    DatasetLane lane = candidate.lane();
    for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      if (lane.liveHolders(now) >= request.jobSlots()) {
        return Optional.empty(); // another selector took the job's last slot meanwhile
      }
      int size = Math.min(lane.maxItems(), budget);
      Set<String> taken = lane.takenKeys();
      Set<String> settled = lane.settledKeys(now);
      // held items stay QUEUED in the lane: read past them
      Page page = queue.lanePage(lane.lane(), size + taken.size() + 1, null);
      String laneName = lane.lane();
      List<WorkItem> found = page.items().stream().map(QueueRecords::parse)
          .filter(i -> i.status() == ItemStatus.QUEUED && !taken.contains(i.objectKey()))
          .map(i -> settled.contains(i.objectKey()) ? queue.queuedIn(i.objectKey(), laneName).orElse(null) : i)
          .filter(Objects::nonNull).toList();
      if (found.isEmpty()) {
        queue.lanes().resetEmpty(lane); // the counts drifted (see DatasetLanes)
        return Optional.empty();
      }
      long room = DatasetLanes.KEY_BYTES - lane.listedKeyBytes(now);
      int fits = 0;
      while (fits < Math.min(size, found.size()) && (room -= DatasetLanes.keyBytes(found.get(fits).objectKey())) >= 0) {
        fits++;
      }
      if (fits == 0) {
        return Optional.empty(); // the lane lists all the keys it may; its running batches settle them
      }
      List<WorkItem> chunk = found.subList(0, fits);
      Instant nextQueuedSince = found.size() > chunk.size() ? oldestOf(found.subList(chunk.size(), found.size())) : null;
      WorkItem first = chunk.get(0);
      String batchId = batchId(request.owner(), first.objectKey(), now, lane.version());
      String holder = request.owner() + "#" + batchId;
      Instant expiry = now.plus(request.lease());
      Map<String, Integer> keys = new LinkedHashMap<>();
      chunk.forEach(i -> keys.put(i.objectKey(), i.attempts()));
      Optional<DatasetLane> claimed = queue.lanes().claim(lane, holder, expiry, keys, oldestOf(chunk), nextQueuedSince);
      if (claimed.isEmpty()) {
        Optional<DatasetLane> reread = queue.lanes().get(lane.stage(), lane.datasetName());
        if (reread.isEmpty()) {
          return Optional.empty();
        }
        lane = reread.get(); // another writer changed the lane since it was read: choose again
        continue;
      }
      Source source = lane.source();
      if (!queue.sourceSlots().acquire(source, batchId, expiry)) {
        queue.lanes().release(claimed.get(), holder, new int[Priority.LOWEST + 1], List.of(), Set.of(), true);
        picker.exclude(source.name()); // another selector filled the source's cap meanwhile
        return Optional.empty();
      }
      Lease lease = new Lease(request.owner(), batchId, expiry);
      List<WorkItem> held = chunk.stream().map(item -> new WorkItem(item.objectKey(), item.team(), item.dataset(),
          item.table(), item.source(), item.stage(), item.priority(), item.minBatch(), item.maxBatch(),
          item.enqueuedAt(), item.attempts(), ItemStatus.QUEUED, item.version(), lease, item.lastError())).toList();
      return Optional.of(new Leased(new Batch(batchId, request.owner(), source.name(), first.team(), first.dataset(),
          first.stage(), candidate.level(), held, source.capped(), lane.crawler()), claimed.get()));
    }
    return Optional.empty(); // the lane is too busy this time; the next selection tries again
  }

  // The earliest enqueue time of some items.
  private static Instant oldestOf(List<WorkItem> items) {
    Instant oldest = items.get(0).enqueuedAt();
    for (WorkItem item : items) {
      oldest = item.enqueuedAt().isBefore(oldest) ? item.enqueuedAt() : oldest;
    }
    return oldest;
  }

  /**
   * A short deterministic id: the same execution, first item, instant and lane version give the
   * same batch id; the version makes it unique, since every claim on a lane bumps it.
   */
  static String batchId(String owner, String firstObjectKey, Instant at, long laneVersion) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((owner + "\n" + firstObjectKey + "\n" + at.toEpochMilli() + "\n" + laneVersion)
          .getBytes(StandardCharsets.UTF_8));
      return "b-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
