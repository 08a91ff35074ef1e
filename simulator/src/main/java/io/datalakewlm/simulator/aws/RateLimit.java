package io.datalakewlm.simulator.aws;

/**
 * The definition of an API rate quota as AWS describes them: a bucket of {@code burst} tokens
 * refilled at {@code ratePerSecond}; each call takes one token, a call that finds the bucket empty
 * is throttled.
 */
public record RateLimit(double ratePerSecond, int burst) {
  public RateLimit {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number of calls per second, got " + ratePerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1 call, got " + burst);
    }
  }

  /** A fresh, full bucket with this definition. */
  public TokenBucket newBucket(long nowMillis) {
    return new TokenBucket(this, nowMillis);
  }
}
