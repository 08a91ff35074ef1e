package io.datalakewlm.simulator.scenario;

import io.datalakewlm.simulator.random.Seeds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The one arrival stream of a scenario: every object of every arrival pattern, in time order,
 * which every strategy replays identically (as Caffeine's simulator broadcasts one trace to every
 * policy). It is a pure function of the scenario: ties at one instant are ordered by the
 * datasets' order in the file, then by the entries' order; the random gaps of a Poisson rate come
 * from a stream derived from the seed, the entry's index and the dataset's name, so adding a
 * dataset does not change the arrivals of the others.
 */
public final class Arrivals extends AbstractList<ObjectArrival> {
  private final List<ObjectArrival> arrivals;
  private final Map<String, Integer> perDataset;

  private Arrivals(List<ObjectArrival> arrivals, Map<String, Integer> perDataset) {
    this.arrivals = arrivals;
    this.perDataset = perDataset;
  }

  /** Expands the arrival patterns of {@code scenario}. */
  static Arrivals of(Scenario scenario) {
    Map<String, Integer> order = new HashMap<>();
    Map<String, String> sourceOf = new HashMap<>();
    Map<String, List<String>> datasetsOf = new LinkedHashMap<>();
    for (SourceSpec source : scenario.sources()) {
      List<String> names = new ArrayList<>();
      for (DatasetSpec dataset : source.datasets()) {
        order.put(dataset.name(), order.size());
        sourceOf.put(dataset.name(), source.name());
        names.add(dataset.name());
      }
      datasetsOf.put(source.name(), names);
    }
    long startMillis = scenario.start().toEpochMilli();
    long horizonMillis = scenario.horizon().toMillis();
    List<long[]> raw = new ArrayList<>(); // {offset, dataset order, entry, n-th of the entry}
    List<ArrivalSpec> specs = scenario.arrivalSpecs();
    for (int entry = 0; entry < specs.size(); entry++) {
      ArrivalSpec spec = specs.get(entry);
      List<String> targets = spec.target().source() != null
          ? datasetsOf.get(spec.target().source()) : List.of(spec.target().dataset());
      long n = 0;
      for (String dataset : targets) {
        for (long offset : offsets(spec, dataset, entry, scenario.seed())) {
          if (offset < horizonMillis) {
            raw.add(new long[] {offset, order.get(dataset), entry, n++});
          }
        }
      }
    }
    long[][] sorted = raw.toArray(new long[0][]);
    Arrays.sort(sorted, (a, b) -> {
      for (int i = 0; i < 4; i++) {
        int c = Long.compare(a[i], b[i]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    String[] names = new String[order.size()];
    order.forEach((name, index) -> names[index] = name);
    int[] counters = new int[names.length];
    List<ObjectArrival> arrivals = new ArrayList<>(sorted.length);
    for (long[] r : sorted) {
      int index = (int) r[1];
      String dataset = names[index];
      String source = sourceOf.get(dataset);
      Instant at = Instant.ofEpochMilli(startMillis + r[0]);
      String day = at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
      String key = source + "/" + dataset + "/" + day + "/object-" + String.format("%06d", ++counters[index]);
      arrivals.add(new ObjectArrival(arrivals.size(), at, source, dataset, key));
    }
    Map<String, Integer> perDataset = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (counters[i] > 0) {
        perDataset.put(names[i], counters[i]);
      }
    }
    return new Arrivals(List.copyOf(arrivals), perDataset);
  }

  @Override
  public ObjectArrival get(int index) {
    return arrivals.get(index);
  }

  @Override
  public int size() {
    return arrivals.size();
  }

  /** Objects per dataset (datasets that receive none are absent), in the file's order. */
  public Map<String, Integer> perDataset() {
    return perDataset;
  }

  // The offsets (ms from start) at which one dataset receives objects from one pattern.
  private static List<Long> offsets(ArrivalSpec spec, String dataset, int entry, long seed) {
    List<Long> offsets = new ArrayList<>();
    if (spec instanceof ArrivalSpec.Burst burst) {
      for (int i = 0; i < burst.objects(); i++) {
        offsets.add(burst.at().toMillis());
      }
    } else if (spec instanceof ArrivalSpec.Rate rate) {
      long from = rate.from().toMillis();
      long to = rate.to().toMillis();
      double meanGapMillis = 3_600_000.0 / rate.perHour();
      if (rate.process() == ArrivalSpec.Process.EVEN) {
        for (long k = 0; ; k++) {
          long at = from + (long) Math.floor(k * meanGapMillis);
          if (at >= to) {
            break;
          }
          offsets.add(at);
        }
      } else {
        SplittableRandom random = Seeds.stream(seed, "arrivals", Integer.toString(entry), dataset);
        double at = from;
        while (true) {
          at += -meanGapMillis * Math.log(1 - random.nextDouble());
          if (at >= to) {
            break;
          }
          offsets.add((long) Math.floor(at));
        }
      }
    } else if (spec instanceof ArrivalSpec.FromFile fromFile) {
      for (ArrivalFile.Line line : fromFile.lines()) {
        if (line.dataset() == null || line.dataset().equals(dataset)) {
          for (int i = 0; i < line.objects(); i++) {
            offsets.add(line.at().toMillis());
          }
        }
      }
    }
    return offsets;
  }
}
