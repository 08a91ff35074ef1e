package io.datalakewlm.simulator.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class DurationDistributionTest {
  private static final int N = 20_000;

  // The mean of N draws, checking each against a bound.
  private static double mean(DurationDistribution d, long seed, LongPredicate bound) {
    SplittableRandom random = new SplittableRandom(seed);
    double sum = 0;
    for (int i = 0; i < N; i++) {
      long value = d.drawMillis(random);
      assertTrue(bound.test(value), "out of bounds: " + value);
      sum += value;
    }
    return sum / N;
  }

  @Test
  void uniformStaysInsideItsBoundsWithTheMiddleAsMean() {
    DurationDistribution d = new DurationDistribution.Uniform(Duration.ofMinutes(5), Duration.ofMinutes(15));
    double mean = mean(d, 1, v -> v >= 300_000 && v <= 900_000);
    assertEquals(600_000, mean, 600_000 * 0.01);
  }

  @Test
  void normalIsTruncatedToItsBoundsByRedrawing() {
    DurationDistribution d = new DurationDistribution.Normal(Duration.ofMinutes(10), Duration.ofMinutes(2),
        Duration.ofMinutes(9), Duration.ofMinutes(11));
    double mean = mean(d, 2, v -> v >= 540_000 && v <= 660_000);
    assertEquals(600_000, mean, 5_000, "symmetric truncation keeps the mean");
    DurationDistribution wide = new DurationDistribution.Normal(Duration.ofMinutes(10), Duration.ofMinutes(2), null, null);
    assertEquals(600_000, mean(wide, 3, v -> v >= 0), 600_000 * 0.01);
  }

  @Test
  void lognormalHasTheMeanItWasGiven() {
    DurationDistribution d = new DurationDistribution.LogNormal(Duration.ofMinutes(12), Duration.ofMinutes(5), null);
    assertEquals(720_000, mean(d, 4, v -> v > 0), 720_000 * 0.02);
    DurationDistribution capped = new DurationDistribution.LogNormal(Duration.ofMinutes(12), Duration.ofMinutes(5),
        Duration.ofMinutes(20));
    mean(capped, 5, v -> v <= 1_200_000);
  }

  @Test
  void exponentialHasTheMeanItWasGiven() {
    DurationDistribution d = new DurationDistribution.Exponential(Duration.ofMinutes(4), null);
    assertEquals(240_000, mean(d, 6, v -> v >= 0), 240_000 * 0.03);
  }

  @Test
  void drawsDependOnlyOnTheStream() {
    DurationDistribution d = new DurationDistribution.Uniform(Duration.ZERO, Duration.ofHours(1));
    assertEquals(d.drawMillis(Seeds.stream(9, "job", "a")), d.drawMillis(Seeds.stream(9, "job", "a")));
    assertNotEquals(d.drawMillis(Seeds.stream(9, "job", "a")), d.drawMillis(Seeds.stream(9, "job", "b")));
    assertNotEquals(Seeds.derive(9, "ab", "c"), Seeds.derive(9, "a", "bc"), "parts are separated");
    assertEquals(Seeds.derive(9, "job", "a"), Seeds.derive(9, "job", "a"));
  }

  @Test
  void impossibleParametersAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new DurationDistribution.Uniform(Duration.ofMinutes(2), Duration.ofMinutes(1)));
    assertThrows(IllegalArgumentException.class, () -> new DurationDistribution.Fixed(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class,
        () -> new DurationDistribution.LogNormal(Duration.ZERO, Duration.ofMinutes(1), null));
  }
}
