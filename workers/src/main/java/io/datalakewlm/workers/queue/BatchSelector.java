package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Lease;
import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.execution.ExecutionRegistry;
import io.datalakewlm.workers.semaphore.AcquireOutcome;
import io.datalakewlm.workers.semaphore.CountingSemaphore;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Page;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * SelectBatch: reads the lane registry (one query) and the head of every lane of the stage
 * (one query each, never a scan), forms the ready batches of each dataset, and leases the
 * batches that {@link FairPicker} orders first to the calling execution.
 *
 * <p>Leasing a batch first takes a slot of its source's in-flight semaphore (holder = batch id,
 * so the cap holds even with selectors racing), then leases each item with a conditional write;
 * items another selector leased first are skipped, and a batch that got no item gives its slot
 * back. Lanes found empty are pruned from the registry. A selection by an execution that was
 * reaped in the meantime gives back everything it leased and reports {@link ReapedException}.
 */
public final class BatchSelector {

  /** The execution asking was reaped: it must stop, its leases were (or are now) returned. */
  public static final class ReapedException extends RuntimeException {
    public ReapedException(String executionId) {
      super("execution " + executionId + " was reaped; its late selection was given back");
    }
  }

  /** The batches leased, and how much reading it took. */
  public record Selection(List<Batch> batches, int lanesRead) {
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
    if (executions.isReaped(request.owner())) {
      throw new ReapedException(request.owner());
    }
    Instant now = queue.clock().instant();
    LaneRegistry.Snapshot snapshot = queue.registry().read();
    Map<String, Source> sources = new LinkedHashMap<>();
    Map<String, Integer> inFlight = new LinkedHashMap<>();
    List<FairPicker.Candidate> candidates = new ArrayList<>();
    int lanesRead = 0;
    for (LaneRegistry.Lane lane : snapshot.lanes()) {
      if (!lane.stage().equals(request.stage())) {
        continue;
      }
      sources.put(lane.source().name(), lane.source());
      inFlight.put(lane.source().name(), snapshot.inFlight(lane.source().name()));
      Page page = queue.lanePage(lane.lane(), request.laneDepth(), null);
      lanesRead++;
      if (page.items().isEmpty()) {
        queue.registry().prune(lane);
        continue;
      }
      candidates.addAll(batchesOf(lane, page, now, request));
    }
    FairPicker picker = new FairPicker(candidates, sources, inFlight);
    List<Batch> batches = new ArrayList<>();
    int items = 0;
    while (batches.size() < request.maxBatches() && items < request.maxItems()) {
      int budget = request.maxItems() - items;
      picker.dropIf(c -> c.items().size() > budget);
      Optional<FairPicker.Candidate> next = picker.next();
      if (next.isEmpty()) {
        break;
      }
      Optional<Batch> batch = lease(next.get(), sources.get(next.get().source()), request, now, picker);
      if (batch.isPresent()) {
        batches.add(batch.get());
        items += batch.get().items().size();
      }
    }
    if (!batches.isEmpty() && executions.isReaped(request.owner())) {
      giveBack(batches);
      throw new ReapedException(request.owner());
    }
    return new Selection(batches, lanesRead);
  }

  // The ready batches of one lane page: per dataset, chunks of at most maxBatch items.
  private static List<FairPicker.Candidate> batchesOf(LaneRegistry.Lane lane, Page page, Instant now,
                                                      SelectRequest request) {
    Map<String, List<WorkItem>> byDataset = new LinkedHashMap<>();
    for (Item raw : page.items()) {
      WorkItem item = QueueRecords.parse(raw);
      byDataset.computeIfAbsent(item.datasetName(), d -> new ArrayList<>()).add(item);
    }
    List<FairPicker.Candidate> result = new ArrayList<>();
    for (List<WorkItem> items : byDataset.values()) {
      int max = items.get(0).maxBatch();
      int min = items.get(0).minBatch();
      for (int from = 0; from < items.size(); from += max) {
        List<WorkItem> chunk = items.subList(from, Math.min(items.size(), from + max));
        Instant oldest = chunk.get(0).enqueuedAt();
        boolean waitedEnough = !Duration.between(oldest, now).minus(request.maxBatchWait()).isNegative();
        if (chunk.size() >= min || waitedEnough) {
          int level = chunk.get(0).priority().agedLevel(Duration.between(oldest, now), request.aging());
          result.add(new FairPicker.Candidate(lane.source().name(), level, oldest, lane.lane(), chunk));
        }
      }
    }
    return result;
  }

  // Takes the source slot, then leases each item; empty when nothing could be leased.
  private Optional<Batch> lease(FairPicker.Candidate candidate, Source source, SelectRequest request, Instant now,
                                FairPicker picker) {
    WorkItem first = candidate.items().get(0);
    String batchId = batchId(request.owner(), first.objectKey(), now);
    Instant expiry = now.plus(request.lease());
    CountingSemaphore slot = queue.registry().slot(candidate.source());
    int cap = source.capped() ? source.maxInFlight() : Integer.MAX_VALUE;
    AcquireOutcome outcome = slot.acquire(batchId, null, expiry, cap);
    if (outcome instanceof AcquireOutcome.Undefined) {
      slot.ensureExists(); // the source's first batch ever
      outcome = slot.acquire(batchId, null, expiry, cap);
    }
    if (!(outcome instanceof AcquireOutcome.Acquired)) {
      picker.exclude(candidate.source()); // another selector filled the source's cap meanwhile
      return Optional.empty();
    }
    List<WorkItem> leased = new ArrayList<>();
    Lease lease = new Lease(request.owner(), batchId, expiry);
    for (WorkItem item : candidate.items()) {
      if (queue.lease(item, lease)) {
        leased.add(new WorkItem(item.objectKey(), item.team(), item.dataset(), item.table(), item.source(),
            item.stage(), item.priority(), item.minBatch(), item.maxBatch(), item.enqueuedAt(), item.attempts(),
            ItemStatus.LEASED, item.version(), lease, item.lastError()));
      }
    }
    if (leased.isEmpty()) {
      slot.release(batchId);
      return Optional.empty();
    }
    picker.picked(candidate.source());
    return Optional.of(new Batch(batchId, request.owner(), candidate.source(), first.team(), first.dataset(),
        first.stage(), candidate.level(), leased));
  }

  // Returns the batches of a selection that raced with the reap of its execution.
  private void giveBack(List<Batch> batches) {
    for (Batch batch : batches) {
      queue.giveBack(batch.items(), "Wlm.ExecutionReaped", "leased after the execution was reaped", Integer.MAX_VALUE,
          false);
      queue.registry().slot(batch.source()).release(batch.batchId());
    }
  }

  /** A short deterministic id: the same execution, first item and instant give the same batch id. */
  static String batchId(String owner, String firstObjectKey, Instant at) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((owner + "\n" + firstObjectKey + "\n" + at.toEpochMilli())
          .getBytes(StandardCharsets.UTF_8));
      return "b-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
