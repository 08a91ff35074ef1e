package io.datalakewlm.workers.execution;

import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The executions that were reaped ({@code wlm-executions}), so that a SelectBatch of a dead
 * execution that lands after its reap gives back what it leased. The records expire (TTL) once
 * no late call of the execution can still arrive.
 */
public final class ExecutionRegistry {

  private final Store store;
  private final Clock clock;

  public ExecutionRegistry(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Records the reap of an execution (idempotent: the first record is kept). */
  public void markReaped(String executionId, String status, String cause, Duration keepFor) {
    Instant now = clock.instant();
    store.put(Table.EXECUTIONS, Item.builder().put("executionId", executionId).put("status", status)
        .put("cause", cause == null || cause.isBlank() ? null : cause).put("reapedAt", now.toEpochMilli())
        .put("expiresAt", now.plus(keepFor).getEpochSecond()).build(), Condition.notExists("executionId"));
  }

  public boolean isReaped(String executionId) {
    return store.get(Table.EXECUTIONS, Key.of("executionId", executionId)).isPresent();
  }
}
