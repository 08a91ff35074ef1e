package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.aws.ApiStats;
import io.datalakewlm.simulator.aws.Gauge;
import io.datalakewlm.simulator.aws.GlueJobs;
import io.datalakewlm.simulator.aws.ServiceMeter;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Knobs;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.SourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The comparison of one scenario's strategies: computes the {@link Figures} of every run once,
 * for the renderers ({@link TableReport}, {@link JsonReport}, {@link HtmlReport}) to lay out, as
 * Caffeine's simulator has one reporter fed by every policy's stats. The figures depend only on
 * the runs and the scenario, so the same runs always give the same report.
 */
public final class Report {
  /** The length of the windows of the fairness index unless told otherwise. */
  public static final Duration DEFAULT_FAIRNESS_WINDOW = Duration.ofMinutes(15);

  private final Scenario scenario;
  private final List<StrategyRun> runs;
  private final Duration fairnessWindow;
  private final LowerBound lowerBound;
  private final List<Figures> figures;

  private Report(Scenario scenario, List<StrategyRun> runs, Duration fairnessWindow) {
    if (fairnessWindow.isNegative() || fairnessWindow.isZero()) {
      throw new IllegalArgumentException("the fairness window must be positive, got " + fairnessWindow);
    }
    this.scenario = scenario;
    this.runs = List.copyOf(runs);
    this.fairnessWindow = fairnessWindow;
    this.lowerBound = LowerBound.of(scenario);
    Map<String, Double> weights = new HashMap<>();
    for (SourceSpec source : scenario.sources()) {
      weights.put(source.name(), source.weight());
    }
    List<Figures> all = new ArrayList<>();
    for (StrategyRun run : this.runs) {
      all.add(figures(run, weights));
    }
    this.figures = List.copyOf(all);
  }

  /** The report of a simulation, with 15-minute fairness windows. */
  public static Report of(Simulation.Result result) {
    return new Report(result.scenario(), result.runs(), DEFAULT_FAIRNESS_WINDOW);
  }

  /** The report of {@code runs} of {@code scenario}. */
  public static Report of(Scenario scenario, List<StrategyRun> runs, Duration fairnessWindow) {
    return new Report(scenario, runs, fairnessWindow);
  }

  public Scenario scenario() {
    return scenario;
  }

  /** The runs, in the scenario's order of strategies. */
  public List<StrategyRun> runs() {
    return runs;
  }

  public Duration fairnessWindow() {
    return fairnessWindow;
  }

  /** The makespan's lower bound, the same for every strategy. */
  public LowerBound lowerBound() {
    return lowerBound;
  }

  /** One entry per run, in the same order. */
  public List<Figures> figures() {
    return figures;
  }

  /** The figures of the strategy labelled {@code label}. */
  public Figures figures(String label) {
    return figures.stream().filter(f -> f.label().equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no strategy labelled " + label));
  }

  // Every figure of one run.
  private Figures figures(StrategyRun run, Map<String, Double> weights) {
    List<ObjectRecord> objects = run.objects();
    int[] outcomes = new int[ObjectOutcome.values().length];
    long firstArrival = Long.MAX_VALUE;
    long lastLanded = -1;
    for (ObjectRecord o : objects) {
      outcomes[o.outcome().ordinal()]++;
      firstArrival = Math.min(firstArrival, o.arrivedMillis());
      if (o.outcome() == ObjectOutcome.COMPLETED && o.landedMillis() >= 0) {
        lastLanded = Math.max(lastLanded, o.landedMillis());
      }
    }
    if (objects.isEmpty()) {
      firstArrival = run.startMillis();
    }
    Double makespan = lastLanded < 0 ? null : (lastLanded - firstArrival) / 1000.0;
    ServiceMeter meter = run.meter();
    Fairness fairness = Fairness.measure(objects, meter.occupancy(GlueJobs.RUNNING_SERIES), weights,
        fairnessWindow.toMillis(), run.endMillis());
    Map<String, String> knobs = knobs(run);
    return new Figures(run.label(), run.spec().kind().id(), knobs, changedKnobs(run, knobs), objects.size(),
        outcomes[ObjectOutcome.COMPLETED.ordinal()], outcomes[ObjectOutcome.FAILED.ordinal()],
        outcomes[ObjectOutcome.LOST.ordinal()], outcomes[ObjectOutcome.UNFINISHED.ordinal()], failureReasons(objects),
        firstArrival, lastLanded, makespan, lowerBound, apis(meter), waits(objects), fairness, peaks(meter),
        run.transitions(), run.dynamoReads(), run.dynamoWrites(), Cost.of(meter, run.dynamoReads(), run.dynamoWrites()),
        CatalogFreshness.measure(objects, run.crawls(), crawlerOf()),
        SourceFigures.measure(objects, meter.occupancy(GlueJobs.RUNNING_SERIES), scenario.sources(), firstArrival,
            run.endMillis()),
        ArrivalWave.measure(objects, scenario.arrivalSpecs(), scenario.datasets(), scenario.start().toEpochMilli()),
        AggregateDay.measure(objects, scenario.aggregates(), run.checks()), meter.jobRunsBilledAtEnd());
  }

  // Dataset and aggregate name → its crawler's name, for those that run one.
  private Map<String, String> crawlerOf() {
    Map<String, String> crawlers = new HashMap<>();
    scenario.datasets().stream().filter(d -> d.crawler().enabled())
        .forEach(d -> crawlers.put(d.name(), d.crawler().name()));
    scenario.aggregates().stream().filter(a -> a.crawler().enabled())
        .forEach(a -> crawlers.put(a.name(), a.crawler().name()));
    return crawlers;
  }

  // The knobs in the strategy's declared order (the run's map has none), then any others by name.
  private static Map<String, String> knobs(StrategyRun run) {
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String name : run.spec().knobs().keySet()) {
      if (run.knobs().containsKey(name)) {
        ordered.put(name, run.knobs().get(name));
      }
    }
    new TreeMap<>(run.knobs()).forEach(ordered::putIfAbsent);
    return ordered;
  }

  // The knobs whose value differs from the kind's default for this scenario's quotas.
  private List<String> changedKnobs(StrategyRun run, Map<String, String> knobs) {
    Map<String, Object> defaults = Knobs.defaults(run.spec().kind(), scenario.quotas());
    List<String> changed = new ArrayList<>();
    knobs.forEach((name, value) -> {
      Object standard = defaults.get(name);
      if (standard == null || !sameValue(value, standard.toString())) {
        changed.add(name);
      }
    });
    return changed;
  }

  // Equal as numbers when both are numbers (2 and 2.0), else as text.
  private static boolean sameValue(String a, String b) {
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException notNumbers) {
      return a.equals(b);
    }
  }

  // Failed and lost objects by the name of the error that ended them, most frequent first.
  private static Map<String, Integer> failureReasons(List<ObjectRecord> objects) {
    Map<String, Integer> counts = new TreeMap<>();
    for (ObjectRecord o : objects) {
      if (o.outcome() == ObjectOutcome.FAILED || o.outcome() == ObjectOutcome.LOST) {
        counts.merge(reasonName(o.reason()), 1, Integer::sum);
      }
    }
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  // The error's name: a reason up to its first colon, so that messages with ids group together.
  private static String reasonName(String reason) {
    if (reason == null || reason.isBlank()) {
      return "(no reason given)";
    }
    int colon = reason.indexOf(':');
    String name = (colon > 0 ? reason.substring(0, colon) : reason).trim();
    return name.length() > 80 ? name.substring(0, 77) + "..." : name;
  }

  // Waits per priority level, from the landed objects.
  private static List<WaitStats> waits(List<ObjectRecord> objects) {
    Map<Integer, List<Double>> landed = new TreeMap<>();
    Map<Integer, Integer> arrived = new TreeMap<>();
    for (ObjectRecord o : objects) {
      arrived.merge(o.priority(), 1, Integer::sum);
      List<Double> waits = landed.computeIfAbsent(o.priority(), p -> new ArrayList<>());
      double wait = o.waitSeconds();
      if (wait >= 0) {
        waits.add(wait);
      }
    }
    List<WaitStats> out = new ArrayList<>();
    arrived.forEach((priority, count) -> out.add(
        WaitStats.of(priority, count, landed.get(priority).stream().mapToDouble(Double::doubleValue).toArray())));
    return out;
  }

  // Every API the meter saw, by name.
  private static List<ApiErrors> apis(ServiceMeter meter) {
    List<ApiErrors> out = new ArrayList<>();
    for (ApiStats stats : meter.apis().values()) {
      out.add(new ApiErrors(stats.api(), stats.calls(), stats.errors()));
    }
    return out;
  }

  // Every gauge's peak against its limit (none for unlimited ones).
  private static List<ResourcePeak> peaks(ServiceMeter meter) {
    List<ResourcePeak> out = new ArrayList<>();
    for (Gauge gauge : meter.gauges().values()) {
      out.add(new ResourcePeak(gauge.resource(), gauge.peak(), gauge.limit() == Integer.MAX_VALUE ? null : gauge.limit()));
    }
    out.sort(Comparator.comparing(ResourcePeak::resource));
    return out;
  }
}
