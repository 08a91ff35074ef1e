package io.datalakewlm.simulator.random;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How long something takes (a Glue job run, a crawl), as a distribution to draw from.
 *
 * <p>Draws take a {@link SplittableRandom} so the caller decides which stream a value comes from
 * (see {@link Seeds}). Gaussian values are made with the Box–Muller transform over
 * {@code nextDouble()}, not {@code nextGaussian()}, whose algorithm may change between Java
 * versions. Bounded forms ({@code min}/{@code max}) redraw values outside the bounds (a truncated
 * distribution, which keeps its shape) and clamp only after 64 misses, which happens when the
 * bounds leave almost no probability mass. Nothing is ever drawn below 0.
 */
public sealed interface DurationDistribution {

  /** One value, in milliseconds, never negative. */
  long drawMillis(SplittableRandom random);

  /** The expected value before truncation, for reports. */
  Duration mean();

  /** Always the same value. */
  record Fixed(Duration value) implements DurationDistribution {
    public Fixed {
      requireNonNegative(value, "fixed duration");
    }

    @Override
    public long drawMillis(SplittableRandom random) {
      return value.toMillis();
    }

    @Override
    public Duration mean() {
      return value;
    }
  }

  /** Uniform between {@code low} and {@code high}, both included. */
  record Uniform(Duration low, Duration high) implements DurationDistribution {
    public Uniform {
      requireNonNegative(low, "uniform low bound");
      requireNonNegative(high, "uniform high bound");
      if (high.compareTo(low) < 0) {
        throw new IllegalArgumentException("uniform high bound " + high + " is below its low bound " + low);
      }
    }

    @Override
    public long drawMillis(SplittableRandom random) {
      long lo = low.toMillis();
      long hi = high.toMillis();
      return lo == hi ? lo : random.nextLong(lo, hi + 1);
    }

    @Override
    public Duration mean() {
      return low.plus(high).dividedBy(2);
    }
  }

  /** Normal with mean and standard deviation, truncated to [{@code min}, {@code max}]. */
  record Normal(Duration mean, Duration sd, Duration min, Duration max) implements DurationDistribution {
    public Normal {
      requireNonNegative(mean, "normal mean");
      requireNonNegative(sd, "normal sd");
      min = min == null ? Duration.ZERO : min;
      requireNonNegative(min, "normal min");
      requireBounds(min, max);
    }

    @Override
    public long drawMillis(SplittableRandom random) {
      return truncated(random, min, max, r -> mean.toMillis() + sd.toMillis() * gaussian(r));
    }
  }

  /**
   * Log-normal given by the mean and standard deviation of the durations themselves (not of their
   * logarithm), truncated to at most {@code max} when given: long tails of slow runs.
   */
  record LogNormal(Duration mean, Duration sd, Duration max) implements DurationDistribution {
    public LogNormal {
      Objects.requireNonNull(mean, "lognormal mean");
      if (mean.isNegative() || mean.isZero()) {
        throw new IllegalArgumentException("lognormal mean must be > 0, got " + mean);
      }
      requireNonNegative(sd, "lognormal sd");
      requireBounds(Duration.ZERO, max);
    }

    @Override
    public long drawMillis(SplittableRandom random) {
      double m = mean.toMillis();
      double s = sd.toMillis();
      double sigma2 = Math.log(1 + (s * s) / (m * m));
      double mu = Math.log(m) - sigma2 / 2;
      double sigma = Math.sqrt(sigma2);
      return truncated(random, Duration.ZERO, max, r -> Math.exp(mu + sigma * gaussian(r)));
    }
  }

  /** Exponential with the given mean (memoryless), truncated to at most {@code max} when given. */
  record Exponential(Duration mean, Duration max) implements DurationDistribution {
    public Exponential {
      requireNonNegative(mean, "exponential mean");
      requireBounds(Duration.ZERO, max);
    }

    @Override
    public long drawMillis(SplittableRandom random) {
      return truncated(random, Duration.ZERO, max, r -> -mean.toMillis() * Math.log(1 - r.nextDouble()));
    }
  }

  /** A standard normal value from two uniform draws (Box–Muller). */
  static double gaussian(SplittableRandom random) {
    double u1 = 1 - random.nextDouble(); // in (0, 1], so the logarithm is finite
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Draws until a value falls in [min, max] (max may be null), clamping after 64 misses. */
  static long truncated(SplittableRandom random, Duration min, Duration max,
      java.util.function.ToDoubleFunction<SplittableRandom> draw) {
    long lo = min.toMillis();
    long hi = max == null ? Long.MAX_VALUE : max.toMillis();
    double value = 0;
    for (int attempt = 0; attempt < 64; attempt++) {
      value = draw.applyAsDouble(random);
      if (value >= lo && value <= hi) {
        return Math.round(value);
      }
    }
    return Math.max(lo, Math.min(hi, Math.round(value)));
  }

  private static void requireNonNegative(Duration value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, got " + value);
    }
  }

  private static void requireBounds(Duration min, Duration max) {
    if (max != null && max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max " + max + " is below min " + min);
    }
  }
}
