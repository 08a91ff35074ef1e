package io.datalakewlm.simulator.report;

import java.util.Arrays;

/**
 * How long the objects of one priority level waited: from arrival to the start of the Glue job
 * run that landed them. Only landed objects have a wait; the others are counted in
 * {@code objects} but not in the percentiles, so read the waits beside the failed, lost and
 * unfinished counts (a strategy that drops the slow objects looks fast here).
 *
 * <p>Percentiles are nearest-rank: the p-th percentile of n sorted waits is the one at rank
 * ⌈p ÷ 100 × n⌉, always a wait that happened, never an interpolation.
 *
 * @param objects objects of this level that arrived
 * @param landed those that landed (the percentiles' population)
 * @param p50Seconds the median wait, or null when none landed
 * @param p95Seconds null when none landed
 * @param maxSeconds null when none landed
 */
public record WaitStats(int priority, int objects, int landed, Double p50Seconds, Double p95Seconds,
    Double maxSeconds) {

  /** The figures of {@code waits} (seconds, any order) out of {@code objects} arrivals. */
  public static WaitStats of(int priority, int objects, double[] waits) {
    double[] sorted = waits.clone();
    Arrays.sort(sorted);
    return new WaitStats(priority, objects, sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 95),
        nearestRank(sorted, 100));
  }

  /** The nearest-rank {@code percent}-th percentile of ascending {@code sorted}, or null when empty. */
  public static Double nearestRank(double[] sorted, int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("percent must be 1..100, got " + percent);
    }
    if (sorted.length == 0) {
      return null;
    }
    // Integer arithmetic: 0.95 × 20 in doubles is 19.000000000000004, whose ceiling is the wrong rank.
    long rank = ((long) percent * sorted.length + 99) / 100;
    return sorted[(int) rank - 1];
  }
}
