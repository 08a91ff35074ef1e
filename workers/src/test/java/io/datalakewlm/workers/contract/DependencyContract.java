package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.dependency.DependencyChecker;
import io.datalakewlm.workers.domain.DatasetConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CheckDependencies: stage B completed today for every atomic dataset. */
public abstract class DependencyContract extends WorkersContract {

  private DependencyChecker.Check check() {
    return workers.dependencies().check("eng-aggregate", "stage_b", null).orElseThrow();
  }

  @Test
  void readyOnlyWhenEveryDependencyCompletedTheStageToday() {
    workers.datasets().put(new DatasetConfig("eng-aggregate", "aggregate", 1, Map.of(), Map.of(), Map.of(),
        Map.of("dataset1", "eng-legislators", "dataset2", "eng-politicians")));
    clock.set(java.time.Instant.parse("2024-03-01T23:00:00Z"));
    workers.statuses().recordCompleted("eng-legislators", "stage_b", 3);
    workers.statuses().recordCompleted("eng-politicians", "stage_b", 1);
    clock.advance(Duration.ofHours(2));
    DependencyChecker.Check nextDay = check();
    assertFalse(nextDay.ready(), "yesterday's runs do not count today");
    assertEquals(List.of("eng-legislators", "eng-politicians"), nextDay.missing());
    workers.statuses().recordCompleted("eng-legislators", "stage_b", 1);
    DependencyChecker.Check half = check();
    assertEquals(List.of("eng-legislators"), half.completed());
    assertEquals(List.of("eng-politicians"), half.missing());
    assertEquals("2024-03-02", half.day().toString());
    workers.statuses().recordCompleted("eng-politicians", "stage_b", 2);
    assertTrue(check().ready());
    clock.advanceSeconds(1);
    workers.statuses().recordFailed("eng-politicians", "stage_b", 1, 0);
    assertEquals(List.of("eng-politicians"), check().missing(), "a failure after the success counts");
  }

  @Test
  void theRetryCountIsStoredWithTheConfigAndAnswered() {
    workers.datasets().put(new DatasetConfig("eng-aggregate", "aggregate", 1, Map.of(), Map.of(), Map.of(),
        Map.of("dataset1", "eng-legislators"), 4));
    assertEquals(4, check().retries());
    Workers fresh = new Workers(workers.store(), clock, Workers.Settings.defaults());
    assertEquals(4, fresh.datasets().get("eng-aggregate").orElseThrow().retryCount(), "read back from the table");
  }

  @Test
  void anUnknownDatasetHasNoAnswerAndAnAtomicOneIsReady() {
    assertTrue(workers.dependencies().check("nobody", "stage_b", null).isEmpty());
    workers.datasets().put(DatasetConfig.defaults("eng-atomic"));
    assertTrue(workers.dependencies().check("eng-atomic", "stage_b", null).orElseThrow().ready());
  }
}
