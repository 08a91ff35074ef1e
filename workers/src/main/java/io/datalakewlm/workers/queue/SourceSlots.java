package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.semaphore.AcquireOutcome;
import io.datalakewlm.workers.semaphore.CountingSemaphore;
import io.datalakewlm.workers.semaphore.SemaphoreState;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.SortCondition;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What each source has in flight, the one place that knows it. A source's batches in flight are
 * the job slots its datasets' lanes hold ({@link DatasetLane#holders}): that is what weighted fair
 * shares compare, and it costs no write. A source with a cap ({@code maxInFlight}) also has a
 * counting semaphore (holders = batch ids) in the registry partition, taken before its batch is
 * leased, so that racing selectors can never pass the cap; uncapped sources have none.
 */
public final class SourceSlots {

  private static final String SLOT_PREFIX = "slot#";

  private final Store store;
  private final Clock clock;

  public SourceSlots(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Batches in flight per source, as the lanes show them (live job slot holders). */
  public static Map<String, Integer> inFlight(List<DatasetLane> lanes, Instant now) {
    Map<String, Integer> counts = new HashMap<>();
    for (DatasetLane lane : lanes) {
      int live = lane.liveHolders(now);
      if (live > 0) {
        counts.merge(lane.source().name(), live, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * Takes a slot of a capped source for a batch; true when the source has no cap.
   */
  boolean acquire(Source source, String batchId, Instant expiresAt) {
    if (!source.capped()) {
      return true;
    }
    CountingSemaphore slot = semaphore(source.name());
    AcquireOutcome outcome = slot.acquire(batchId, null, expiresAt, source.maxInFlight());
    if (outcome instanceof AcquireOutcome.Undefined) {
      slot.ensureExists(); // the source's first capped batch ever
      outcome = slot.acquire(batchId, null, expiresAt, source.maxInFlight());
    }
    return outcome instanceof AcquireOutcome.Acquired;
  }

  /** Gives a batch's source slot back; harmless when it holds none or the source has no cap. */
  void release(String source, String batchId) {
    semaphore(source).release(batchId);
  }

  /** Extends a batch's source slot lease, if it holds one. */
  void renew(String source, String batchId, Instant expiresAt) {
    semaphore(source).renew(batchId, expiresAt);
  }

  /** Reclaims the source slots whose lease expired; the number reclaimed. */
  int reclaimExpired() {
    int reclaimed = 0;
    for (String source : states().keySet()) {
      reclaimed += semaphore(source).reclaimExpired();
    }
    return reclaimed;
  }

  /** The capped sources' semaphores by source name (one query of the registry partition). */
  public Map<String, SemaphoreState> states() {
    Map<String, SemaphoreState> slots = new HashMap<>();
    Query query = Query.of(Table.LANES, null, DatasetLanes.PARTITION, 1000)
        .withSort(SortCondition.beginsWith(SLOT_PREFIX));
    Page page = store.query(query);
    while (true) {
      for (Item item : page.items()) {
        slots.put(item.string("name").substring(SLOT_PREFIX.length()), CountingSemaphore.parse(item));
      }
      if (!page.hasMore()) {
        return slots;
      }
      page = store.query(query.after(page.lastEvaluated()));
    }
  }

  /** Sources that have a slot item, by name. */
  List<String> sources() {
    List<String> names = new ArrayList<>(states().keySet());
    names.sort(null);
    return names;
  }

  private CountingSemaphore semaphore(String source) {
    return new CountingSemaphore(store, Table.LANES, Key.of("registry", DatasetLanes.PARTITION, "name",
        SLOT_PREFIX + source), clock, "source " + source);
  }
}
