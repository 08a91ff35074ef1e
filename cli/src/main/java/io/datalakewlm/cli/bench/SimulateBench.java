package io.datalakewlm.cli.bench;

import io.datalakewlm.simulator.report.Report;
import io.datalakewlm.simulator.report.TableReport;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.StrategySpec;
import io.datalakewlm.simulator.strategy.Strategies;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the simulator on a generated day of 10,000 objects over 500 datasets in 20 sources:
 * the wall time of each strategy's run and the peak heap while it ran (the goal: a day replayed in
 * under 10 s on 2 cores), with the CPU time of the thread that ran it beside the wall time (a
 * run is single-threaded, so on a busy machine the CPU time is the steadier figure). One source is dominant (120 datasets, the seed situation); every
 * dataset receives 20 objects, one an hour from 00:00 to 19:00, so the arrivals are exactly
 * 10,000 whatever the seed. The peak heap is the sum of the heap pools' peaks during the run
 * (reset after a GC before it), garbage included: an upper bound on what the run needed, which
 * grows with the heap the JVM is given. The run record is what stays reachable after the run
 * (the records, meter and series the report reads), measured after a GC.
 */
public final class SimulateBench {
  static final int SOURCES = 20;
  static final int DOMINANT_DATASETS = 120;
  static final int OTHER_DATASETS = 20;
  static final int OBJECTS_PER_DATASET = 20;

  private final PrintWriter out;

  public SimulateBench(PrintWriter out) {
    this.out = out;
  }

  /** The generated scenario, as YAML. */
  static String scenarioYaml() {
    StringBuilder yaml = new StringBuilder("""
        name: bench-10k
        description: 10,000 objects over 500 datasets in 20 sources, one of them dominant
        seed: 42
        start: 2025-01-06T00:00:00Z
        horizon: 36h
        defaults:
          job:
            duration: {lognormal: {mean: 8m, sd: 3m, max: 45m}}
            perObject: 5s
            workers: 5
          crawler: {duration: {uniform: [1m, 3m]}}
          stages: {B: {minItems: 1, maxItems: 20}}
        sources:
        """);
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
      yaml.append(String.format(Locale.ROOT,
          "  - source: source-%02d%n    rate: {perHour: 1, from: 0h, to: %dh, process: even}%n", s, OBJECTS_PER_DATASET));
    }
    return yaml.toString();
  }

  public void run() {
    Scenario scenario = Scenario.parse(scenarioYaml(), "bench-10k (generated)", Path.of("."));
    out.printf("Simulator benchmark on %d cores, Java %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
        Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    out.printf("  %,d objects, %d datasets, %d sources, horizon %d h%n", scenario.arrivals().size(),
        scenario.datasets().size(), scenario.sources().size(), scenario.horizon().toHours());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<StrategyRun> runs = new ArrayList<>();
    double total = 0;
    for (StrategySpec strategy : scenario.strategies()) {
      System.gc();
      long before = usedHeap();
      List<MemoryPoolMXBean> heap = heapPools();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      StrategyRun run = Strategies.of(strategy.kind()).run(scenario, strategy, (label, fraction) -> {});
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      total += seconds;
      runs.add(run);
      System.gc();
      long retained = Math.max(0, usedHeap() - before);
      out.printf("  %-11s %6.2f s wall %6.2f s CPU   heap: peak %4d MiB, run record %4d MiB   %,9d transitions%n",
          strategy.label(), seconds, cpu, peak >> 20, retained >> 20, run.transitions());
      out.flush();
    }
    out.printf("  all strategies: %.2f s%n%n", total);
    out.print(TableReport.render(Report.of(scenario, runs, Report.DEFAULT_FAIRNESS_WINDOW)));
    out.flush();
  }

  // Heap in use now (after a GC, what is still reachable).
  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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
