package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.scenario.ArrivalSpec;
import io.datalakewlm.simulator.scenario.ArrivalTarget;
import io.datalakewlm.simulator.scenario.DatasetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one arrival wave of the scenario was worked off: a burst, or the window of a rate, for the
 * datasets of its target. A wave is done when its last object landed ("erp 01:00 burst: 1,146
 * objects, done 05:12, p95 wait 2 h 10 m").
 *
 * <p>An object belongs to a wave when its dataset is one of the wave's target and it arrived at
 * the burst's instant, or inside the rate's window [from, to). Objects are not tagged with the
 * entry that made them, so two entries that send objects to the same dataset at the same instant
 * (or overlapping windows) both count them. Arrivals read from a file are not waves and are not
 * listed. Waits are nearest-rank, as for {@link WaitStats}.
 *
 * @param entry the index of the entry in the scenario's {@code arrivals:}
 * @param kind {@code burst} or {@code rate}
 * @param target the source or dataset named by the entry
 * @param fromMillis the burst's instant, or the start of the rate's window
 * @param toMillis the burst's instant, or the end of the rate's window (exclusive)
 * @param landed the wave's objects that landed
 * @param failed the wave's objects that failed or were lost
 * @param lastLandedMillis when the last of them landed, or -1 when none did
 * @param doneMillis {@code lastLandedMillis} when every object of the wave landed, else -1
 */
public record ArrivalWave(int entry, String kind, String target, long fromMillis, long toMillis, int objects,
    int landed, int failed, long lastLandedMillis, long doneMillis, Double p50Seconds, Double p95Seconds,
    Double maxSeconds) {

  /** The waves of {@code specs} (the scenario's arrival entries, in order) as {@code objects} worked them off. */
  public static List<ArrivalWave> measure(List<ObjectRecord> objects, List<ArrivalSpec> specs,
      List<DatasetSpec> datasets, long startMillis) {
    Map<String, List<ObjectRecord>> byDataset = new HashMap<>();
    for (ObjectRecord o : objects) {
      byDataset.computeIfAbsent(o.dataset(), d -> new ArrayList<>()).add(o);
    }
    List<ArrivalWave> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      ArrivalSpec spec = specs.get(i);
      long from;
      long to;
      String kind;
      if (spec instanceof ArrivalSpec.Burst burst) {
        from = startMillis + burst.at().toMillis();
        to = from;
        kind = "burst";
      } else if (spec instanceof ArrivalSpec.Rate rate) {
        from = startMillis + rate.from().toMillis();
        to = startMillis + rate.to().toMillis();
        kind = "rate";
      } else {
        continue;
      }
      List<ObjectRecord> members = new ArrayList<>();
      for (String dataset : targetDatasets(spec.target(), datasets)) {
        for (ObjectRecord o : byDataset.getOrDefault(dataset, List.of())) {
          long at = o.arrivedMillis();
          if (from == to ? at == from : at >= from && at < to) {
            members.add(o);
          }
        }
      }
      out.add(wave(i, kind, spec.target(), from, to, members));
    }
    return out;
  }

  /** The name of the wave for a person: its target and kind. */
  public String name() {
    return target + " " + kind;
  }

  // The datasets an entry sends objects to.
  private static List<String> targetDatasets(ArrivalTarget target, List<DatasetSpec> datasets) {
    if (target.dataset() != null) {
      return List.of(target.dataset());
    }
    return datasets.stream().filter(d -> target.source().equals(d.source())).map(DatasetSpec::name).toList();
  }

  // The figures of one wave's objects.
  private static ArrivalWave wave(int entry, String kind, ArrivalTarget target, long from, long to,
      List<ObjectRecord> members) {
    int landed = 0;
    int failed = 0;
    long last = -1;
    List<Double> waits = new ArrayList<>();
    for (ObjectRecord o : members) {
      if (o.outcome() == ObjectOutcome.COMPLETED) {
        landed++;
        last = Math.max(last, o.landedMillis());
        if (o.waitSeconds() >= 0) {
          waits.add(o.waitSeconds());
        }
      } else if (o.outcome() == ObjectOutcome.FAILED || o.outcome() == ObjectOutcome.LOST) {
        failed++;
      }
    }
    double[] sorted = waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    String name = target.source() != null ? target.source() : target.dataset();
    return new ArrivalWave(entry, kind, name, from, to, members.size(), landed, failed, last,
        landed == members.size() && landed > 0 ? last : -1, WaitStats.nearestRank(sorted, 50),
        WaitStats.nearestRank(sorted, 95), WaitStats.nearestRank(sorted, 100));
  }
}
