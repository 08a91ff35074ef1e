package io.datalakewlm.asl.model;

import java.util.List;

/**
 * One entry of a state's {@code Retry} array. Each retrier counts its own attempts; the delay
 * before attempt {@code n} (from 0) is {@code IntervalSeconds × BackoffRate^n}, capped by
 * {@code MaxDelaySeconds}, and with {@code FULL} jitter drawn uniformly from {@code [0, delay]}.
 */
public record Retrier(
    List<String> errorEquals,
    double intervalSeconds,
    int maxAttempts,
    double backoffRate,
    Integer maxDelaySeconds,
    JitterStrategy jitterStrategy,
    String comment) {

  public static final double DEFAULT_INTERVAL_SECONDS = 1;
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final double DEFAULT_BACKOFF_RATE = 2.0;

  public Retrier {
    errorEquals = List.copyOf(errorEquals);
  }

  public enum JitterStrategy {
    FULL,
    NONE
  }
}
