package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.aws.Occupancy;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fairness between sources, as Jain's index over time windows.
 *
 * <p>The run is cut into windows of equal length from its first arrival. In each window the
 * sources compared are the ones <em>backlogged throughout it</em>: at every instant of the window
 * at least one of their objects had arrived and its landing job run had not started (they wanted
 * more service than they got, the whole time). Each such source i receives x_i = its job-run
 * seconds in the window (running job runs tagged with the source, from the {@code glue.jobRuns}
 * occupancy) ÷ its weight. Jain's index is (Σx)² ÷ (n · Σx²): 1 when every backlogged source got
 * the same weighted service, 1/n when one got everything.
 *
 * <p>Only <em>contested</em> windows count: at least two sources backlogged throughout and some
 * service given. A window where one source waits alone has nobody to be unfair to. The figures
 * are the mean and the minimum over contested windows; with none, they are null (no contention).
 *
 * <p>Caveats. Priority levels are deliberate unfairness: when a priority-1 source and a
 * priority-5 source are both backlogged, a strategy that serves priority 1 first scores low in
 * that window; read the index with the waits per priority. Sources whose objects wait only
 * briefly are never backlogged throughout a window and do not count, which is the point: they
 * were served. A failed object counts as waiting until its last attempt started (or not at all if
 * none started), a lost one not at all (nothing knew about it), an unfinished one until it
 * started or the run ended.
 *
 * @param windowSeconds the length of a window
 * @param windows the windows between the first arrival and the end of the run
 * @param contestedWindows the windows with two or more sources backlogged throughout
 * @param mean the mean index over contested windows, or null when there were none
 * @param min the lowest index of a contested window, or null
 * @param worstWindowStartMillis when the window with the lowest index began, or -1
 */
public record Fairness(double windowSeconds, int windows, int contestedWindows, Double mean, Double min,
    long worstWindowStartMillis) {

  /**
   * Measures the fairness of one run.
   *
   * @param weights each source's weight (missing sources weigh 1)
   * @param endMillis where the last window stops (the end of the run)
   */
  public static Fairness measure(List<ObjectRecord> objects, Occupancy jobRuns, Map<String, Double> weights,
      long windowMillis, long endMillis) {
    if (windowMillis <= 0) {
      throw new IllegalArgumentException("the fairness window must be > 0 ms, got " + windowMillis);
    }
    long first = objects.stream().mapToLong(ObjectRecord::arrivedMillis).min().orElse(endMillis);
    int windows = endMillis > first ? (int) ((endMillis - first + windowMillis - 1) / windowMillis) : 0;
    Map<String, List<long[]>> backlog = backlogPerSource(objects, endMillis);
    Map<String, double[]> service = runSecondsPerWindow(jobRuns, first, windowMillis, windows, endMillis);
    double sum = 0;
    double min = Double.NaN;
    long worst = -1;
    int contested = 0;
    for (int w = 0; w < windows; w++) {
      long from = first + w * windowMillis;
      long to = Math.min(endMillis, from + windowMillis);
      List<Double> shares = new ArrayList<>();
      for (Map.Entry<String, List<long[]>> source : backlog.entrySet()) {
        if (covers(source.getValue(), from, to)) {
          double[] seconds = service.get(source.getKey());
          shares.add((seconds == null ? 0 : seconds[w]) / weights.getOrDefault(source.getKey(), 1.0));
        }
      }
      double index = jain(shares);
      if (shares.size() >= 2 && !Double.isNaN(index)) {
        contested++;
        sum += index;
        if (Double.isNaN(min) || index < min) {
          min = index;
          worst = from;
        }
      }
    }
    return new Fairness(windowMillis / 1000.0, windows, contested, contested == 0 ? null : sum / contested,
        contested == 0 ? null : min, worst);
  }

  /** Jain's index of {@code shares}: (Σx)² ÷ (n · Σx²); NaN when empty or all zero. */
  public static double jain(List<Double> shares) {
    double sum = 0;
    double squares = 0;
    for (double x : shares) {
      sum += x;
      squares += x * x;
    }
    return squares == 0 ? Double.NaN : sum * sum / (shares.size() * squares);
  }

  // Per source, the merged intervals [from, to) during which at least one of its objects waited.
  private static Map<String, List<long[]>> backlogPerSource(List<ObjectRecord> objects, long endMillis) {
    Map<String, List<long[]>> raw = new TreeMap<>();
    for (ObjectRecord o : objects) {
      long until = waitingUntil(o, endMillis);
      if (until > o.arrivedMillis()) {
        raw.computeIfAbsent(o.source(), s -> new ArrayList<>()).add(new long[] {o.arrivedMillis(), until});
      }
    }
    Map<String, List<long[]>> merged = new TreeMap<>();
    raw.forEach((source, intervals) -> merged.put(source, merge(intervals)));
    return merged;
  }

  // When an object stopped waiting, by how it ended (see the class comment).
  private static long waitingUntil(ObjectRecord o, long endMillis) {
    if (o.outcome() == ObjectOutcome.LOST) {
      return o.arrivedMillis();
    }
    if (o.startedMillis() >= 0) {
      return o.startedMillis();
    }
    return o.outcome() == ObjectOutcome.UNFINISHED ? endMillis : o.arrivedMillis();
  }

  // Sorts intervals and joins the ones that overlap or touch.
  private static List<long[]> merge(List<long[]> intervals) {
    long[][] sorted = intervals.toArray(new long[0][]);
    Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
    List<long[]> out = new ArrayList<>();
    for (long[] next : sorted) {
      long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && next[0] <= last[1]) {
        last[1] = Math.max(last[1], next[1]);
      } else {
        out.add(new long[] {next[0], next[1]});
      }
    }
    return out;
  }

  // Whether one merged interval holds all of [from, to).
  private static boolean covers(List<long[]> merged, long from, long to) {
    for (long[] interval : merged) {
      if (interval[0] <= from && interval[1] >= to) {
        return true;
      }
      if (interval[0] > from) {
        return false;
      }
    }
    return false;
  }

  /**
   * Job-run seconds per tag in each window: the integral of the tag's running count, from the
   * occupancy's exact changes.
   */
  static Map<String, double[]> runSecondsPerWindow(Occupancy occupancy, long first, long windowMillis, int windows,
      long endMillis) {
    Map<String, double[]> out = new TreeMap<>();
    Map<String, long[]> last = new TreeMap<>(); // tag -> {since, value}
    for (Occupancy.Change change : occupancy.changes()) {
      long[] previous = last.get(change.tag());
      if (previous != null) {
        spread(out.computeIfAbsent(change.tag(), t -> new double[windows]), previous[0], change.atMillis(),
            previous[1], first, windowMillis, endMillis);
      }
      last.put(change.tag(), new long[] {change.atMillis(), change.value()});
    }
    last.forEach((tag, previous) ->
        spread(out.computeIfAbsent(tag, t -> new double[windows]), previous[0], endMillis, previous[1], first,
            windowMillis, endMillis));
    return out;
  }

  // Adds value × (the part of [from, to) inside each window) to the windows' seconds.
  private static void spread(double[] seconds, long from, long to, long value, long first, long windowMillis,
      long endMillis) {
    from = Math.max(from, first);
    to = Math.min(to, endMillis);
    if (value == 0 || to <= from || seconds.length == 0) {
      return;
    }
    int w = (int) ((from - first) / windowMillis);
    while (w < seconds.length && from < to) {
      long windowEnd = first + (w + 1) * windowMillis;
      long until = Math.min(to, windowEnd);
      seconds[w] += value * (until - from) / 1000.0;
      from = until;
      w++;
    }
  }
}
