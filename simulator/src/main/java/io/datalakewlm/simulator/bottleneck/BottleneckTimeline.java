package io.datalakewlm.simulator.bottleneck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What held work back over one run: a sample per virtual minute of the objects each limit held
 * back (see {@link BindingLimit} for the precedence when several hold the same object), folded
 * into {@link Bottleneck} periods. A period is a whole number of {@link #BUCKET_MILLIS} buckets
 * from the run's start; a bucket is bound by the limit that held back the most object-minutes in
 * it, or by {@link BindingLimit#ARRIVALS} when in most of its minutes nothing was held back, and
 * neighbouring buckets bound by the same limit (and subject) are one period.
 */
public final class BottleneckTimeline {
  /** The length of the buckets periods are made of. */
  public static final long BUCKET_MILLIS = 5 * 60_000;

  /** One sample: at {@code atMillis}, what each limit held back (empty when nothing was). */
  public record Sample(long atMillis, Map<Hold, Integer> heldBack) {
    public Sample {
      heldBack = Collections.unmodifiableMap(new LinkedHashMap<>(heldBack));
    }
  }

  private static final BottleneckTimeline EMPTY = new BottleneckTimeline(0, 0, List.of());

  private final long startMillis;
  private final long endMillis;
  private final List<Sample> samples;
  private final List<Bottleneck> periods;
  private final Map<Hold, Long> heldBackMinutes;

  private BottleneckTimeline(long startMillis, long endMillis, List<Sample> samples) {
    this.startMillis = startMillis;
    this.endMillis = endMillis;
    this.samples = List.copyOf(samples);
    Map<Hold, Long> minutes = new LinkedHashMap<>();
    samples.forEach(s -> s.heldBack().forEach((hold, n) -> minutes.merge(hold, (long) n, Long::sum)));
    this.heldBackMinutes = Collections.unmodifiableMap(minutes);
    this.periods = List.copyOf(fold());
  }

  /** A run that was not sampled (a run made by hand in a test): no periods. */
  public static BottleneckTimeline empty() {
    return EMPTY;
  }

  /** The timeline of samples taken from {@code startMillis} to {@code endMillis}, in time order. */
  public static BottleneckTimeline of(long startMillis, long endMillis, List<Sample> samples) {
    return new BottleneckTimeline(startMillis, endMillis, samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The periods, in time order, covering the sampled run without gaps. */
  public List<Bottleneck> periods() {
    return periods;
  }

  /** Objects × minutes held back by each limit over the whole run. */
  public Map<Hold, Long> heldBackMinutes() {
    return heldBackMinutes;
  }

  /** The limit that held back the most object-minutes over the run, or arrivals when none held any. */
  public Hold heldBackMost() {
    return heldBackMinutes.entrySet().stream().max(Map.Entry.<Hold, Long>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey(PRECEDENCE.reversed())))
        .map(Map.Entry::getKey).orElse(Hold.ARRIVALS);
  }

  // Ties go to the limit first in precedence, then to the subject first by name, so a report is stable.
  private static final Comparator<Hold> PRECEDENCE = Comparator.comparing(Hold::limit)
      .thenComparing(h -> h.subject() == null ? "" : h.subject()).thenComparing(Hold::detail);

  private List<Bottleneck> fold() {
    List<Bottleneck> out = new ArrayList<>();
    int i = 0;
    while (i < samples.size()) {
      long bucket = (samples.get(i).atMillis() - 1 - startMillis) / BUCKET_MILLIS;
      Map<Hold, Long> minutes = new HashMap<>();
      Map<Hold, Integer> peak = new HashMap<>();
      int count = 0;
      int held = 0;
      while (i < samples.size() && (samples.get(i).atMillis() - 1 - startMillis) / BUCKET_MILLIS == bucket) {
        Sample sample = samples.get(i++);
        count++;
        if (!sample.heldBack().isEmpty()) {
          held++;
        }
        sample.heldBack().forEach((hold, n) -> {
          minutes.merge(hold, (long) n, Long::sum);
          peak.merge(hold, n, Math::max);
        });
      }
      Hold binding = held * 2 < count ? Hold.ARRIVALS : minutes.entrySet().stream()
          .max(Map.Entry.<Hold, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(PRECEDENCE.reversed())))
          .map(Map.Entry::getKey).orElse(Hold.ARRIVALS);
      long from = startMillis + bucket * BUCKET_MILLIS;
      long to = Math.min(endMillis, from + BUCKET_MILLIS);
      int bucketPeak = peak.getOrDefault(binding, 0);
      long bucketMinutes = minutes.getOrDefault(binding, 0L);
      Bottleneck last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.limit() == binding.limit() && java.util.Objects.equals(last.subject(), binding.subject())
          && java.util.Objects.equals(last.move(), binding.move()) && last.toMillis() == from) {
        int merged = Math.max(last.peakHeldBack(), bucketPeak);
        out.set(out.size() - 1, new Bottleneck(last.fromMillis(), to, binding.limit(), binding.subject(),
            binding.what(merged), binding.move(), merged, last.heldBackMinutes() + bucketMinutes));
      } else {
        out.add(new Bottleneck(from, to, binding.limit(), binding.subject(), binding.what(bucketPeak), binding.move(),
            bucketPeak, bucketMinutes));
      }
    }
    return out;
  }
}
