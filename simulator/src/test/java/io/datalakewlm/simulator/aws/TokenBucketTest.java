package io.datalakewlm.simulator.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenBucketTest {

  @Test
  void aFullBucketGrantsItsBurstAtOnceThenThrottles() {
    TokenBucket bucket = new RateLimit(2, 10).newBucket(0);
    for (int i = 0; i < 10; i++) {
      assertTrue(bucket.tryAcquire(0), "call " + i);
    }
    assertFalse(bucket.tryAcquire(0));
    assertEquals(10, bucket.granted());
    assertEquals(1, bucket.throttled());
    assertEquals(0, bucket.tokens(0));
  }

  @Test
  void anEmptyBucketRefillsOneTokenPerIntervalAndSaysWhen() {
    TokenBucket bucket = new RateLimit(4, 1).newBucket(1_000);
    assertTrue(bucket.tryAcquire(1_000));
    assertEquals(250, bucket.millisUntilToken(1_000));
    assertFalse(bucket.tryAcquire(1_249));
    assertTrue(bucket.tryAcquire(1_250));
    assertEquals(0, bucket.tokens(1_250));
    assertEquals(1, bucket.tokens(5_000), "never more than the burst");
  }

  @Test
  void fractionalRatesRefillSlowly() {
    TokenBucket bucket = new RateLimit(0.5, 1).newBucket(0);
    assertTrue(bucket.tryAcquire(0));
    assertFalse(bucket.tryAcquire(1_999));
    assertTrue(bucket.tryAcquire(2_000));
  }

  /** The definition of the quota: in any window of length t at most burst + rate × t calls pass. */
  @ParameterizedTest
  @CsvSource({"2, 10", "300, 1300", "0.7, 1", "5, 5", "1000, 1", "3.3, 7"})
  void neverIssuesMoreThanBurstPlusRateTimesElapsed(double rate, int burst) {
    SplittableRandom random = new SplittableRandom(42);
    TokenBucket bucket = new RateLimit(rate, burst).newBucket(0);
    List<Long> granted = new ArrayList<>();
    long now = 0;
    for (int i = 0; i < 4_000; i++) {
      now += random.nextInt(4) == 0 ? random.nextLong(0, 2_000) : 0; // bursts of same-millisecond calls
      if (bucket.tryAcquire(now)) {
        granted.add(now);
      }
    }
    for (int i = 0; i < granted.size(); i++) {
      for (int j = i; j < granted.size(); j++) {
        long window = granted.get(j) - granted.get(i);
        int count = j - i + 1;
        assertTrue(count <= burst + rate * window / 1000.0 + 1e-9,
            () -> count + " calls in " + window + " ms exceed burst " + burst + " + rate " + rate);
      }
    }
  }

  /** With a burst of 2 or more no token is lost to rounding: a minute yields exactly the quota. */
  @ParameterizedTest
  @CsvSource({"2, 10", "300, 1300", "0.7, 3", "3.3, 2"})
  void aSaturatedBucketGrantsTheQuotaNotLess(double rate, int burst) {
    TokenBucket bucket = new RateLimit(rate, burst).newBucket(0);
    long granted = 0;
    long horizon = 60_000;
    for (long t = 0; t <= horizon; t++) {
      while (bucket.tryAcquire(t)) {
        granted++;
      }
    }
    long expected = burst + (long) Math.floor(rate * horizon / 1000.0 + 1e-9);
    assertEquals(expected, granted, "exactly the quota, no drift");
  }
}
