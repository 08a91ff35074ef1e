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
 *       (and tombstones) its slots on every semaphore and its batches' job slots on the dataset
 *       lanes, and returns every item it had leased to the queue (one attempt counted;
 *       dead-lettered when spent).</li>
 *   <li>{@link #sweepExpired}: returns items whose lease expired and reclaims semaphore, job and
 *       source slots whose holder's lease expired; the backstop when no reap comes.</li>
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
    int slots = semaphores.reap(executionId, tombstoneTtl) + queue.reapSlots(executionId);
    List<WorkItem> leased = queue.leasedBy(executionId);
    String why = "execution " + executionId + " ended " + status + (cause == null || cause.isBlank() ? "" : ": " + cause);
    Outcome outcome = queue.returnLeased(leased, "Wlm.ExecutionReaped", why, maxAttempts);
    return new Report(slots, outcome.done().size(), outcome.deadLettered().size(), 0, 0);
  }

  /** Returns expired leases and reclaims expired slots. */
  public Report sweepExpired(int maxAttempts) {
    int returned = 0;
    int dead = 0;
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
