package io.datalakewlm.workers.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A token bucket: {@code rate} tokens accrue per second up to {@code burst}; each start of the
 * paced API takes one. When the bucket is empty a caller still takes a token, as a reservation:
 * the balance goes negative and the caller is told how long to wait until its token has
 * accrued. Reservations queue behind each other, so however many callers come at once, the
 * tokens handed out by time {@code t} never exceed {@code burst + rate x t}.
 *
 * <p>Amounts are decimals with six places; accrual rounds down and waits round up, so rounding
 * can only make the bucket stricter, never looser.
 *
 * @param tokens may be negative: reserved tokens not yet accrued
 */
public record TokenBucket(BigDecimal rate, BigDecimal burst, BigDecimal tokens, long updatedAtMillis) {

  private static final int SCALE = 6;
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  public TokenBucket {
    Objects.requireNonNull(rate);
    Objects.requireNonNull(burst);
    Objects.requireNonNull(tokens);
    if (rate.signum() <= 0) {
      throw new IllegalArgumentException("rate must be > 0 tokens per second, got " + rate);
    }
    if (burst.compareTo(BigDecimal.ONE) < 0) {
      throw new IllegalArgumentException("burst must be >= 1, got " + burst);
    }
  }

  /** A full bucket. */
  public static TokenBucket full(BigDecimal rate, BigDecimal burst, long nowMillis) {
    return new TokenBucket(rate, burst, burst, nowMillis);
  }

  /** The result of taking a token: the bucket after, and the milliseconds until the token is usable. */
  public record Take(TokenBucket after, long waitMillis) {
  }

  /**
   * Takes one token at {@code nowMillis}. A clock behind the last update (another worker's clock
   * ran ahead) counts as no time passed, and the wait is measured from the caller's own clock.
   */
  public Take take(long nowMillis) {
    long now = Math.max(nowMillis, updatedAtMillis);
    BigDecimal accrued = rate.multiply(BigDecimal.valueOf(now - updatedAtMillis))
        .divide(THOUSAND, SCALE, RoundingMode.FLOOR);
    BigDecimal available = tokens.add(accrued).min(burst);
    BigDecimal after = available.subtract(BigDecimal.ONE).setScale(SCALE, RoundingMode.FLOOR);
    long wait = 0;
    if (available.compareTo(BigDecimal.ONE) < 0) {
      wait = BigDecimal.ONE.subtract(available).multiply(THOUSAND).divide(rate, 0, RoundingMode.CEILING).longValueExact();
    }
    return new Take(new TokenBucket(rate, burst, after, now), wait + (now - nowMillis));
  }
}
