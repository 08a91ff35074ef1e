package io.datalakewlm.workers.dependency;

import io.datalakewlm.workers.catalog.DatasetCatalog;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.StageStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether an aggregate dataset may run: every atomic dataset named in its config's
 * {@code dependencies} must have completed the given stage (stage_b by default) on the given
 * UTC day (today by default). The answer names the datasets that are still missing, so the
 * state machine's final failure can say what it waited for, and carries the config's
 * {@code retry_count}, so the state machine knows how many more checks the dataset allows.
 */
public final class DependencyChecker {

  /**
   * The answer: ready when nothing is missing.
   *
   * @param retries how many more checks the dataset allows after the first (its {@code retry_count})
   */
  public record Check(String dataset, String stage, LocalDate day, List<String> dependencies, List<String> completed,
                      List<String> missing, int retries) {
    public Check {
      dependencies = List.copyOf(dependencies);
      completed = List.copyOf(completed);
      missing = List.copyOf(missing);
    }

    public boolean ready() {
      return missing.isEmpty();
    }
  }

  private final DatasetCatalog datasets;
  private final StageStatuses statuses;

  public DependencyChecker(DatasetCatalog datasets, StageStatuses statuses) {
    this.datasets = Objects.requireNonNull(datasets);
    this.statuses = Objects.requireNonNull(statuses);
  }

  /**
   * Checks one aggregate dataset.
   *
   * @param day null for today (UTC, by the workers' clock)
   * @return empty when the dataset has no config
   */
  public Optional<Check> check(String dataset, String stage, LocalDate day) {
    Optional<DatasetConfig> config = datasets.get(dataset);
    if (config.isEmpty()) {
      return Optional.empty();
    }
    LocalDate when = day == null ? statuses.today() : day;
    List<String> dependencies = new ArrayList<>(new TreeSet<>(config.get().dependencies().values()));
    List<String> completed = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String dependency : dependencies) {
      boolean done = statuses.get(dependency, stage, when).map(StageStatus::isCompleted).orElse(false);
      (done ? completed : missing).add(dependency);
    }
    return Optional.of(new Check(dataset, stage, when, dependencies, completed, missing, config.get().retryCount()));
  }
}
