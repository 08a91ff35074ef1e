package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.catalog.PriorityTable;
import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.semaphore.SemaphoreState;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What waits and what runs, for operators ({@code wlm status}), read without a table scan: the
 * dataset lanes (one query) name every dataset that may hold work, its running batches and its
 * source; each lane is then counted through {@code lane-index}, best level and oldest item first.
 * Queued items are shown per stage, priority level and source; batches in flight per source;
 * running batches per dataset (its Glue job's slots).
 *
 * <p>Caveats: on DynamoDB the index is eventually consistent, so a count may lag a write by
 * about a second; counting reads every queued item once (a deep queue costs read units in
 * proportion); the priority shown is the level an item was queued at, before aging.
 */
public record QueueOverview(List<LaneDepth> lanes, List<SourceLoad> sources, List<JobLoad> jobs) {

  /**
   * The queued items of one stage, level and source.
   *
   * @param oldestEnqueuedAt when the longest-waiting item was enqueued
   */
  public record LaneDepth(String stage, int priority, String source, int queued, Instant oldestEnqueuedAt) { }

  /**
   * One source's batches in flight.
   *
   * @param cap the source's maxInFlight, 0 for none
   * @param batches batch holder id to the expiry of its lease
   */
  public record SourceLoad(String source, int inFlight, int cap, Map<String, Instant> batches) {
    public SourceLoad {
      batches = Map.copyOf(batches);
    }
  }

  /**
   * One dataset's running batches: the slots of its Glue job.
   *
   * @param batches batch holder id to the expiry of its lease
   */
  public record JobLoad(String stage, String dataset, int running, Map<String, Instant> batches) {
    public JobLoad {
      batches = Map.copyOf(batches);
    }
  }

  public QueueOverview {
    lanes = List.copyOf(lanes);
    sources = List.copyOf(sources);
    jobs = List.copyOf(jobs);
  }

  /** Reads the overview: queued items by stage, priority and source; sources by name; jobs by dataset. */
  public static QueueOverview read(WorkQueue queue, PriorityTable priorities) {
    Map<String, LaneDepth> depths = new TreeMap<>();
    Map<String, Source> policies = new LinkedHashMap<>();
    Map<String, Map<String, Instant>> inFlight = new TreeMap<>();
    List<JobLoad> jobs = new ArrayList<>();
    for (DatasetLane lane : queue.lanes().read()) {
      policies.putIfAbsent(lane.source().name(), lane.source());
      count(queue, lane, depths);
      if (!lane.holders().isEmpty()) {
        Map<String, Instant> batches = new HashMap<>();
        lane.holders().forEach((holder, h) -> batches.put(holder, h.until()));
        jobs.add(new JobLoad(lane.stage(), lane.datasetName(), batches.size(), batches));
        inFlight.computeIfAbsent(lane.source().name(), s -> new HashMap<>()).putAll(batches);
      }
    }
    for (Map.Entry<String, SemaphoreState> slot : queue.sourceSlots().states().entrySet()) {
      if (slot.getValue().count() > 0) {
        inFlight.computeIfAbsent(slot.getKey(), s -> new HashMap<>());
      }
    }
    List<SourceLoad> sources = new ArrayList<>();
    inFlight.forEach((source, batches) -> {
      Source policy = policies.containsKey(source) ? policies.get(source) : priorities.source(source);
      sources.add(new SourceLoad(source, batches.size(), policy.maxInFlight(), batches));
    });
    List<LaneDepth> lanes = new ArrayList<>(depths.values());
    lanes.sort(Comparator.comparing(LaneDepth::stage).thenComparingInt(LaneDepth::priority)
        .thenComparing(LaneDepth::source));
    jobs.sort(Comparator.comparing(JobLoad::stage).thenComparing(JobLoad::dataset));
    return new QueueOverview(lanes, sources, jobs);
  }

  /** Queued items in all lanes. */
  public int queued() {
    return lanes.stream().mapToInt(LaneDepth::queued).sum();
  }

  // Counts a dataset lane's waiting items through the lane index into the depths per stage, level
  // and source; the items a running batch's holder lists are in the lane too, but not waiting.
  private static void count(WorkQueue queue, DatasetLane lane, Map<String, LaneDepth> depths) {
    java.util.Set<String> held = lane.takenKeys();
    Key after = null;
    do {
      Page page = queue.lanePage(lane.lane(), 500, after);
      for (Item raw : page.items()) {
        WorkItem item = QueueRecords.parse(raw);
        if (held.contains(item.objectKey()) || item.status() != ItemStatus.QUEUED) {
          continue;
        }
        String key = item.stage() + "\n" + item.priority().level() + "\n" + item.source();
        LaneDepth old = depths.get(key);
        Instant oldest = old == null || item.enqueuedAt().isBefore(old.oldestEnqueuedAt()) ? item.enqueuedAt()
            : old.oldestEnqueuedAt();
        depths.put(key, new LaneDepth(item.stage(), item.priority().level(), item.source(),
            old == null ? 1 : old.queued() + 1, oldest));
      }
      after = page.lastEvaluated();
    } while (after != null);
  }
}
