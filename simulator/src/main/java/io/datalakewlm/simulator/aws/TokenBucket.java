package io.datalakewlm.simulator.aws;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * AWS's token-bucket throttle in virtual time: at most {@code burst} calls at once, then one
 * more every {@code 1 / rate} seconds. Used for every emulated rate quota (StartJobRun,
 * StartCrawler, AssociateKmsKey, StartExecution); not the product's own pacing bucket.
 *
 * <p>It is kept in the equivalent "virtual scheduling" form (the generic cell rate algorithm): one
 * theoretical arrival time instead of a fractional token count. Time is counted in integer ticks
 * of {@code 1 / p} milliseconds, where the rate is the fraction {@code p / q} calls per second, so
 * the interval between tokens is exactly {@code 1000 × q} ticks: no rounding, no drift, and never
 * more than {@code burst + rate × t} calls in any window of length t — the property the tests
 * check. Rates are taken to six decimals, rounded down (a rate of 1/3 refills as 0.333333).
 *
 * <p>Not thread-safe: the simulator calls it from its scheduler's loop only.
 */
public final class TokenBucket {
  private static final long RATE_DENOMINATOR = 1_000_000L;

  private final RateLimit limit;
  private final long originMillis;
  private final long ticksPerMilli;
  private final long intervalTicks;
  private final long toleranceTicks;
  private long theoreticalArrival;
  private long granted;
  private long throttled;

  TokenBucket(RateLimit limit, long nowMillis) {
    this.limit = limit;
    // The decimal the rate was written as (0.7, not 0.6999…), to six places, rounded down.
    long numerator = BigDecimal.valueOf(limit.ratePerSecond()).multiply(BigDecimal.valueOf(RATE_DENOMINATOR))
        .setScale(0, RoundingMode.FLOOR).longValueExact();
    if (numerator < 1) {
      throw new IllegalArgumentException("rate " + limit.ratePerSecond() + " is below one call per million seconds");
    }
    long gcd = gcd(numerator, RATE_DENOMINATOR);
    this.ticksPerMilli = numerator / gcd;
    this.intervalTicks = Math.multiplyExact(1000L, RATE_DENOMINATOR / gcd);
    this.toleranceTicks = Math.multiplyExact(limit.burst() - 1L, intervalTicks);
    this.originMillis = nowMillis;
  }

  public RateLimit limit() {
    return limit;
  }

  /** Takes a token if one is left at {@code nowMillis}; false means the call is throttled. */
  public boolean tryAcquire(long nowMillis) {
    long now = ticks(nowMillis);
    long start = Math.max(theoreticalArrival, now);
    if (start - now > toleranceTicks) {
      throttled++;
      return false;
    }
    theoreticalArrival = start + intervalTicks;
    granted++;
    return true;
  }

  /** Whole tokens left at {@code nowMillis}, between 0 and burst. */
  public int tokens(long nowMillis) {
    long debt = Math.max(0, theoreticalArrival - ticks(nowMillis));
    long free = toleranceTicks + intervalTicks - debt;
    return (int) Math.max(0, Math.min(limit.burst(), free / intervalTicks));
  }

  /** Milliseconds from {@code nowMillis} until a call would be granted (0 if one would be now). */
  public long millisUntilToken(long nowMillis) {
    long wait = theoreticalArrival - toleranceTicks - ticks(nowMillis);
    return wait <= 0 ? 0 : (wait + ticksPerMilli - 1) / ticksPerMilli;
  }

  /** Calls granted so far. */
  public long granted() {
    return granted;
  }

  /** Calls refused so far. */
  public long throttled() {
    return throttled;
  }

  // Milliseconds since the bucket was made, in ticks of 1/p ms.
  private long ticks(long nowMillis) {
    return Math.multiplyExact(Math.max(0, nowMillis - originMillis), ticksPerMilli);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
