package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.scenario.DatasetSpec;
import io.datalakewlm.simulator.scenario.JobSpec;
import io.datalakewlm.simulator.scenario.ObjectArrival;
import io.datalakewlm.simulator.scenario.Scenario;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How short the makespan of a scenario's day could be, whatever the strategy: the larger of two
 * bounds, each measured from the first arrival.
 *
 * <ul>
 *   <li><b>Work ÷ capacity</b>: the job-run seconds the day needs, spread over the account's
 *       concurrent job runs ({@code quotas.glueAccountConcurrentRuns}). A dataset of n objects
 *       needs at least ⌈n ÷ maxItems⌉ runs of its stage-B job (its largest batches), each of
 *       the job's mean duration, plus n × {@code perObject}.</li>
 *   <li><b>Critical path</b>: the work of one Glue job (summed over the datasets that share it)
 *       run serially, {@code MaxConcurrentRuns} at a time.</li>
 * </ul>
 * Both are taken at every arrival instant t, counting only the objects that arrive at or after t
 * (work that cannot start before t): {@code (t − first arrival) + work(≥ t) ÷ concurrency}. At the
 * first arrival this is the plain formula; at the last it says the last object still needs one
 * run after it lands. The largest value over all instants is the bound.
 *
 * <p>Caveats: durations are the distributions' <em>means</em> (before truncation), so this is an
 * expected bound, not a guarantee; a run whose draws come out short can beat it. Aggregate
 * datasets are left out (they are not arrivals, and their objects are not in the makespan), as are
 * crawlers (an object has landed when its job run succeeds) and retries after failures.
 *
 * @param workSeconds the work ÷ capacity bound
 * @param criticalPathSeconds the critical-path bound
 * @param criticalJob the Glue job whose serial work gives the critical path, or null without
 *     arrivals
 */
public record LowerBound(double workSeconds, double criticalPathSeconds, String criticalJob) {

  /** The bound: the larger of the two. */
  public double seconds() {
    return Math.max(workSeconds, criticalPathSeconds);
  }

  /** Computes the bound of {@code scenario}'s arrivals, datasets and account quota. */
  public static LowerBound of(Scenario scenario) {
    List<ObjectArrival> arrivals = scenario.arrivals();
    if (arrivals.isEmpty()) {
      return new LowerBound(0, 0, null);
    }
    long first = arrivals.get(0).at().toEpochMilli();
    int account = scenario.quotas().glueAccountConcurrentRuns();
    Map<String, Integer> countAfter = new HashMap<>();
    Map<String, Double> jobWorkAfter = new HashMap<>();
    Map<String, Integer> jobConcurrency = concurrencyPerJob(scenario.datasets(), account);
    double workAfter = 0;
    double workBound = 0;
    double criticalBound = 0;
    String criticalJob = null;
    // Walks arrivals from the last: the work arriving at or after t grows as t goes back.
    int i = arrivals.size() - 1;
    while (i >= 0) {
      long at = arrivals.get(i).at().toEpochMilli();
      double sinceFirst = (at - first) / 1000.0;
      Set<String> touched = new TreeSet<>();
      for (; i >= 0 && arrivals.get(i).at().toEpochMilli() == at; i--) {
        DatasetSpec dataset = scenario.dataset(arrivals.get(i).dataset());
        JobSpec job = dataset.job();
        int before = countAfter.merge(dataset.name(), 1, Integer::sum) - 1;
        double added = seconds(job.perObject().toMillis())
            + (before % dataset.stageB().maxItems() == 0 ? seconds(job.duration().mean().toMillis()) : 0);
        workAfter += added;
        jobWorkAfter.merge(job.name(), added, Double::sum);
        touched.add(job.name());
      }
      workBound = Math.max(workBound, sinceFirst + workAfter / account);
      for (String job : touched) {
        double candidate = sinceFirst + jobWorkAfter.get(job) / jobConcurrency.get(job);
        if (candidate > criticalBound) {
          criticalBound = candidate;
          criticalJob = job;
        }
      }
    }
    return new LowerBound(workBound, criticalBound, criticalJob);
  }

  // A job runs at most its MaxConcurrentRuns at once (the smallest any sharing dataset declares), and never more than the account.
  private static Map<String, Integer> concurrencyPerJob(List<DatasetSpec> datasets, int account) {
    Map<String, Integer> concurrency = new HashMap<>();
    for (DatasetSpec dataset : datasets) {
      int runs = Math.min(account, dataset.job().maxConcurrentRuns());
      concurrency.merge(dataset.job().name(), runs, Math::min);
    }
    return concurrency;
  }

  private static double seconds(long millis) {
    return millis / 1000.0;
  }
}
