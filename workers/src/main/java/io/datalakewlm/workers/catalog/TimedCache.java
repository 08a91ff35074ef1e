package io.datalakewlm.workers.catalog;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers lookups of rarely changing configuration for a while, by the workers' clock, so a
 * busy Enqueue does not read the same priority entry for every object. A zero time-to-live
 * disables it (tests and operators who want every change seen at once).
 */
final class TimedCache<V> {

  private record Entry<V>(Optional<V> value, long loadedAt) { }

  private final Clock clock;
  private final long ttlMillis;
  private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

  TimedCache(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttlMillis = ttl.toMillis();
  }

  Optional<V> get(String key, Function<String, Optional<V>> loader) {
    if (ttlMillis <= 0) {
      return loader.apply(key);
    }
    long now = clock.millis();
    Entry<V> entry = entries.get(key);
    if (entry == null || now - entry.loadedAt() >= ttlMillis) {
      entry = new Entry<>(loader.apply(key), now);
      entries.put(key, entry);
    }
    return entry.value();
  }

  void invalidate(String key) {
    entries.remove(key);
  }
}
