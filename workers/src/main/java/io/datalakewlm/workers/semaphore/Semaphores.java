package io.datalakewlm.workers.semaphore;

import io.datalakewlm.workers.domain.Slot;
import io.datalakewlm.workers.execution.ExecutionRegistry;
import io.datalakewlm.workers.store.AttributePath;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The counting semaphores of shared resources (a Glue job's concurrent runs, the account's
 * pool of job runs, ...), one {@link CountingSemaphore} item per resource in the semaphores
 * table, plus a registry item listing the resources so that a reap can reach every semaphore
 * without a scan.
 *
 * <p>Holders are keyed by execution: the holder id is the execution id, or
 * {@code <executionId>#<holder>} when one execution holds several slots (a Map state passes the
 * batch id). Reaping an execution therefore finds all of its holders, and tombstones the
 * execution on every semaphore so that an acquire still in flight cannot take a slot after the
 * reap (see {@link CountingSemaphore}). A semaphore created after the reap read the registry has
 * no tombstone; for it, an acquire that succeeded checks the reap record of its execution
 * afterwards and gives the slot back: the reap writes its record before it reads the registry,
 * so either the acquire sees the record or the reap sees the holder.
 */
public final class Semaphores {

  /** The registry item's key; no resource may be named so. */
  static final String REGISTRY = "#registry";

  private final Store store;
  private final Clock clock;
  private final ExecutionRegistry executions;

  public Semaphores(Store store, Clock clock, ExecutionRegistry executions) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
    this.executions = Objects.requireNonNull(executions);
  }

  /** The holder id of an execution's slot: the execution id, or {@code executionId#holder}. */
  public static String holderId(String executionId, String holder) {
    if (executionId == null || executionId.isBlank()) {
      throw new IllegalArgumentException("an execution id is required");
    }
    if (executionId.contains("#")) {
      throw new IllegalArgumentException("an execution id cannot contain '#': " + executionId);
    }
    return holder == null || holder.isBlank() ? executionId : executionId + "#" + holder;
  }

  /** Creates a semaphore or changes its limit (holders are kept; a lower limit blocks new acquires until enough release). */
  public void define(String resource, int limit) {
    semaphore(resource).define(limit);
    register(resource);
  }

  /**
   * Takes a slot of a resource for an execution.
   *
   * @param holder distinguishes several slots of one execution (e.g. the batch id); may be null
   * @param limitIfUndefined defines the semaphore with this limit when it does not exist yet; null to refuse
   */
  public AcquireOutcome acquire(String resource, String executionId, String holder, Duration lease,
                                Integer limitIfUndefined) {
    String holderId = holderId(executionId, holder);
    Instant expiresAt = clock.instant().plus(lease);
    AcquireOutcome outcome = semaphore(resource).acquire(holderId, executionId, expiresAt, null);
    if (outcome instanceof AcquireOutcome.Undefined && limitIfUndefined != null) {
      if (semaphore(resource).state().isEmpty()) {
        define(resource, limitIfUndefined);
      }
      outcome = semaphore(resource).acquire(holderId, executionId, expiresAt, null);
    }
    if (outcome instanceof AcquireOutcome.Acquired held && held.alreadyHeld()
        && semaphore(resource).renew(holderId, expiresAt)) {
      // Acquiring again is how a long-lived holder (the dispatcher's role) keeps its slot: the
      // lease runs from the latest acquire, so a live holder is never reclaimed as expired.
      Slot slot = held.slot();
      return new AcquireOutcome.Acquired(new Slot(slot.resource(), slot.holderId(), expiresAt, slot.count(), slot.limit()), true);
    }
    if (outcome instanceof AcquireOutcome.Acquired acquired && !acquired.alreadyHeld()
        && executions.isReaped(executionId)) {
      // reaped while acquiring, on a semaphore the reap did not tombstone (created meanwhile): give it back
      semaphore(resource).release(holderId);
      return new AcquireOutcome.Reaped(executionId);
    }
    return outcome;
  }

  /** Releases a slot; false when it was not held (released before, reaped or reclaimed). */
  public boolean release(String resource, String executionId, String holder) {
    return semaphore(resource).release(holderId(executionId, holder));
  }

  /** Extends a held slot's lease; false when the slot is no longer held. */
  public boolean renew(String resource, String executionId, String holder, Duration lease) {
    return semaphore(resource).renew(holderId(executionId, holder), clock.instant().plus(lease));
  }

  /**
   * Releases every slot of an execution on every resource and tombstones the execution there.
   *
   * @param tombstoneTtl how long a late acquire of the execution is refused; longer than any acquire can be in flight
   * @return the number of slots released
   */
  public int reap(String executionId, Duration tombstoneTtl) {
    Instant until = clock.instant().plus(tombstoneTtl);
    int released = 0;
    for (String resource : resources()) {
      released += semaphore(resource).reap(executionId, until);
    }
    return released;
  }

  /** Reclaims holders whose lease expired, on every resource; the number reclaimed. */
  public int reclaimExpired() {
    int reclaimed = 0;
    for (String resource : resources()) {
      reclaimed += semaphore(resource).reclaimExpired();
    }
    return reclaimed;
  }

  public Optional<SemaphoreState> state(String resource) {
    return semaphore(resource).state();
  }

  /** The defined resources, sorted. */
  public List<String> resources() {
    List<String> names = new ArrayList<>(store.get(Table.SEMAPHORES, Key.of("resource", REGISTRY))
        .map(i -> i.map("resources").keySet()).orElse(java.util.Set.of()));
    names.sort(null);
    return names;
  }

  /** The semaphore of a resource (registered, so reaps and sweeps reach it). */
  public CountingSemaphore semaphoreOf(String resource) {
    return semaphore(resource);
  }

  private CountingSemaphore semaphore(String resource) {
    if (resource == null || resource.isBlank() || REGISTRY.equals(resource)) {
      throw new IllegalArgumentException("invalid resource name '" + resource + "'");
    }
    return new CountingSemaphore(store, Table.SEMAPHORES, Key.of("resource", resource), clock, resource);
  }

  // Adds a resource to the registry item, creating the item on first use.
  private void register(String resource) {
    Key key = Key.of("resource", REGISTRY);
    Update add = Update.builder().set(AttributePath.of("resources", resource), true).build();
    if (store.update(Table.SEMAPHORES, key, add, Condition.exists("resources")).isEmpty()) {
      store.put(Table.SEMAPHORES, Item.builder().put("resource", REGISTRY).put("resources", Map.of()).build(),
          Condition.notExists("resources"));
      store.update(Table.SEMAPHORES, key, add, Condition.exists("resources"));
    }
  }
}
