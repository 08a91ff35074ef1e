package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.semaphore.CountingSemaphore;
import io.datalakewlm.workers.semaphore.SemaphoreState;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's registry: one partition ({@code registry = "lanes"}) of {@code wlm-lanes}
 * holding a record per lane that may hold work and a slot semaphore per source, so that ONE
 * query tells SelectBatch which lanes to read and what every source has in flight.
 *
 * <p>A lane record is touched (its {@code seq} incremented) AFTER every write that puts an item
 * into the lane. A selector that found a lane empty deletes its record only if {@code seq} is
 * still the one it read; so an item written concurrently either was visible to the selector's
 * read or bumps {@code seq} (re-creating the record), and no queued item is ever left in a lane
 * that the registry forgot. On DynamoDB the lane index is eventually consistent, so a lane is
 * pruned only when it was last touched more than {@link #PRUNE_GRACE} ago: an item written just
 * before may not be visible in the index yet, but it is long before that grace has passed.
 */
final class LaneRegistry {

  static final String PARTITION = "lanes";
  /** How long after its last write a lane found empty is kept anyway (index propagation). */
  static final java.time.Duration PRUNE_GRACE = java.time.Duration.ofMinutes(2);
  private static final String LANE_PREFIX = "lane#";
  private static final String SLOT_PREFIX = "slot#";

  /** A registered lane and the source policy last written with it. */
  record Lane(String lane, String stage, int level, Source source, long seq, long touchedAt) { }

  /** The whole registry: lanes, and the in-flight slots by source. */
  record Snapshot(List<Lane> lanes, Map<String, SemaphoreState> slots) {
    int inFlight(String source) {
      SemaphoreState s = slots.get(source);
      return s == null ? 0 : s.count();
    }
  }

  private final Store store;
  private final Clock clock;

  LaneRegistry(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Registers (or refreshes) a lane after an item was written into it. */
  void touch(String stage, int level, Source source) {
    String lane = QueueRecords.lane(stage, level, source.name());
    store.update(Table.LANES, Key.of("registry", PARTITION, "name", LANE_PREFIX + lane), Update.builder()
        .set("lane", lane).set("stage", stage).set("level", level).set("source", source.name())
        .set("weight", source.weight()).set("maxInFlight", source.maxInFlight()).set("touchedAt", clock.millis())
        .add("seq", 1).build(),
        Condition.always());
  }

  /** Forgets a lane found empty, unless an item was written into it since it was read or lately. */
  boolean prune(Lane lane) {
    if (clock.millis() - lane.touchedAt() < PRUNE_GRACE.toMillis()) {
      return false;
    }
    return store.delete(Table.LANES, Key.of("registry", PARTITION, "name", LANE_PREFIX + lane.lane()),
        Condition.eq("seq", lane.seq()));
  }

  /** Reads every lane and slot (one query, paged). */
  Snapshot read() {
    List<Lane> lanes = new ArrayList<>();
    Map<String, SemaphoreState> slots = new HashMap<>();
    Query query = Query.of(Table.LANES, null, PARTITION, 500);
    Page page = store.query(query);
    while (true) {
      for (Item item : page.items()) {
        String name = item.string("name");
        if (name.startsWith(LANE_PREFIX)) {
          lanes.add(new Lane(item.string("lane"), item.string("stage"), item.number("level").intValue(),
              new Source(item.string("source"), item.number("weight").doubleValue(),
                  item.number("maxInFlight").intValue()), item.longValue("seq"), item.longValue("touchedAt", 0)));
        } else if (name.startsWith(SLOT_PREFIX)) {
          slots.put(name.substring(SLOT_PREFIX.length()), CountingSemaphore.parse(item));
        }
      }
      if (!page.hasMore()) {
        return new Snapshot(lanes, slots);
      }
      page = store.query(query.after(page.lastEvaluated()));
    }
  }

  /** The in-flight slot semaphore of a source (holders are batch ids). */
  CountingSemaphore slot(String source) {
    return new CountingSemaphore(store, Table.LANES, Key.of("registry", PARTITION, "name", SLOT_PREFIX + source),
        clock, "source " + source);
  }

  /** Every source that has a slot item. */
  List<String> slotSources() {
    List<String> sources = new ArrayList<>(read().slots().keySet());
    sources.sort(null);
    return sources;
  }
}
