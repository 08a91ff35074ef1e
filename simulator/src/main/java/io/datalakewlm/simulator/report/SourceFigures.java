package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.aws.Occupancy;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.scenario.SourceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one source (team) got from a strategy: its objects by outcome, how long its landed objects
 * waited, when its last one landed, and its share of the job-run time beside the share its weight
 * asks for. A source capped by {@code maxInFlight} shows here as long waits while the account had
 * room; a source that got less than its weight while it had objects waiting shows as a run share
 * below its weight share.
 *
 * <p>The run share is the source's job-run seconds (running job runs tagged with the source in
 * the {@code glue.jobRuns} occupancy, up to the end of the run) ÷ every source's; the weight share
 * is its weight ÷ the weights of the sources listed. Weights divide the account only between
 * sources of the same priority that are waiting at the same time, so the two shares are equal
 * only on a day where every source always waits: read them as "who got the machine", not as a
 * verdict. Aggregate runs count for the aggregate's source. Waits are nearest-rank, as for
 * {@link WaitStats}.
 *
 * @param failed failed and lost objects
 * @param lastLandedMillis when its last object landed, or -1 when none did
 * @param jobRunSeconds the integral of its running job runs over the run
 * @param runShare its job-run seconds ÷ every source's (0 when no job ran)
 * @param weightShare its weight ÷ the weights of every source listed
 */
public record SourceFigures(String source, double weight, int maxInFlight, int arrived, int landed, int failed,
    int unfinished, Double p50Seconds, Double p95Seconds, Double maxSeconds, long lastLandedMillis,
    double jobRunSeconds, double runShare, double weightShare) {

  /**
   * The figures of every source of the scenario, in its order, then any other source an object
   * names (weight 1).
   */
  public static List<SourceFigures> measure(List<ObjectRecord> objects, Occupancy jobRuns, List<SourceSpec> sources,
      long startMillis, long endMillis) {
    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (SourceSpec source : sources) {
      tallies.put(source.name(), new Tally(source.weight(), source.maxInFlight()));
    }
    for (ObjectRecord o : objects) {
      tallies.computeIfAbsent(o.source(), s -> new Tally(1, 0)).add(o);
    }
    long span = Math.max(1, endMillis - startMillis);
    Map<String, double[]> seconds = Fairness.runSecondsPerWindow(jobRuns, startMillis, span, 1, endMillis);
    double allSeconds = seconds.values().stream().mapToDouble(s -> s[0]).sum();
    double allWeights = tallies.values().stream().mapToDouble(t -> t.weight).sum();
    List<SourceFigures> out = new ArrayList<>();
    tallies.forEach((name, t) -> {
      double[] own = seconds.get(name);
      double runSeconds = own == null ? 0 : own[0];
      double[] sorted = t.waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      out.add(new SourceFigures(name, t.weight, t.maxInFlight, t.arrived, t.landed, t.failed, t.unfinished,
          WaitStats.nearestRank(sorted, 50), WaitStats.nearestRank(sorted, 95), WaitStats.nearestRank(sorted, 100),
          t.lastLanded, runSeconds, allSeconds == 0 ? 0 : runSeconds / allSeconds,
          allWeights == 0 ? 0 : t.weight / allWeights));
    });
    return out;
  }

  /** One source's counts while the objects are read. */
  private static final class Tally {
    final double weight;
    final int maxInFlight;
    final List<Double> waits = new ArrayList<>();
    int arrived;
    int landed;
    int failed;
    int unfinished;
    long lastLanded = -1;

    Tally(double weight, int maxInFlight) {
      this.weight = weight;
      this.maxInFlight = maxInFlight;
    }

    // Counts one object by its outcome; only landed ones have a wait.
    void add(ObjectRecord o) {
      arrived++;
      switch (o.outcome()) {
        case COMPLETED -> {
          landed++;
          if (o.waitSeconds() >= 0) {
            waits.add(o.waitSeconds());
          }
          lastLanded = Math.max(lastLanded, o.landedMillis());
        }
        case FAILED, LOST -> failed++;
        case UNFINISHED -> unfinished++;
      }
    }
  }
}
