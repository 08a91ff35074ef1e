package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.failure.Contention;
import io.datalakewlm.workers.store.AttributePath;
import io.datalakewlm.workers.store.Backoff;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.SortCondition;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The registry of dataset lanes: one partition ({@code registry = "lanes"}) of {@code wlm-lanes}
 * holding a {@link DatasetLane} record per dataset and stage that has queued work, running batches
 * or crawl state, so that ONE query tells SelectBatch which datasets may run, at which level, and
 * which of them have a free Glue job slot. Reads per selection grow with the number of datasets
 * that have work, never with the depth of their queues.
 *
 * <p>Writers keep the record in step with the items:
 * <ul>
 *   <li>{@link #touch} BEFORE items are written into the lane (enqueue, requeue) adds them to
 *       the backlog counts: an item is never in a lane the registry does not count. A crash
 *       between the touch and the item write leaves a count too high, which the selector finds
 *       empty and resets; the reverse order could leave an item nobody looks for.</li>
 *   <li>{@link #claim} takes a job slot for a batch and lists its items' keys on it, in one write
 *       conditioned on the lane's version (see {@link DatasetLane}); they count as held, and stay
 *       QUEUED in their items.</li>
 *   <li>{@link #release} gives the slot back and subtracts the items done or dead-lettered, with
 *       whatever else the finished batch records on the lane (crawl request, stage status
 *       mirror) in the same write.</li>
 * </ul>
 * The same partition names the stages that have dead letters ({@code dead#<stage>}, see
 * {@link #markDeadLetters}).
 *
 * <p>A lane found empty while its counts say otherwise is reset only when it was last touched more
 * than {@link #RESET_GRACE} ago: on DynamoDB the lane index is eventually consistent, and an item
 * written just before may not be visible in it yet. A lane idle for {@link #IDLE_PRUNE} (nothing
 * queued, running or being crawled) is deleted; the next touch creates it again.
 */
public final class DatasetLanes {

  static final String PARTITION = "lanes";
  static final String LANE_PREFIX = "lane#";
  /** The prefix of the records naming the stages that have had dead letters. */
  static final String DEAD_PREFIX = "dead#";
  /** How long after its last touch a lane found empty keeps its counts (index propagation). */
  static final Duration RESET_GRACE = Duration.ofMinutes(2);
  /** How long a lane with nothing queued, running or crawling stays registered. */
  static final Duration IDLE_PRUNE = Duration.ofHours(2);
  /**
   * How long a key a batch finished stays listed on its lane (see {@link #release}): longer than
   * DynamoDB's global secondary indexes usually take to show a write (well under a second).
   */
  static final Duration SETTLED_GRACE = Duration.ofSeconds(30);
  /**
   * The most bytes of object keys a lane record lists, its holders' and its settled keys together,
   * so that it stays well inside DynamoDB's 400 KB item limit: a batch that would pass it is cut
   * short (with 120-byte keys, about 2,000 items held at once per dataset and stage).
   */
  static final long KEY_BYTES = 256 * 1024;

  /** What a key costs of {@link #KEY_BYTES}: its UTF-8 bytes and a number beside it. */
  static long keyBytes(String key) {
    return key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 8;
  }
  private static final int ATTEMPTS = 64;

  private final Store store;
  private final Clock clock;
  /** The parses of the lane records read, reused while a record is unchanged. */
  private final LaneParses parses = new LaneParses(DatasetLanes::parse);

  public DatasetLanes(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
  }

  /** The attribute that counts the queued items of a level. */
  static String queuedAttribute(int level) {
    return "q" + level;
  }

  /**
   * Adds items to a lane's backlog before they are written, registering the lane (and refreshing
   * its source policy, batch bounds and whether its dataset has a crawler) if needed.
   *
   * @param crawler whether the dataset runs a crawler after the stage (its config's {@code crawler.enabled})
   * @param added items per level
   * @param oldestAdded the enqueue time of the oldest of them
   */
  DatasetLane touch(String stage, String team, String dataset, Source source, int minItems, int maxItems,
                    boolean crawler, Map<Integer, Integer> added, Instant oldestAdded) {
    String datasetName = team + "-" + dataset;
    Update.Builder update = Update.builder().set("lane", QueueRecords.lane(stage, datasetName)).set("stage", stage)
        .set("datasetName", datasetName).set("team", team).set("dataset", dataset).set("source", source.name())
        .set("weight", source.weight()).set("maxInFlight", source.maxInFlight()).set("minItems", minItems)
        .set("maxItems", maxItems).set("crawler", crawler).set("touchedAt", clock.millis()).add("seq", 1)
        .setIfAbsent("queuedSince", oldestAdded.toEpochMilli()).setIfAbsent("count", 0)
        .setIfAbsent("holders", Map.of()).setIfAbsent("version", 0);
    added.forEach((level, n) -> update.add(queuedAttribute(level), n));
    DatasetLane lane = parse(store.update(Table.LANES, key(stage, datasetName), update.build(), Condition.always())
        .orElseThrow());
    if (lane.queuedSince() != null && lane.queuedSince().isAfter(oldestAdded)) {
      // requeued items older than the lane's oldest: aging must count from them
      store.update(Table.LANES, key(stage, datasetName), Update.builder().set("queuedSince", oldestAdded.toEpochMilli())
          .build(), Condition.eq("queuedSince", lane.queuedSince().toEpochMilli()));
    }
    return lane;
  }

  /** Every registered lane of every stage (one query, paged). */
  public List<DatasetLane> read() {
    Query query = Query.of(Table.LANES, null, PARTITION, 1000).withSort(SortCondition.beginsWith(LANE_PREFIX));
    Page page = store.query(query);
    if (!page.hasMore()) {
      return parses.of(page.items());
    }
    List<Item> items = new ArrayList<>();
    while (true) {
      items.addAll(page.items());
      if (!page.hasMore()) {
        return parses.of(items);
      }
      page = store.query(query.after(page.lastEvaluated()));
    }
  }

  /**
   * Records that a stage has dead letters, BEFORE an item of it is written DEAD: the dead letters
   * sit in one lane-index partition per stage, and this record is how an operator's command finds
   * every such partition without a scan. It is never deleted (one small record per stage).
   */
  void markDeadLetters(String stage) {
    store.update(Table.LANES, Key.of("registry", PARTITION, "name", DEAD_PREFIX + stage),
        Update.builder().set("stage", stage).build(), Condition.always());
  }

  /**
   * The stages that may hold dead letters: those marked by {@link #markDeadLetters} and, for
   * items dead-lettered before stages were marked, the stages of the registered lanes.
   */
  public Set<String> deadLetterStages() {
    Set<String> stages = new TreeSet<>();
    Query query = Query.of(Table.LANES, null, PARTITION, 1000).withSort(SortCondition.beginsWith(DEAD_PREFIX));
    Page page = store.query(query);
    while (true) {
      page.items().forEach(item -> stages.add(item.string("stage")));
      if (!page.hasMore()) {
        break;
      }
      page = store.query(query.after(page.lastEvaluated()));
    }
    read().forEach(lane -> stages.add(lane.stage()));
    return stages;
  }

  /** One lane, read consistently. */
  public Optional<DatasetLane> get(String stage, String datasetName) {
    return store.get(Table.LANES, key(stage, datasetName)).map(DatasetLanes::parse);
  }

  /**
   * Takes one of the dataset's job slots for a batch and lists its items on it, in ONE write
   * conditioned on the lane's version as read: the caller chose the items and counted the live
   * holders on that version, so a selector that raced and won makes this write fail (then re-read
   * and choose again) and no item is ever listed by two holders. Settled keys past their grace are
   * dropped in the same write.
   *
   * @param keys the batch's object keys, each with its attempts when read
   * @param since the enqueue time of the batch's oldest item
   * @param nextQueuedSince the enqueue time of the oldest item left behind, or null when the batch
   *     takes everything the lane showed
   * @return the lane after the claim, or empty when it changed since it was read
   */
  Optional<DatasetLane> claim(DatasetLane lane, String holderId, Instant expiresAt, Map<String, Integer> keys,
                              Instant since, Instant nextQueuedSince) {
    Map<String, Object> holder = new LinkedHashMap<>();
    holder.put("until", expiresAt.toEpochMilli());
    holder.put("items", keys.size());
    holder.put("keys", new LinkedHashMap<>(keys));
    holder.put("since", since.toEpochMilli());
    Update.Builder update = Update.builder().set(AttributePath.of("holders", holderId), holder)
        .add("count", 1).add("held", keys.size()).add("version", 1);
    if (nextQueuedSince != null) {
      update.set("queuedSince", nextQueuedSince.toEpochMilli());
    } else {
      update.remove("queuedSince");
    }
    Map<String, Instant> settled = prunedSettled(lane, Set.of());
    if (lane.settled() != null && settled.size() < lane.settled().size()) {
      update.set("settled", millis(settled));
    }
    Condition condition = Condition.and(Condition.eq("version", lane.version()),
        new Condition.NotExists(AttributePath.of("holders", holderId)));
    return store.update(Table.LANES, key(lane.stage(), lane.datasetName()), update.build(), condition)
        .map(DatasetLanes::parse);
  }

  /**
   * Gives a batch's job slot back and subtracts the items it finished with for good (done or
   * dead-lettered; the items it gives back were never taken out of the lane), applying
   * {@code extra} actions to the lane in the same write. The keys that left the lane are listed as
   * settled for {@link #SETTLED_GRACE}, so that a selection reading a lagging lane index does not
   * take them again; when items go back, aging counts from the holder's oldest again.
   *
   * @param lane the lane as read just before, for the holder's item count
   * @param gone items that leave the lane, per level (indexed 1..9)
   * @param settledKeys the keys that left the lane (DONE or DEAD)
   * @param givenBack whether some of the holder's items stay QUEUED for another batch
   * @return the lane after the release, or empty when the holder held no slot (already released,
   *     reaped or swept): then nothing was written
   */
  Optional<DatasetLane> release(DatasetLane lane, String holderId, int[] gone, List<Update.Action> extra,
                                Set<String> settledKeys, boolean givenBack) {
    return release(lane, holderId, gone, current -> extra, settledKeys, givenBack);
  }

  /**
   * {@link #release} with what else it writes computed from the lane as read before each attempt
   * (a crawl claim taken over depends on the claim the lane holds then).
   */
  Optional<DatasetLane> release(DatasetLane lane, String holderId, int[] gone,
                                Function<DatasetLane, List<Update.Action>> extra,
                                Set<String> settledKeys, boolean givenBack) {
    DatasetLane current = lane;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      DatasetLane.Holder holder = current.holders().get(holderId);
      if (holder == null) {
        return Optional.empty();
      }
      List<Update.Action> actions = new ArrayList<>(extra.apply(current));
      actions.add(new Update.Remove(AttributePath.of("holders", holderId)));
      actions.add(new Update.Add(AttributePath.of("count"), BigDecimal.valueOf(-1)));
      actions.add(new Update.Add(AttributePath.of("held"), BigDecimal.valueOf(-holder.items())));
      actions.add(new Update.Add(AttributePath.of("version"), BigDecimal.ONE));
      for (int level = Priority.HIGHEST; level <= Priority.LOWEST; level++) {
        if (gone[level] > 0) {
          actions.add(new Update.Add(AttributePath.of(queuedAttribute(level)), BigDecimal.valueOf(-gone[level])));
        }
      }
      Map<String, Instant> settled = prunedSettled(current, settledKeys);
      Instant now = clock.instant();
      settledKeys.forEach(k -> settled.put(k, now));
      if (!settled.isEmpty() || (current.settled() != null && !current.settled().isEmpty())) {
        actions.add(new Update.Set(AttributePath.of("settled"), millis(settled)));
      }
      if (givenBack && holder.since() != null
          && (current.queuedSince() == null || current.queuedSince().isAfter(holder.since()))) {
        actions.add(new Update.Set(AttributePath.of("queuedSince"), holder.since().toEpochMilli()));
      }
      // the version condition keeps a concurrent release's settled keys: the map is written whole
      Optional<Item> after = store.update(Table.LANES, key(current.stage(), current.datasetName()), new Update(actions),
          Condition.and(new Condition.Exists(AttributePath.of("holders", holderId)),
              Condition.eq("version", current.version())));
      if (after.isPresent()) {
        return after.map(DatasetLanes::parse);
      }
      Backoff.pause(attempt);
      Optional<DatasetLane> reread = get(current.stage(), current.datasetName());
      if (reread.isEmpty()) {
        return Optional.empty();
      }
      current = reread.get();
    }
    throw new Contention("could not release the job slot of " + lane.datasetName() + ": too many concurrent writers");
  }

  // The lane's settled keys still within their grace, but those about to be settled again.
  private Map<String, Instant> prunedSettled(DatasetLane lane, Set<String> resettled) {
    Map<String, Instant> kept = new LinkedHashMap<>();
    if (lane.settled() != null) {
      Instant since = clock.instant().minus(SETTLED_GRACE);
      lane.settled().forEach((k, at) -> {
        if (at.isAfter(since) && !resettled.contains(k)) {
          kept.put(k, at);
        }
      });
    }
    return kept;
  }

  private static Map<String, Object> millis(Map<String, Instant> times) {
    Map<String, Object> out = new LinkedHashMap<>();
    times.forEach((k, at) -> out.put(k, at.toEpochMilli()));
    return out;
  }

  /** Subtracts items that left the lane without a batch of their own (dead-lettered by a reap or sweep). */
  void forget(String stage, String datasetName, int[] gone) {
    Update.Builder update = Update.builder();
    for (int level = Priority.HIGHEST; level <= Priority.LOWEST; level++) {
      if (gone[level] > 0) {
        update.add(queuedAttribute(level), -gone[level]);
      }
    }
    if (!update.isEmpty()) {
      store.update(Table.LANES, key(stage, datasetName), update.build(), Condition.exists("version"));
    }
  }

  /** Extends a batch's job slot lease; false when it holds none. */
  boolean renew(String stage, String datasetName, String holderId, Instant expiresAt) {
    return store.update(Table.LANES, key(stage, datasetName), Update.builder()
        .set(AttributePath.of("holders", holderId, "until"), expiresAt.toEpochMilli()).add("version", 1).build(),
        new Condition.Exists(AttributePath.of("holders", holderId))).isPresent();
  }

  /** An update of a lane's own attributes (crawl state), if the condition holds. */
  public Optional<DatasetLane> update(String stage, String datasetName, Update update, Condition condition) {
    return store.update(Table.LANES, key(stage, datasetName), update, condition).map(DatasetLanes::parse);
  }

  /**
   * Clears the counts of a lane whose items were found gone, unless it was touched since it was
   * read or too recently for the index to show its newest items.
   */
  boolean resetEmpty(DatasetLane lane) {
    if (Duration.between(lane.touchedAt(), clock.instant()).compareTo(RESET_GRACE) < 0 || !lane.holders().isEmpty()) {
      return false; // too fresh for the index, or a running batch will settle its own items
    }
    Update.Builder update = Update.builder().remove("queuedSince").set("held", 0);
    for (int level = Priority.HIGHEST; level <= Priority.LOWEST; level++) {
      if (lane.pending()[level] != 0) {
        update.set(queuedAttribute(level), 0);
      }
    }
    return store.update(Table.LANES, key(lane.stage(), lane.datasetName()), update.build(),
        Condition.and(Condition.eq("seq", lane.seq()), Condition.eq("version", lane.version()))).isPresent();
  }

  /** Deletes a lane that has been idle long enough, unless anything changed since it was read. */
  boolean pruneIfIdle(DatasetLane lane) {
    if (lane.pendingTotal() != 0 || !lane.holders().isEmpty()) {
      return false; // most lanes a selection passes over: no clock reading for them
    }
    Instant now = clock.instant();
    // a crawl's claim stays after its crawl ended (the next finished batch takes it over): an old
    // one does not keep the lane
    boolean crawling = lane.crawl().claimed()
        && Duration.between(lane.crawl().claimedAt(), now).compareTo(IDLE_PRUNE) < 0;
    boolean idle = !crawling && Duration.between(lane.touchedAt(), now).compareTo(IDLE_PRUNE) >= 0
        && (lane.crawl().requestedAt() == null
            || Duration.between(lane.crawl().requestedAt(), now).compareTo(IDLE_PRUNE) >= 0);
    return idle && store.delete(Table.LANES, key(lane.stage(), lane.datasetName()),
        Condition.and(Condition.eq("seq", lane.seq()), Condition.eq("version", lane.version())));
  }

  static Key key(String stage, String datasetName) {
    return Key.of("registry", PARTITION, "name", LANE_PREFIX + stage + "#" + datasetName);
  }

  /** Reads a stored lane record. */
  static DatasetLane parse(Item item) {
    return parse(item, UnaryOperator.identity(), UnaryOperator.identity(),
        null, null);
  }

  // Reads a stored lane record, its source policy passed through {@code sourceOf}, its stage name
  // through {@code stageOf}. The lane's earlier record and its parse, when given, lend their
  // holders and settled keys if the record holds equal maps: a touch or a crawl update leaves them
  // as they were, and reading them is most of a parse (comparing them allocates nothing).
  static DatasetLane parse(Item item, UnaryOperator<Source> sourceOf,
                           UnaryOperator<String> stageOf, Item earlierItem, DatasetLane earlier) {
    int[] pending = new int[Priority.LOWEST + 1];
    for (int level = Priority.HIGHEST; level <= Priority.LOWEST; level++) {
      pending[level] = (int) item.longValue(queuedAttribute(level), 0);
    }
    Object holdersValue = item.get("holders");
    Map<String, DatasetLane.Holder> holders = earlier != null && holdersValue != null
        && holdersValue.equals(earlierItem.get("holders")) ? earlier.holders() : parseHolders(item);
    Object settledValue = item.get("settled");
    Map<String, Instant> settled = earlier != null && settledValue != null
        && settledValue.equals(earlierItem.get("settled")) ? earlier.settled() : parseSettled(item);
    Source source = sourceOf.apply(new Source(item.string("source"), item.number("weight").doubleValue(),
        item.number("maxInFlight").intValue()));
    DatasetLane.CrawlState crawl = new DatasetLane.CrawlState(item.optString("crawlClaimId").orElse(null),
        instant(item, "crawlClaimedAt"), instant(item, "crawlRequestedAt"), instant(item, "crawlLastStartAt"),
        instant(item, "crawlerMissingUntil"));
    if (crawl.equals(DatasetLane.CrawlState.NONE)) {
      crawl = DatasetLane.CrawlState.NONE; // most lanes: one shared object for a selection to look at
    }
    return new DatasetLane(stageOf.apply(item.string("stage")), item.string("datasetName"), item.string("team"),
        item.string("dataset"), source, (int) item.longValue("minItems", 1), (int) item.longValue("maxItems", 100),
        pending, (int) item.longValue("held", 0), instant(item, "queuedSince"), Instant.ofEpochMilli(item.longValue("touchedAt", 0)),
        item.longValue("seq", 0), holders, item.longValue("version", 0), crawl,
        item.optString("statusDay").orElse(null), item.optString("statusOutcome").orElse(null),
        !Boolean.FALSE.equals(item.attributes().get("crawler")), settled);
  }

  // A lane record's job slot holders.
  private static Map<String, DatasetLane.Holder> parseHolders(Item item) {
    Map<String, DatasetLane.Holder> holders = new HashMap<>();
    item.map("holders").forEach((h, value) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> holder = (Map<String, Object>) value;
      Map<String, Integer> keys = new LinkedHashMap<>();
      if (holder.get("keys") instanceof Map<?, ?> listed) {
        listed.forEach((k, attempts) -> keys.put((String) k, ((BigDecimal) attempts).intValue()));
      }
      Instant since = holder.get("since") instanceof BigDecimal at ? Instant.ofEpochMilli(at.longValue()) : null;
      holders.put(h, new DatasetLane.Holder(Instant.ofEpochMilli(((BigDecimal) holder.get("until")).longValue()),
          ((BigDecimal) holder.get("items")).intValue(), keys, since));
    });
    return holders;
  }

  // A lane record's settled keys, or null when it has no such map.
  private static Map<String, Instant> parseSettled(Item item) {
    if (!item.has("settled")) {
      return null;
    }
    Map<String, Instant> settled = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : item.map("settled").entrySet()) {
      settled.put(e.getKey(), Instant.ofEpochMilli(((BigDecimal) e.getValue()).longValue()));
    }
    return settled;
  }

  // An optional epoch-millisecond attribute.
  private static Instant instant(Item item, String name) {
    return item.optLong(name).map(Instant::ofEpochMilli).orElse(null);
  }
}
