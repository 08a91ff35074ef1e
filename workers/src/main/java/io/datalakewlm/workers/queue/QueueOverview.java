package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.catalog.PriorityTable;
import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.semaphore.SemaphoreState;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What waits and what runs, for operators ({@code wlm status}), read without a table scan: the
 * lane registry (one query) names every lane that may hold work and every source's in-flight
 * slots; each lane is then counted through {@code lane-index}, oldest item first, so its first
 * item gives the oldest wait. Lanes found empty are left out.
 *
 * <p>Caveats: on DynamoDB the index is eventually consistent, so a count may lag a write by
 * about a second; counting reads every queued item once (a deep queue costs read units in
 * proportion); the priority shown is the level an item was queued at, before aging.
 */
public record QueueOverview(List<LaneDepth> lanes, List<SourceLoad> sources) {

  /**
   * The queued items of one lane.
   *
   * @param oldestEnqueuedAt when the longest-waiting item was enqueued (its place in the lane)
   */
  public record LaneDepth(String stage, int priority, String source, int queued, Instant oldestEnqueuedAt) { }

  /**
   * One source's batches in flight.
   *
   * @param cap the source's maxInFlight, 0 for none
   * @param batches batch id to the expiry of its slot's lease
   */
  public record SourceLoad(String source, int inFlight, int cap, Map<String, Instant> batches) {
    public SourceLoad {
      batches = Map.copyOf(batches);
    }
  }

  public QueueOverview {
    lanes = List.copyOf(lanes);
    sources = List.copyOf(sources);
  }

  /** Reads the overview: lanes by stage, priority and source; sources by name. */
  public static QueueOverview read(WorkQueue queue, PriorityTable priorities) {
    LaneRegistry.Snapshot snapshot = queue.registry().read();
    List<LaneDepth> lanes = new ArrayList<>();
    Map<String, Source> policies = new LinkedHashMap<>();
    for (LaneRegistry.Lane lane : snapshot.lanes()) {
      policies.putIfAbsent(lane.source().name(), lane.source());
      LaneDepth depth = count(queue, lane);
      if (depth.queued() > 0) {
        lanes.add(depth);
      }
    }
    lanes.sort(Comparator.comparing(LaneDepth::stage).thenComparingInt(LaneDepth::priority)
        .thenComparing(LaneDepth::source));
    List<SourceLoad> sources = new ArrayList<>();
    for (Map.Entry<String, SemaphoreState> slot : new TreeMap<>(snapshot.slots()).entrySet()) {
      Source policy = policies.containsKey(slot.getKey()) ? policies.get(slot.getKey())
          : priorities.source(slot.getKey());
      SemaphoreState state = slot.getValue();
      sources.add(new SourceLoad(slot.getKey(), state.count(), policy.maxInFlight(), state.holders()));
    }
    return new QueueOverview(lanes, sources);
  }

  /** Queued items in all lanes. */
  public int queued() {
    return lanes.stream().mapToInt(LaneDepth::queued).sum();
  }

  // Counts a lane's items through the lane index, oldest first.
  private static LaneDepth count(WorkQueue queue, LaneRegistry.Lane lane) {
    int queued = 0;
    Instant oldest = null;
    Key after = null;
    do {
      Page page = queue.lanePage(lane.lane(), 500, after);
      for (Item item : page.items()) {
        if (oldest == null) {
          oldest = Instant.ofEpochMilli(item.longValue("enqueuedAt"));
        }
        queued++;
      }
      after = page.lastEvaluated();
    } while (after != null);
    return new LaneDepth(lane.stage(), lane.level(), lane.source().name(), queued, oldest);
  }
}
