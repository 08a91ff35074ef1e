package io.datalakewlm.workers.semaphore;

import io.datalakewlm.workers.domain.Slot;
import io.datalakewlm.workers.failure.Contention;
import io.datalakewlm.workers.store.AttributePath;
import io.datalakewlm.workers.store.Backoff;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A counting semaphore in ONE stored item: {@code count}, {@code holders} (holder id -> lease
 * expiry, epoch ms), {@code tombstones} (reaped execution id -> expiry) and {@code version}, plus
 * {@code limit} for a resource semaphore (a source slot gets its cap from the caller).
 *
 * <ul>
 *   <li>Acquire is one conditional UpdateItem: {@code count < limit AND holder absent AND
 *       execution not tombstoned}, adding the holder and incrementing count together, so the
 *       count can never pass the limit and always equals the number of holders.</li>
 *   <li>Release removes the holder under the condition that it is present: repeating it is
 *       harmless (idempotent) and can never decrement twice.</li>
 *   <li>Holders whose lease expired are reclaimed with a condition on the item's version, so a
 *       holder renewed or released meanwhile is never removed by mistake.</li>
 *   <li>Reaping an execution removes its holders and writes its tombstone in the same
 *       version-conditioned update. An acquire of that execution that lands later fails on the
 *       tombstone; one that landed earlier changed the version, so the reaper re-reads and sees
 *       it. This closes the race of AWS's semaphore sample, where a late acquire after the
 *       cleanup leaked a slot forever; lease expiry remains the backstop for holders that die
 *       without being reaped.</li>
 * </ul>
 */
public final class CountingSemaphore {

  private static final int ATTEMPTS = 64;

  private final Store store;
  private final Table table;
  private final Key key;
  private final Clock clock;
  private final String name;

  /**
   * @param name how errors and slots name this semaphore
   */
  public CountingSemaphore(Store store, Table table, Key key, Clock clock, String name) {
    this.store = store;
    this.table = table;
    this.key = key;
    this.clock = clock;
    this.name = name;
  }

  /** Sets the limit, creating the semaphore if needed; holders are kept, a lowered ceiling is lifted. */
  public void define(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the limit of " + name + " must be >= 1, got " + limit);
    }
    store.update(table, key, Update.builder().set("limit", limit).remove("ceiling").setIfAbsent("count", 0)
        .setIfAbsent("holders", Map.of()).setIfAbsent("tombstones", Map.of()).add("version", 1).build(),
        Condition.always());
  }

  /** Creates the item without a limit if it is missing (a source slot). */
  public void ensureExists() {
    store.put(table, Item.builder().putAll(key.values()).put("count", 0).put("holders", Map.of())
        .put("tombstones", Map.of()).put("version", 0).build(), Condition.notExists("version"));
  }

  /**
   * Takes a slot for a holder.
   *
   * @param execution the execution whose tombstone forbids the acquire, or null
   * @param cap the limit to apply, or null to use the stored limit
   */
  public AcquireOutcome acquire(String holderId, String execution, Instant expiresAt, Integer cap) {
    Condition limitHolds = cap == null
        ? Condition.or(Condition.and(Condition.notExists("ceiling"),
            new Condition.CompareAttributes(AttributePath.of("count"), Condition.Op.LT, AttributePath.of("limit"))),
            new Condition.CompareAttributes(AttributePath.of("count"), Condition.Op.LT, AttributePath.of("ceiling")))
        : Condition.compare(AttributePath.of("count"), Condition.Op.LT, cap);
    Condition condition = Condition.and(Condition.exists("version"), limitHolds,
        new Condition.NotExists(AttributePath.of("holders", holderId)),
        execution == null ? Condition.always() : new Condition.NotExists(AttributePath.of("tombstones", execution)));
    Update update = Update.builder().set(AttributePath.of("holders", holderId), expiresAt.toEpochMilli())
        .add("count", 1).add("version", 1).build();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Item> after = store.update(table, key, update, condition);
      if (after.isPresent()) {
        SemaphoreState s = parse(after.get());
        return new AcquireOutcome.Acquired(new Slot(name, holderId, expiresAt, s.count(), limitOf(s, cap)), false);
      }
      Optional<SemaphoreState> state = state();
      if (state.isEmpty()) {
        return new AcquireOutcome.Undefined(name);
      }
      SemaphoreState s = state.get();
      if (execution != null && s.tombstones().containsKey(execution)) {
        return new AcquireOutcome.Reaped(execution);
      }
      Instant held = s.holders().get(holderId);
      if (held != null) {
        return new AcquireOutcome.Acquired(new Slot(name, holderId, held, s.count(), limitOf(s, cap)), true);
      }
      if (s.count() >= limitOf(s, cap)) {
        if (reclaimExpired(s) == 0 && !hasExpired(s)) {
          return new AcquireOutcome.Full(s.count(), limitOf(s, cap), s.holders());
        }
      }
      // the item changed between our write and our read, or expired holders were reclaimed: try again
      Backoff.pause(attempt);
    }
    SemaphoreState s = state().orElseThrow();
    return new AcquireOutcome.Full(s.count(), limitOf(s, cap), s.holders());
  }

  /** Gives a slot back; false when the holder held none (already released or reclaimed). */
  public boolean release(String holderId) {
    return store.update(table, key, Update.builder().remove("holders", holderId).add("count", -1)
        .add("version", 1).build(), new Condition.Exists(AttributePath.of("holders", holderId))).isPresent();
  }

  /** Extends a holder's lease; false when it no longer holds a slot. */
  public boolean renew(String holderId, Instant expiresAt) {
    return store.update(table, key, Update.builder().set(AttributePath.of("holders", holderId),
        expiresAt.toEpochMilli()).add("version", 1).build(),
        new Condition.Exists(AttributePath.of("holders", holderId))).isPresent();
  }

  /** Removes holders whose lease expired (and expired tombstones); the number of holders removed. */
  public int reclaimExpired() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<SemaphoreState> state = state();
      if (state.isEmpty()) {
        return 0;
      }
      int reclaimed = reclaimExpired(state.get());
      if (reclaimed >= 0) {
        return reclaimed;
      }
      Backoff.pause(attempt);
    }
    return 0;
  }

  /**
   * Removes every holder of an execution (its id, or its id followed by '#') and tombstones it,
   * in one version-conditioned write; the number of holders removed.
   */
  public int reap(String execution, Instant tombstoneExpiresAt) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<SemaphoreState> state = state();
      if (state.isEmpty()) {
        return 0;
      }
      SemaphoreState s = state.get();
      List<String> mine = new ArrayList<>();
      for (String holder : s.holders().keySet()) {
        if (holder.equals(execution) || holder.startsWith(execution + "#")) {
          mine.add(holder);
        }
      }
      Update.Builder update = Update.builder();
      mine.forEach(h -> update.remove("holders", h));
      if (!mine.isEmpty()) {
        update.add("count", -mine.size());
      }
      update.set(AttributePath.of("tombstones", execution), tombstoneExpiresAt.toEpochMilli());
      long now = clock.millis();
      s.tombstones().forEach((e, expiry) -> {
        if (!e.equals(execution) && expiry.toEpochMilli() <= now) {
          update.remove("tombstones", e);
        }
      });
      update.add("version", 1);
      if (store.update(table, key, update.build(), Condition.eq("version", s.version())).isPresent()) {
        return mine.size();
      }
      Backoff.pause(attempt);
    }
    throw new Contention("could not reap " + execution + " from " + name + ": too many concurrent writers");
  }

  /** The semaphore as stored, if it exists. */
  public Optional<SemaphoreState> state() {
    return store.get(table, key).map(this::parsedOnce);
  }

  /**
   * The last parse of each semaphore item read by {@link #state}, with the item it came from: a
   * store that hands out the same item object for an unchanged record (the in-memory twin) has a
   * pool semaphore of hundreds of holders parsed once per version, not once per read; items read
   * from DynamoDB are always new objects and are parsed each time.
   */
  private static final Map<Key, Parsed> PARSED = new java.util.concurrent.ConcurrentHashMap<>();
  /** Bounds {@link #PARSED} over many stores (tests, simulated runs one after another). */
  private static final int PARSED_KEYS = 4096;

  private record Parsed(Item item, SemaphoreState state) { }

  // The parse of a semaphore item, reused while the store hands out the very same item.
  private SemaphoreState parsedOnce(Item item) {
    Parsed last = PARSED.get(key);
    if (last != null && last.item() == item) {
      return last.state();
    }
    SemaphoreState state = parse(item);
    if (PARSED.size() >= PARSED_KEYS) {
      PARSED.clear();
    }
    PARSED.put(key, new Parsed(item, state));
    return state;
  }

  // Removes the expired holders and tombstones seen in a state; -1 if the item changed meanwhile.
  private int reclaimExpired(SemaphoreState s) {
    long now = clock.millis();
    Update.Builder update = Update.builder();
    int holders = 0;
    for (Map.Entry<String, Instant> h : s.holders().entrySet()) {
      if (h.getValue().toEpochMilli() <= now) {
        update.remove("holders", h.getKey());
        holders++;
      }
    }
    boolean tombstones = false;
    for (Map.Entry<String, Instant> t : s.tombstones().entrySet()) {
      if (t.getValue().toEpochMilli() <= now) {
        update.remove("tombstones", t.getKey());
        tombstones = true;
      }
    }
    if (holders == 0 && !tombstones) {
      return 0;
    }
    if (holders > 0) {
      update.add("count", -holders);
    }
    update.add("version", 1);
    return store.update(table, key, update.build(), Condition.eq("version", s.version())).isPresent() ? holders : -1;
  }

  // Whether a state has holders past their lease.
  private boolean hasExpired(SemaphoreState s) {
    long now = clock.millis();
    return s.holders().values().stream().anyMatch(e -> e.toEpochMilli() <= now);
  }

  private static int limitOf(SemaphoreState s, Integer cap) {
    return cap != null ? cap : s.effectiveLimit() == null ? 0 : s.effectiveLimit();
  }

  /**
   * Takes up to {@code holderIds.size()} free slots at once for holders that will claim them
   * themselves (workers about to start): one write, conditioned on the state it read.
   *
   * @return the holders that got a slot, in order; fewer when fewer were free
   */
  public List<String> reserve(List<String> holderIds, Instant expiresAt) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<SemaphoreState> read = state();
      if (read.isEmpty()) {
        return List.of();
      }
      SemaphoreState s = read.get();
      if (hasExpired(s) && reclaimExpired(s) != 0) {
        continue; // expired holders freed slots (or the item changed): read again
      }
      List<String> already = holderIds.stream().filter(s.holders()::containsKey).toList();
      int free = Math.max(0, limitOf(s, null) - s.count());
      List<String> fresh = holderIds.stream().filter(h -> !s.holders().containsKey(h)).limit(free).toList();
      if (fresh.isEmpty()) {
        return already;
      }
      Update.Builder update = Update.builder().add("count", fresh.size()).add("version", 1);
      fresh.forEach(h -> update.set(AttributePath.of("holders", h), expiresAt.toEpochMilli()));
      if (store.update(table, key, update.build(), Condition.eq("version", s.version())).isPresent()) {
        List<String> reserved = new ArrayList<>(already);
        reserved.addAll(fresh);
        return reserved;
      }
      Backoff.pause(attempt);
    }
    throw new Contention("could not reserve slots of " + name + ": too many concurrent writers");
  }

  /**
   * Lowers the ceiling by one (not below {@code floor}) and gives back a holder's slot, in one
   * write: capacity that someone else took is not offered again until {@link #grow}. A holder
   * that holds no slot (its shrink already happened) changes nothing.
   *
   * @return the state after, or empty when the semaphore does not exist
   */
  public Optional<SemaphoreState> shrink(String holderId, int floor) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<SemaphoreState> read = state();
      if (read.isEmpty()) {
        return Optional.empty();
      }
      SemaphoreState s = read.get();
      if (!s.holders().containsKey(holderId)) {
        return read; // already given back: a repeated call (a retry) must not lower the ceiling twice
      }
      int current = limitOf(s, null);
      Update.Builder update = Update.builder().set("ceiling", Math.max(floor, current - 1))
          .set("changedAt", clock.millis()).add("version", 1).remove("holders", holderId).add("count", -1);
      Optional<Item> after = store.update(table, key, update.build(), Condition.eq("version", s.version()));
      if (after.isPresent()) {
        return Optional.of(parse(after.get()));
      }
      Backoff.pause(attempt);
    }
    throw new Contention("could not shrink " + name + ": too many concurrent writers");
  }

  /**
   * Raises a lowered ceiling by one, once {@code recovery} has passed since it last moved; back
   * at the limit, the ceiling goes away. False when nothing was due.
   */
  public boolean grow(java.time.Duration recovery) {
    Optional<SemaphoreState> read = state();
    if (read.isEmpty() || read.get().ceiling() == null || read.get().limit() == null) {
      return false;
    }
    SemaphoreState s = read.get();
    if (s.changedAt() != null && s.changedAt().plus(recovery).isAfter(clock.instant())) {
      return false;
    }
    Update.Builder update = Update.builder().set("changedAt", clock.millis()).add("version", 1);
    if (s.ceiling() + 1 >= s.limit()) {
      update.remove("ceiling");
    } else {
      update.set("ceiling", s.ceiling() + 1);
    }
    return store.update(table, key, update.build(), Condition.eq("version", s.version())).isPresent();
  }

  /** Reads a stored semaphore item. */
  public static SemaphoreState parse(Item item) {
    return new SemaphoreState(item.optLong("limit").map(Long::intValue).orElse(null),
        (int) item.longValue("count", 0), instants(item.map("holders")), instants(item.map("tombstones")),
        item.longValue("version", 0), item.optLong("ceiling").map(Long::intValue).orElse(null),
        item.optLong("changedAt").map(Instant::ofEpochMilli).orElse(null));
  }

  // Epoch-millisecond map values as instants.
  private static Map<String, Instant> instants(Map<String, Object> raw) {
    Map<String, Instant> result = new HashMap<>();
    raw.forEach((k, v) -> result.put(k, Instant.ofEpochMilli(((BigDecimal) v).longValue())));
    return result;
  }
}
