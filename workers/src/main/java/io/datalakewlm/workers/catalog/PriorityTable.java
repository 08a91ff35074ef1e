package io.datalakewlm.workers.catalog;

import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The priority table {@code octagon-wlm}: entries by name, resolved from the most specific
 * name to the least. For an item of team {@code t}, dataset {@code d}, table {@code x}, the
 * priority is that of the first of {@code t-d-x}, {@code t-d}, {@code t} that has one (else
 * {@link Priority#DEFAULT}); its source is the first {@code source} given on the way (else the
 * team); the source's weight and cap come from the entry named after the source.
 *
 * <p>The old SDLF table stored {@code priority} as the strings HIGH/LOW; both strings and
 * numeric levels are read.
 */
public final class PriorityTable {

  /** The priority and source an item gets. */
  public record Resolution(Priority priority, Source source) { }

  private final Store store;
  private final TimedCache<PriorityEntry> cache;

  /**
   * @param cacheTtl how long a looked-up entry is reused; zero to read every time
   */
  public PriorityTable(Store store, Clock clock, Duration cacheTtl) {
    this.store = Objects.requireNonNull(store);
    this.cache = new TimedCache<>(clock, cacheTtl);
  }

  /** Writes an entry, replacing any entry of the same name. */
  public void put(PriorityEntry entry) {
    Item.Builder item = Item.builder().put("name", entry.name())
        .put("priority", entry.priority() == null ? null : entry.priority().level())
        .put("weight", entry.weight() == null ? null : BigDecimal.valueOf(entry.weight()))
        .put("maxInFlight", entry.maxInFlight())
        .put("source", entry.source());
    store.put(Table.PRIORITIES, item.build(), Condition.always());
    cache.invalidate(entry.name());
  }

  public Optional<PriorityEntry> get(String name) {
    return cache.get(name, this::read);
  }

  /**
   * The priority and source of an item.
   *
   * @param table may be null
   * @param sourceOverride the source named by the caller, or null
   */
  public Resolution resolve(String team, String dataset, String table, String sourceOverride) {
    List<String> names = new ArrayList<>();
    if (table != null && !table.isBlank()) {
      names.add(team + "-" + dataset + "-" + table);
    }
    names.add(team + "-" + dataset);
    names.add(team);
    Priority priority = null;
    String source = sourceOverride;
    for (String name : names) {
      Optional<PriorityEntry> entry = get(name);
      if (entry.isPresent()) {
        if (priority == null) {
          priority = entry.get().priority();
        }
        if (source == null) {
          source = entry.get().source();
        }
      }
    }
    source = source == null ? team : source;
    return new Resolution(priority == null ? Priority.DEFAULT : priority, source(source));
  }

  /** A source's weight and cap from the entry named after it (weight 1 and no cap without one). */
  public Source source(String name) {
    Optional<PriorityEntry> entry = get(name);
    double weight = entry.map(PriorityEntry::weight).orElse(1.0);
    int cap = entry.map(PriorityEntry::maxInFlight).orElse(0);
    return new Source(name, weight, cap);
  }

  // Reads one entry; a stored priority may be a level or HIGH/LOW.
  private Optional<PriorityEntry> read(String name) {
    return store.get(Table.PRIORITIES, Key.of("name", name)).map(item -> new PriorityEntry(name,
        item.optString("priority").map(Priority::parse).orElse(null),
        item.optNumber("weight").map(BigDecimal::doubleValue).orElse(null),
        item.optLong("maxInFlight").map(Long::intValue).orElse(null),
        item.optString("source").orElse(null)));
  }
}
