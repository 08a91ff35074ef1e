package io.datalakewlm.simulator.run;

import io.datalakewlm.simulator.aws.Crawl;
import io.datalakewlm.simulator.aws.ServiceMeter;
import io.datalakewlm.simulator.scenario.StrategySpec;
import java.util.List;
import java.util.Map;

/**
 * Everything one strategy's run produced.
 *
 * @param objects one record per arrival, in arrival order
 * @param meter the emulated account's meter: API calls/errors, gauges (peak vs limit), the
 *     {@code glue.jobRuns} occupancy (running job runs per source over time), cost units
 * @param transitions billable Step Functions state transitions
 * @param dynamoReads DynamoDB read requests of the workers (0 for strategies without them)
 * @param dynamoWrites DynamoDB write requests of the workers
 * @param startMillis the scenario's start
 * @param endMillis when the run stopped: everything settled, or the horizon
 * @param queueDepth sampled queue depth per priority level over time (objects waiting to start),
 *     from the start to the end in {@code sampleMillis} steps, each sample taken at the end of its
 *     slice: index i is time start + (i + 1) × step
 * @param knobs the knob values the strategy ran with, for the report's header
 * @param crawls every crawl that finished during the run, in the order they ended
 * @param checks every dependency check of the aggregates' daily runs, in the order they were made
 */
public record StrategyRun(
    StrategySpec spec,
    List<ObjectRecord> objects,
    ServiceMeter meter,
    long transitions,
    long dynamoReads,
    long dynamoWrites,
    long startMillis,
    long endMillis,
    long sampleMillis,
    Map<Integer, int[]> queueDepth,
    Map<String, String> knobs,
    List<Crawl> crawls,
    List<DependencyCheck> checks) {

  public StrategyRun {
    objects = List.copyOf(objects);
    queueDepth = Map.copyOf(queueDepth);
    knobs = Map.copyOf(knobs);
    crawls = List.copyOf(crawls);
    checks = List.copyOf(checks);
  }

  /** A run without aggregates' dependency checks. */
  public StrategyRun(StrategySpec spec, List<ObjectRecord> objects, ServiceMeter meter, long transitions,
      long dynamoReads, long dynamoWrites, long startMillis, long endMillis, long sampleMillis,
      Map<Integer, int[]> queueDepth, Map<String, String> knobs, List<Crawl> crawls) {
    this(spec, objects, meter, transitions, dynamoReads, dynamoWrites, startMillis, endMillis, sampleMillis, queueDepth,
        knobs, crawls, List.of());
  }

  public String label() {
    return spec.label();
  }
}
