package io.datalakewlm.workers.reap;

import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.execution.ExecutionRegistry;
import io.datalakewlm.workers.queue.Outcome;
import io.datalakewlm.workers.queue.WorkQueue;
import io.datalakewlm.workers.semaphore.Semaphores;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Cleans up after executions that will not clean up themselves.
 * <ul>
 *   <li>{@link #reap}: for a FAILED/ABORTED/TIMED_OUT execution, records it as reaped, releases
 *       (and tombstones) its slots on every semaphore, and takes back its batches' holders on the
 *       dataset lanes: one attempt counted on every item a holder lists (dead-lettered when
 *       spent), then the holder removed.</li>
 *   <li>{@link #sweepExpired}: does the same for every holder whose lease expired, and reclaims
 *       semaphore and source slots whose holder's lease expired; the backstop when no reap
 *       comes. Items an older version leased one by one are returned too.</li>
 * </ul>
 * Both are idempotent and safe to run concurrently with the workers and with each other: every
 * change is a conditional write on the state it read. A late AcquireSlot of a reaped execution
 * is refused by its tombstone; a late SelectBatch sees the reap record and gives back; a lease
 * that slips through (a GSI read that lagged) is reclaimed by the sweep when it expires.
 */
public final class Reaper {

  /** What one reap or sweep did. */
  public record Report(int slotsReleased, int itemsReturned, int itemsDeadLettered, int expiredItemsReturned,
                       int expiredSlotsReclaimed) { }

  private final WorkQueue queue;
  private final Semaphores semaphores;
  private final ExecutionRegistry executions;
  private final Clock clock;
  private final Duration tombstoneTtl;

  /**
   * @param tombstoneTtl how long a reaped execution is remembered; longer than any of its calls can be in flight
   */
  public Reaper(WorkQueue queue, Semaphores semaphores, ExecutionRegistry executions, Clock clock,
                Duration tombstoneTtl) {
    this.queue = Objects.requireNonNull(queue);
    this.semaphores = Objects.requireNonNull(semaphores);
    this.executions = Objects.requireNonNull(executions);
    this.clock = Objects.requireNonNull(clock);
    this.tombstoneTtl = Objects.requireNonNull(tombstoneTtl);
  }

  /** Releases everything an execution holds. */
  public Report reap(String executionId, String status, String cause, int maxAttempts) {
    executions.markReaped(executionId, status, cause, tombstoneTtl);
    String why = "execution " + executionId + " ended " + status + (cause == null || cause.isBlank() ? "" : ": " + cause);
    WorkQueue.Reaped held = queue.reapHolders(executionId, "Wlm.ExecutionReaped", why, maxAttempts);
    int slots = semaphores.reap(executionId, tombstoneTtl) + held.holders();
    // items an older version leased one by one (see the README's upgrade note)
    Outcome legacy = queue.returnLeased(queue.leasedBy(executionId), "Wlm.ExecutionReaped", why, maxAttempts);
    return new Report(slots, held.outcome().done().size() + legacy.done().size(),
        held.outcome().deadLettered().size() + legacy.deadLettered().size(), 0, 0);
  }

  /** Takes back batches whose holder expired, returns expired leases and reclaims expired slots. */
  public Report sweepExpired(int maxAttempts) {
    WorkQueue.Reaped held = queue.reapExpiredHolders("Wlm.LeaseExpired",
        "the lease lapsed without Complete, Fail or renewal", maxAttempts);
    int returned = held.outcome().done().size();
    int dead = held.outcome().deadLettered().size();
    while (true) {
      List<WorkItem> expired = queue.expiredLeases(clock.instant(), 100);
      if (expired.isEmpty()) {
        break;
      }
      Outcome outcome = queue.returnLeased(expired, "Wlm.LeaseExpired", "the lease lapsed without Complete, Fail or renewal",
          maxAttempts);
      returned += outcome.done().size();
      dead += outcome.deadLettered().size();
      if (outcome.done().size() + outcome.deadLettered().size() == 0) {
        break; // everything seen was changed by someone else meanwhile; the next sweep retries
      }
    }
    int slots = semaphores.reclaimExpired() + queue.reclaimExpiredSlots();
    return new Report(0, 0, dead, returned, slots);
  }
}
