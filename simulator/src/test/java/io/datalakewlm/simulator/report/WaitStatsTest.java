package io.datalakewlm.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WaitStatsTest {
  @Test
  void percentilesAreNearestRankWithoutFloatingPointDrift() {
    double[] waits = new double[20];
    for (int i = 0; i < 20; i++) {
      waits[19 - i] = 10.0 * (i + 1); // 200, 190, …, 10: any order
    }
    WaitStats stats = WaitStats.of(2, 25, waits);
    // n = 20: p50 is rank 10 (100 s); p95 is rank 19 (190 s), not 20 as 0.95 × 20 in doubles would give.
    assertEquals(new WaitStats(2, 25, 20, 100.0, 190.0, 200.0), stats);
  }

  @Test
  void aSmallSampleRoundsTheRankUp() {
    // n = 3: p50 rank ⌈1.5⌉ = 2, p95 rank ⌈2.85⌉ = 3.
    assertEquals(new WaitStats(1, 3, 3, 3.0, 5.0, 5.0), WaitStats.of(1, 3, new double[] {5, 1, 3}));
  }

  @Test
  void noLandedObjectsGiveNoPercentiles() {
    WaitStats stats = WaitStats.of(4, 7, new double[0]);
    assertEquals(0, stats.landed());
    assertNull(stats.p50Seconds());
    assertNull(stats.maxSeconds());
  }
}
