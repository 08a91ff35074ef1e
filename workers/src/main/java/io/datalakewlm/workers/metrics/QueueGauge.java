package io.datalakewlm.workers.metrics;

import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.queue.DatasetLane;
import io.datalakewlm.workers.queue.DatasetLanes;
import io.datalakewlm.workers.queue.SourceSlots;
import io.datalakewlm.workers.semaphore.SemaphoreState;
import io.datalakewlm.workers.semaphore.Semaphores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The periodic gauges of the queue and the slots, taken by the dispatcher's long poll
 * (PlanWorkers looks every few seconds; the gauge is read at most once per {@link #every} of the
 * clock, per worker process). One reading costs one query of the lane registry (a page per 1,000
 * datasets with work) and one GetItem of the pool's semaphore: about 2,900 read requests a day at
 * one reading a minute, whatever the depth of the queue, because the counts come from the lane
 * records, never from the items.
 *
 * <ul>
 *   <li>{@code QueueDepth} per {@code Priority} (every level 1..9, 0 when empty) and per
 *       {@code Source}: items queued, not leased. A lane counts its pending items per level and
 *       the items its running batches hold as one number; the held ones are taken from its most
 *       urgent levels first, as selection takes them.</li>
 *   <li>{@code OldestWait} per priority and source, in seconds, only where something waits: a lane
 *       knows the enqueue time of its oldest queued item but not that item's level, so its wait
 *       counts for every level the lane has queued. For a dataset whose items share one level (the
 *       usual case: priorities are per table) it is exact, otherwise an upper bound.</li>
 *   <li>{@code SlotsHeld} and {@code SlotLimit} per {@code Resource}: the worker pool (its ceiling
 *       when shrunk) and each capped source ({@code source:<name>}, batches in flight against
 *       {@code maxInFlight}).</li>
 *   <li>{@code Activity}: the dispatcher is alive.</li>
 * </ul>
 * Two dispatchers (or worker processes) each write their readings: read the gauges with the
 * Maximum statistic, never Sum.
 */
public final class QueueGauge {

  private final Metrics metrics;
  private final DatasetLanes lanes;
  private final Semaphores semaphores;
  private final Duration every;
  private final AtomicLong nextAt = new AtomicLong(Long.MIN_VALUE);

  public QueueGauge(Metrics metrics, DatasetLanes lanes, Semaphores semaphores, Duration every) {
    this.metrics = Objects.requireNonNull(metrics);
    this.lanes = Objects.requireNonNull(lanes);
    this.semaphores = Objects.requireNonNull(semaphores);
    this.every = Objects.requireNonNull(every);
  }

  /**
   * Reads and writes the gauges if the last reading is at least {@code every} old.
   *
   * @param pool the worker pool's semaphore
   * @return whether a reading was taken
   */
  public boolean look(String pool) {
    long now = metrics.clock().millis();
    long due = nextAt.get();
    if (now < due || !nextAt.compareAndSet(due, now + every.toMillis())) {
      return false;
    }
    read(pool, metrics.clock().instant());
    return true;
  }

  // One reading: the lanes, the pool, the capped sources.
  private void read(String pool, Instant now) {
    List<DatasetLane> all = lanes.read();
    int[] depth = new int[Priority.LOWEST + 1];
    Instant[] oldest = new Instant[Priority.LOWEST + 1];
    Map<String, Integer> sourceDepth = new TreeMap<>();
    Map<String, Instant> sourceOldest = new TreeMap<>();
    Map<String, Source> capped = new TreeMap<>();
    for (DatasetLane lane : all) {
      if (lane.source().capped()) {
        capped.put(lane.source().name(), lane.source());
      }
      int[] queued = queuedPerLevel(lane);
      int total = 0;
      for (int level = Priority.HIGHEST; level <= Priority.LOWEST; level++) {
        if (queued[level] > 0) {
          depth[level] += queued[level];
          oldest[level] = earlier(oldest[level], lane.oldest());
          total += queued[level];
        }
      }
      sourceDepth.merge(lane.source().name(), total, Integer::sum);
      if (total > 0) {
        sourceOldest.merge(lane.source().name(), lane.oldest(), QueueGauge::earlier);
      }
    }
    for (int level = Priority.HIGHEST; level <= Priority.LOWEST; level++) {
      metrics.gauge("Priority", Integer.toString(level), measures(depth[level], oldest[level], now));
    }
    sourceDepth.forEach((source, n) -> metrics.gauge("Source", source, measures(n, sourceOldest.get(source), now)));
    Optional<SemaphoreState> state = semaphores.state(pool);
    state.ifPresent(s -> metrics.gauge("Resource", pool, slots(s.count(), s.effectiveLimit() == null ? 0
        : s.effectiveLimit())));
    Map<String, Integer> inFlight = SourceSlots.inFlight(all, now);
    capped.forEach((name, source) -> metrics.gauge("Resource", "source:" + name,
        slots(inFlight.getOrDefault(name, 0), source.maxInFlight())));
    metrics.alive();
  }

  /** Queued (not leased) items per level of one lane: its pending counts less what its batches hold, best levels first. */
  static int[] queuedPerLevel(DatasetLane lane) {
    int[] queued = new int[Priority.LOWEST + 1];
    int held = Math.max(0, lane.held());
    for (int level = Priority.HIGHEST; level <= Priority.LOWEST; level++) {
      int pending = Math.max(0, lane.pending()[level]);
      int taken = Math.min(held, pending);
      held -= taken;
      queued[level] = pending - taken;
    }
    return queued;
  }

  // The depth, and the oldest wait when something waits.
  private static List<Measure> measures(int depth, Instant oldest, Instant now) {
    Measure count = Measure.of("QueueDepth", Unit.COUNT, depth);
    if (depth == 0 || oldest == null) {
      return List.of(count);
    }
    return List.of(count, Measure.of("OldestWait", Unit.SECONDS,
        Math.max(0, Duration.between(oldest, now).toMillis()) / 1000.0));
  }

  // Slots held against a limit.
  private static List<Measure> slots(int held, int limit) {
    return List.of(Measure.of("SlotsHeld", Unit.COUNT, held), Measure.of("SlotLimit", Unit.COUNT, limit));
  }

  // The earlier of two instants, either possibly null.
  private static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }
}
