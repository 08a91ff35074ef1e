package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.semaphore.AcquireOutcome;
import io.datalakewlm.workers.semaphore.SemaphoreState;
import io.datalakewlm.workers.semaphore.Semaphores;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Counting semaphores: limit, idempotent release, lease expiry, reap with tombstones. */
public abstract class SemaphoreContract extends WorkersContract {

  private static final Duration LEASE = Duration.ofMinutes(10);
  private static final String GLUE = "glue-job:heavy";

  private Semaphores semaphores() {
    return workers.semaphores();
  }

  private AcquireOutcome acquire(String execution, String holder) {
    return semaphores().acquire(GLUE, execution, holder, LEASE, null);
  }

  @Test
  void acquiresUpToTheLimitThenAnswersFull() {
    semaphores().define(GLUE, 2);
    assertInstanceOf(AcquireOutcome.Acquired.class, acquire("e1", null));
    assertInstanceOf(AcquireOutcome.Acquired.class, acquire("e2", null));
    AcquireOutcome.Full full = assertInstanceOf(AcquireOutcome.Full.class, acquire("e3", null));
    assertEquals(2, full.count());
    assertEquals(Set.of("e1", "e2"), full.holders().keySet());
    assertTrue(semaphores().release(GLUE, "e1", null));
    assertInstanceOf(AcquireOutcome.Acquired.class, acquire("e3", null));
  }

  @Test
  void releaseIsIdempotentAndNeverDecrementsTwice() {
    semaphores().define(GLUE, 1);
    acquire("e1", null);
    assertTrue(semaphores().release(GLUE, "e1", null));
    assertFalse(semaphores().release(GLUE, "e1", null));
    assertFalse(semaphores().release(GLUE, "never-held", null));
    assertEquals(0, semaphores().state(GLUE).orElseThrow().count());
  }

  @Test
  void aRepeatedAcquireOfTheSameHolderKeepsOneSlot() {
    semaphores().define(GLUE, 3);
    acquire("e1", "b1");
    AcquireOutcome.Acquired again = assertInstanceOf(AcquireOutcome.Acquired.class, acquire("e1", "b1"));
    assertTrue(again.alreadyHeld());
    assertEquals(1, semaphores().state(GLUE).orElseThrow().count());
    assertInstanceOf(AcquireOutcome.Acquired.class, acquire("e1", "b2"));
    assertEquals(2, semaphores().state(GLUE).orElseThrow().count());
  }

  @Test
  void aRepeatedAcquireExtendsTheHoldersLease() {
    semaphores().define(GLUE, 1);
    acquire("dispatcher", "role");
    clock.advance(LEASE.minusSeconds(60));
    AcquireOutcome.Acquired again = assertInstanceOf(AcquireOutcome.Acquired.class, acquire("dispatcher", "role"));
    assertEquals(clock.instant().plus(LEASE), again.slot().expiresAt());
    clock.advance(Duration.ofSeconds(120));
    assertInstanceOf(AcquireOutcome.Full.class, acquire("other", null), "the renewed holder is still live");
  }

  @Test
  void anExpiredHolderIsReclaimedWhenTheSemaphoreIsFull() {
    semaphores().define(GLUE, 1);
    acquire("dead", null);
    clock.advance(LEASE.minusSeconds(1));
    assertInstanceOf(AcquireOutcome.Full.class, acquire("e2", null));
    assertTrue(semaphores().renew(GLUE, "dead", null, LEASE));
    clock.advance(Duration.ofSeconds(2));
    assertInstanceOf(AcquireOutcome.Full.class, acquire("e2", null), "the renewed lease still holds");
    clock.advance(LEASE);
    assertInstanceOf(AcquireOutcome.Acquired.class, acquire("e2", null));
    SemaphoreState state = semaphores().state(GLUE).orElseThrow();
    assertEquals(Set.of("e2"), state.holders().keySet());
    assertEquals(1, state.count());
    assertFalse(semaphores().renew(GLUE, "dead", null, LEASE));
  }

  @Test
  void reapReleasesEveryHolderOfTheExecutionAndRefusesItsLateAcquire() {
    semaphores().define(GLUE, 5);
    semaphores().define("account-pool", 5);
    acquire("e1", "b1");
    acquire("e1", "b2");
    acquire("e2", null);
    semaphores().acquire("account-pool", "e1", "b1", LEASE, null);
    assertEquals(3, semaphores().reap("e1", Duration.ofHours(1)));
    assertEquals(Set.of("e2"), semaphores().state(GLUE).orElseThrow().holders().keySet());
    assertEquals(1, semaphores().state(GLUE).orElseThrow().count());
    assertEquals(0, semaphores().state("account-pool").orElseThrow().count());
    assertInstanceOf(AcquireOutcome.Reaped.class, acquire("e1", "b3"), "a late acquire after the reap");
    assertInstanceOf(AcquireOutcome.Reaped.class, semaphores().acquire("account-pool", "e1", null, LEASE, null));
    assertInstanceOf(AcquireOutcome.Acquired.class, acquire("e3", null));
    assertEquals(0, semaphores().reap("e1", Duration.ofHours(1)), "a second reap finds nothing");
    clock.advance(Duration.ofHours(2));
    semaphores().reclaimExpired();
    assertTrue(semaphores().state(GLUE).orElseThrow().tombstones().isEmpty(), "tombstones expire");
  }

  @Test
  void anUndefinedResourceIsRefusedUnlessTheCallerGivesALimit() {
    assertInstanceOf(AcquireOutcome.Undefined.class, acquire("e1", null));
    AcquireOutcome.Acquired acquired = assertInstanceOf(AcquireOutcome.Acquired.class,
        semaphores().acquire(GLUE, "e1", null, LEASE, 2));
    assertEquals(2, acquired.slot().limit());
    assertEquals(List.of(GLUE), semaphores().resources());
    semaphores().acquire(GLUE, "e2", null, LEASE, 9);
    assertInstanceOf(AcquireOutcome.Full.class, semaphores().acquire(GLUE, "e3", null, LEASE, 9),
        "a given limit never changes a defined one");
  }

  @Test
  void loweringTheLimitKeepsHoldersAndBlocksNewAcquires() {
    semaphores().define(GLUE, 3);
    acquire("e1", null);
    acquire("e2", null);
    semaphores().define(GLUE, 1);
    assertEquals(2, semaphores().state(GLUE).orElseThrow().count());
    assertInstanceOf(AcquireOutcome.Full.class, acquire("e3", null));
  }
}
