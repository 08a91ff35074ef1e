package io.datalakewlm.simulator.bottleneck;

import java.util.Objects;

/**
 * One period of a run during which the same limit held back the most work.
 *
 * @param fromMillis the period's start (a multiple of the bucket from the run's start)
 * @param toMillis its end, exclusive (the run's end for the last one)
 * @param subject the job, source or aggregate concerned, or null (arrivals)
 * @param what one sentence: what waited, for what
 * @param move the {@code --set} key that would move the limit, or null when no setting does
 * @param peakHeldBack the most objects the limit held back at one sampled minute of the period
 * @param heldBackMinutes objects × minutes held back over the period, its weight in the run
 */
public record Bottleneck(long fromMillis, long toMillis, BindingLimit limit, String subject, String what, String move,
    int peakHeldBack, long heldBackMinutes) {
  public Bottleneck {
    Objects.requireNonNull(limit);
    if (toMillis < fromMillis) {
      throw new IllegalArgumentException("a period ends before it starts");
    }
  }
}
