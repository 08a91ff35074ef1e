package io.datalakewlm.simulator.scenario;

import java.time.LocalTime;
import java.util.List;

/**
 * An aggregate dataset: built from atomic datasets once a day. At {@code schedule} (UTC) the
 * dependency state machine checks that stage B completed today for every dependency; if not it
 * waits {@code dependencyWaitSeconds} and checks again, {@code retries} times, then fails naming
 * the missing datasets. When the check passes, its own job runs with the aggregate's priority.
 */
public record AggregateSpec(String name, String source, int priority, List<String> dependencies, LocalTime schedule,
    int dependencyWaitSeconds, int retries, JobSpec job, CrawlerSpec crawler, StageBounds stageA,
    StageBounds stageB) {
  public AggregateSpec {
    dependencies = List.copyOf(dependencies);
  }
}
