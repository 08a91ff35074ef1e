package io.datalakewlm.cli.bench;

import io.datalakewlm.simulator.report.Display;
import io.datalakewlm.simulator.report.Figures;
import io.datalakewlm.simulator.report.Report;
import io.datalakewlm.simulator.report.TableReport;
import io.datalakewlm.simulator.report.WaitStats;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.StrategyKind;
import io.datalakewlm.simulator.scenario.StrategySpec;
import io.datalakewlm.simulator.strategy.IdleHour;
import io.datalakewlm.simulator.strategy.Strategies;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the simulator and the strategies. By default: the shipped example days (seed, steady,
 * aggregate) and a generated day of 10,000 objects over 500 datasets in 20 sources, each through
 * every strategy with default knobs, one row per strategy (makespan and its ratio to the bound,
 * the priority-1 p95 wait, refused calls, failed and lost objects, state transitions and DynamoDB
 * writes per object, wall time, peak heap); then the full report of the generated day; then what
 * an idle hour costs the deployed {@code wlm} (state transitions with an empty queue).
 *
 * <p>The generated day has one dominant source (120 datasets, the seed situation); every dataset
 * receives the same number of objects, evenly from 00:00 to 20:00, so the arrivals are exactly the
 * count asked for whatever the seed. {@code --objects N} scales it: N objects over the same 500
 * datasets, the account's concurrent job runs quota N ÷ 200 (50 for 10,000; above 50, wlm's
 * MaxConcurrency and GlueAccountSlots are set to it, as a user of such an account would), and
 * runs only it. The
 * peak heap is the sum of the heap pools' peaks during the run (reset after a GC before it),
 * garbage included: an upper bound on what the run needed, which grows with the heap the JVM is
 * given. A run is single-threaded, so on a busy machine the CPU time is the steadier figure.
 */
public final class SimulateBench {
  static final int SOURCES = 20;
  static final int DOMINANT_DATASETS = 120;
  static final int OTHER_DATASETS = 20;
  static final int DATASETS = DOMINANT_DATASETS + (SOURCES - 1) * OTHER_DATASETS;
  static final int DEFAULT_OBJECTS = 10_000;
  /** The template's MaxConcurrency and GlueAccountSlots defaults: the account's default quota. */
  static final int DEFAULT_POOL = 50;
  static final List<String> EXAMPLES = List.of("seed-day.yaml", "steady-day.yaml", "aggregate-day.yaml");

  private final PrintWriter out;

  public SimulateBench(PrintWriter out) {
    this.out = out;
  }

  /** The generated scenario of {@code objects} objects, as YAML. */
  static String scenarioYaml(int objects) {
    int perDataset = Math.max(1, objects / DATASETS);
    int quota = Math.max(DEFAULT_POOL, objects / 200);
    StringBuilder yaml = new StringBuilder(String.format(Locale.ROOT, """
        name: bench-%dk
        description: %,d objects over 500 datasets in 20 sources, one of them dominant
        seed: 42
        start: 2025-01-06T00:00:00Z
        horizon: 36h
        quotas: {glueAccountConcurrentRuns: %d}
        defaults:
          job:
            duration: {lognormal: {mean: 8m, sd: 3m, max: 45m}}
            perObject: 5s
            workers: 5
          crawler: {duration: {uniform: [1m, 3m]}}
          stages: {B: {minItems: 1, maxItems: 20}}
        sources:
        """, objects / 1000, perDataset * DATASETS, quota));
    for (int s = 1; s <= SOURCES; s++) {
      int datasets = s == 1 ? DOMINANT_DATASETS : OTHER_DATASETS;
      yaml.append(String.format(Locale.ROOT, """
            - name: source-%02d
              priority: %d
              datasets:
                - count: %d
                  namePattern: "s%02d-{i:03}"
          """, s, s == 1 ? 5 : 1 + s % 4, datasets, s));
    }
    yaml.append("arrivals:\n");
    for (int s = 1; s <= SOURCES; s++) {
      yaml.append(String.format(Locale.ROOT, "  - source: source-%02d%n    rate: {perHour: %s, from: 0h, to: 20h, process: even}%n",
          s, perDataset % 20 == 0 ? Integer.toString(perDataset / 20) : Double.toString(perDataset / 20.0)));
    }
    if (quota > DEFAULT_POOL) {
      // a bigger account is given to wlm whole: its pool follows the quota, as a user would set it
      yaml.append("strategies:\n");
      for (StrategyKind kind : StrategyKind.values()) {
        yaml.append("  - name: ").append(kind.id()).append('\n');
        if (kind == StrategyKind.WLM) {
          yaml.append(String.format(Locale.ROOT, "    knobs: {maxConcurrency: %d, glueAccountSlots: %d}%n", quota, quota));
        }
      }
    }
    return yaml.toString();
  }

  /**
   * Runs the benchmark.
   *
   * @param objects the size of the generated day; the default size also runs the example days
   * @param strategies labels to run, or empty for all
   */
  public void run(int objects, List<String> strategies) {
    out.printf("Simulator benchmark on %d cores, Java %s, max heap %d MiB%n%n", Runtime.getRuntime().availableProcessors(),
        Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    Scenario generated = Scenario.parse(scenarioYaml(objects), "bench-" + objects / 1000 + "k (generated)", Path.of("."));
    if (objects == DEFAULT_OBJECTS) {
      for (String example : EXAMPLES) {
        Path file = examples().resolve(example);
        if (Files.isRegularFile(file)) {
          day(Scenario.load(file), strategies);
        } else {
          out.printf("%s: not found next to the jar or in ./examples; skipped%n%n", example);
        }
      }
    }
    Report report = day(generated, strategies);
    out.print(TableReport.render(report));
    out.println();
    if (objects == DEFAULT_OBJECTS && (strategies.isEmpty() || strategies.contains(StrategyKind.WLM.id()))) {
      IdleHour.Cost idle = IdleHour.measure();
      out.printf("An idle hour of wlm (empty queue, the dispatcher and the sweep on their schedules): %,d state"
          + " transitions, %,d DynamoDB reads, %,d writes%n", idle.transitions(), idle.reads(), idle.writes());
    }
    out.flush();
  }

  // Runs one day through the strategies asked for and prints one row per strategy.
  private Report day(Scenario scenario, List<String> labels) {
    out.printf("%s: %,d objects, %d datasets, %d sources, horizon %d h, %d account job runs%n", scenario.name(),
        scenario.arrivals().size(), scenario.datasets().size(), scenario.sources().size(), scenario.horizon().toHours(),
        scenario.quotas().glueAccountConcurrentRuns());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<StrategyRun> runs = new ArrayList<>();
    List<double[]> costs = new ArrayList<>();
    for (StrategySpec strategy : scenario.strategies()) {
      if (!labels.isEmpty() && !labels.contains(strategy.label())) {
        continue;
      }
      System.gc();
      List<MemoryPoolMXBean> heap = heapPools();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      runs.add(Strategies.of(strategy.kind()).run(scenario, strategy, (label, fraction) -> {}));
      costs.add(new double[] {(System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9,
          heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20});
    }
    Report report = Report.of(scenario, runs, Report.DEFAULT_FAIRNESS_WINDOW);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"strategy", "makespan", "÷ bound", "P1 p95", "refused", "failed+lost", "unfinished",
        "transitions/obj", "writes/obj", "wall", "CPU", "peak heap"});
    for (int i = 0; i < report.figures().size(); i++) {
      Figures f = report.figures().get(i);
      WaitStats urgent = f.waits().isEmpty() ? null : f.waits().get(0);
      double perObject = Math.max(1, f.objects());
      rows.add(new String[] {f.label(), f.makespanSeconds() == null ? Display.NONE : Display.duration(f.makespanSeconds()),
          f.makespanOverBound() == null ? Display.NONE : Display.decimal(f.makespanOverBound(), 2),
          urgent == null || urgent.p95Seconds() == null ? Display.NONE : "P" + urgent.priority() + " "
              + Display.duration(urgent.p95Seconds()),
          Display.count(f.limitErrors()), Display.count(f.failedOrLost()), Display.count(f.unfinished()),
          String.format(Locale.ROOT, "%.1f", f.transitions() / perObject),
          String.format(Locale.ROOT, "%.1f", f.dynamoWrites() / perObject),
          String.format(Locale.ROOT, "%.1f s", costs.get(i)[0]), String.format(Locale.ROOT, "%.1f s", costs.get(i)[1]),
          String.format(Locale.ROOT, "%.0f MiB", costs.get(i)[2])});
    }
    out.printf("  makespan lower bound %s%n", Display.duration(report.lowerBound().seconds()));
    out.print(columns(rows));
    out.println();
    out.flush();
    return report;
  }

  // The examples folder: beside the jar's repository (cli/target/wlm.jar), else ./examples.
  private static Path examples() {
    try {
      Path jar = Path.of(SimulateBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = jar.getParent() == null || jar.getParent().getParent() == null ? null
          : jar.getParent().getParent().getParent();
      if (root != null && Files.isDirectory(root.resolve("examples"))) {
        return root.resolve("examples");
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // fall back to the working directory
    }
    return Path.of("examples");
  }

  // Left-aligned columns, two spaces apart, indented.
  private static String columns(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < row.length; c++) {
        line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    List<MemoryPoolMXBean> pools = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        pools.add(pool);
      }
    }
    return pools;
  }
}
