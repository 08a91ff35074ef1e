package io.datalakewlm.workers.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pure rules: priority aliases and aging, token bucket arithmetic. */
class PriorityAndBucketTest {

  @Test
  void aliasesAndLevelsParse() {
    assertEquals(Priority.HIGH, Priority.parse("high"));
    assertEquals(new Priority(5), Priority.parse(" LOW "));
    assertEquals(new Priority(7), Priority.parse("7"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Priority.parse("MEDIUM"));
    assertEquals("priority must be a level 1..9 or HIGH/LOW, got 'MEDIUM'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Priority.parse("0"));
    assertThrows(IllegalArgumentException.class, () -> Priority.parse("10"));
  }

  @Test
  void agingRaisesOneLevelPerPeriodDownToOne() {
    Priority low = Priority.LOW;
    Duration period = Duration.ofMinutes(30);
    assertEquals(5, low.agedLevel(Duration.ofMinutes(29), period));
    assertEquals(4, low.agedLevel(Duration.ofMinutes(30), period));
    assertEquals(2, low.agedLevel(Duration.ofMinutes(90), period));
    assertEquals(2, low.agedLevel(Duration.ofDays(30), period), "level 1 is kept for urgent work");
    assertEquals(1, Priority.HIGH.agedLevel(Duration.ofDays(30), period));
    assertEquals(2, new Priority(2).agedLevel(Duration.ofDays(30), period));
    assertEquals(5, low.agedLevel(Duration.ofDays(30), Duration.ZERO), "zero disables aging");
  }

  @Test
  void aBucketNeverGainsTokensFromAClockThatWentBack() {
    TokenBucket bucket = TokenBucket.full(BigDecimal.ONE, BigDecimal.ONE, 10_000);
    TokenBucket.Take first = bucket.take(10_000);
    assertEquals(0, first.waitMillis());
    TokenBucket.Take behind = first.after().take(9_000);
    assertEquals(2_000, behind.waitMillis(), "measured from the caller's clock, 1 s behind the bucket");
    assertEquals(0, behind.after().take(12_000).after().tokens().signum(), "the reservation was paid back, then one more token taken");
  }

  @Test
  void bucketParametersAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> TokenBucket.full(BigDecimal.ZERO, BigDecimal.ONE, 0));
    assertThrows(IllegalArgumentException.class, () -> TokenBucket.full(BigDecimal.ONE, new BigDecimal("0.5"), 0));
  }
}
