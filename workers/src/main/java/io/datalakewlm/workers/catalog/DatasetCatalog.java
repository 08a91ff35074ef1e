package io.datalakewlm.workers.catalog;

import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SDLF dataset configs in {@code octagon-Dataset}, in SDLF's own item layout, so the
 * existing SDLF tooling and these workers read the same items. Attributes the workers do not
 * use (owner, tags, ...) are left alone.
 */
public final class DatasetCatalog {

  private final Store store;
  private final TimedCache<DatasetConfig> cache;

  /**
   * @param cacheTtl how long a looked-up config is reused; zero to read every time
   */
  public DatasetCatalog(Store store, Clock clock, Duration cacheTtl) {
    this.store = Objects.requireNonNull(store);
    this.cache = new TimedCache<>(clock, cacheTtl);
  }

  /** Writes a config's attributes, keeping any other attributes of the item. */
  public void put(DatasetConfig config) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    store.get(Table.DATASETS, Key.of("name", config.name())).ifPresent(i -> attributes.putAll(i.attributes()));
    attributes.put("name", config.name());
    attributes.put("pipeline", config.pipeline());
    attributes.put("version", config.version());
    attributes.put("transforms", config.transforms());
    attributes.put("max_items_process", config.maxItemsProcess());
    attributes.put("min_items_process", config.minItemsProcess());
    attributes.put("retry_count", config.retryCount());
    attributes.put("crawler", Map.of("enabled", config.crawlerEnabled()));
    if (config.dependencies().isEmpty()) {
      attributes.remove("dependencies");
    } else {
      attributes.put("dependencies", config.dependencies());
    }
    store.put(Table.DATASETS, Item.of(attributes), Condition.always());
    cache.invalidate(config.name());
  }

  /** The config of a dataset ({@code team-dataset}). */
  public Optional<DatasetConfig> get(String name) {
    return cache.get(name, this::read);
  }

  // Reads one config item.
  private Optional<DatasetConfig> read(String name) {
    return store.get(Table.DATASETS, Key.of("name", name)).map(item -> new DatasetConfig(name,
        item.optString("pipeline").orElse(""),
        item.optNumber("version").map(BigDecimal::intValue).orElse(1),
        strings(item.map("transforms")),
        numbers(item.map("max_items_process")),
        numbers(item.map("min_items_process")),
        strings(item.map("dependencies")),
        item.optNumber("retry_count").map(BigDecimal::intValue).orElse(DatasetConfig.DEFAULT_RETRY_COUNT),
        !Boolean.FALSE.equals(item.map("crawler").get("enabled"))));
  }

  private static Map<String, String> strings(Map<String, Object> raw) {
    Map<String, String> result = new LinkedHashMap<>();
    raw.forEach((k, v) -> result.put(k, String.valueOf(v)));
    return result;
  }

  private static Map<String, Integer> numbers(Map<String, Object> raw) {
    Map<String, Integer> result = new LinkedHashMap<>();
    raw.forEach((k, v) -> {
      if (v instanceof BigDecimal d) {
        result.put(k, d.intValue());
      }
    });
    return result;
  }
}
