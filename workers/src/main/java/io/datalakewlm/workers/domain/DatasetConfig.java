package io.datalakewlm.workers.domain;

import java.util.Map;
import java.util.Objects;

/**
 * An SDLF dataset config, as stored in {@code octagon-Dataset}: the pipeline, the transforms of
 * each stage, the batch bounds per stage ({@code max_items_process}/{@code min_items_process},
 * keys like {@code stage_b}) and, for an aggregate dataset, its {@code dependencies} (any label ->
 * the atomic dataset name {@code team-dataset}) and {@code retry_count}: how many more times the
 * dependency stage checks before it abandons the day.
 *
 * @param crawlerEnabled false ({@code "crawler": {"enabled": false}}) for a dataset whose pipeline
 *     runs no crawler: its batches carry no crawler name, so no worker asks Glue for a crawl
 */
public record DatasetConfig(String name, String pipeline, int version, Map<String, String> transforms,
                            Map<String, Integer> maxItemsProcess, Map<String, Integer> minItemsProcess,
                            Map<String, String> dependencies, int retryCount, boolean crawlerEnabled) {

  /** SDLF's defaults when a stage has no bound. */
  public static final int DEFAULT_MAX_ITEMS = 100;
  public static final int DEFAULT_MIN_ITEMS = 1;
  /**
   * Checks after the first one when a config says nothing: two, so an aggregate whose inputs are
   * late gets two more looks (the predecessor's default meant it never looked again).
   */
  public static final int DEFAULT_RETRY_COUNT = 2;

  public DatasetConfig {
    Objects.requireNonNull(name);
    if (retryCount < 0) {
      throw new IllegalArgumentException("dataset " + name + ": retry_count must be >= 0, got " + retryCount);
    }
    transforms = Map.copyOf(transforms);
    maxItemsProcess = Map.copyOf(maxItemsProcess);
    minItemsProcess = Map.copyOf(minItemsProcess);
    dependencies = Map.copyOf(dependencies);
    for (Map.Entry<String, Integer> min : minItemsProcess.entrySet()) {
      int max = maxItemsProcess.getOrDefault(min.getKey(), DEFAULT_MAX_ITEMS);
      if (min.getValue() < 1 || min.getValue() > max) {
        throw new IllegalArgumentException("dataset " + name + ": min_items_process." + min.getKey() + " ("
            + min.getValue() + ") must be from 1 to max_items_process." + min.getKey() + " (" + max + ")");
      }
    }
  }

  /** A config whose dataset has a crawler. */
  public DatasetConfig(String name, String pipeline, int version, Map<String, String> transforms,
                       Map<String, Integer> maxItemsProcess, Map<String, Integer> minItemsProcess,
                       Map<String, String> dependencies, int retryCount) {
    this(name, pipeline, version, transforms, maxItemsProcess, minItemsProcess, dependencies, retryCount, true);
  }

  /** A config with the default retry count. */
  public DatasetConfig(String name, String pipeline, int version, Map<String, String> transforms,
                       Map<String, Integer> maxItemsProcess, Map<String, Integer> minItemsProcess,
                       Map<String, String> dependencies) {
    this(name, pipeline, version, transforms, maxItemsProcess, minItemsProcess, dependencies, DEFAULT_RETRY_COUNT);
  }

  /** The same config with its crawler enabled or not. */
  public DatasetConfig withCrawler(boolean enabled) {
    return new DatasetConfig(name, pipeline, version, transforms, maxItemsProcess, minItemsProcess, dependencies,
        retryCount, enabled);
  }

  /** A dataset without a config: SDLF's default bounds, no dependencies, a crawler. */
  public static DatasetConfig defaults(String name) {
    return new DatasetConfig(name, "", 1, Map.of(), Map.of(), Map.of(), Map.of());
  }

  public int maxItems(String stage) {
    return maxItemsProcess.getOrDefault(stage, DEFAULT_MAX_ITEMS);
  }

  public int minItems(String stage) {
    return minItemsProcess.getOrDefault(stage, DEFAULT_MIN_ITEMS);
  }

  public boolean isAggregate() {
    return !dependencies.isEmpty();
  }
}
