package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.bottleneck.Bottleneck;
import io.datalakewlm.simulator.bottleneck.Hold;
import io.datalakewlm.simulator.run.ObjectOutcome;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure the report shows for one strategy's run; {@link Report} computes them, the
 * renderers only lay them out. Times are seconds; a figure that does not exist (no object landed)
 * is null rather than zero.
 *
 * @param kind the strategy's kind as scenario files write it ({@code no-wlm}, {@code wlm} …)
 * @param knobs the knob values the strategy ran with, in the strategy's order
 * @param changedKnobs the names of the knobs whose value is not the default (set in the scenario
 *     file or by {@code --set})
 * @param failureReasons FAILED and LOST objects by the error that ended them (its name, up to the
 *     first colon), most frequent first
 * @param makespanSeconds from the first arrival to the last landed object, or null when none landed
 * @param lowerBound the scenario's bound on the makespan (the same for every strategy)
 * @param apis every emulated API called, with its refused calls by code, sorted by API
 * @param waits one entry per priority level that received objects, most urgent first
 * @param peaks every limited resource's peak concurrency, sorted by resource
 * @param catalog how soon landed objects were covered by a finished crawl, and the crawls run
 * @param sources one entry per source, in the scenario's order
 * @param waves one entry per burst and rate window of the scenario's arrivals, in its order
 * @param aggregates one entry per aggregate and day it was scheduled, in the order scheduled
 * @param jobRunsBilledAtEnd job runs still running when the run stopped (the horizon), billed up
 *     to then: their cost is a floor
 * @param bottlenecks what bound the run, period by period (empty for a run that was not sampled)
 * @param heldBackMost the limit that held back the most object-minutes over the run, or
 *     {@link Hold#ARRIVALS} when none held any back
 */
public record Figures(
    String label,
    String kind,
    Map<String, String> knobs,
    List<String> changedKnobs,
    int objects,
    int completed,
    int failed,
    int lost,
    int unfinished,
    Map<String, Integer> failureReasons,
    long firstArrivalMillis,
    long lastLandedMillis,
    Double makespanSeconds,
    LowerBound lowerBound,
    List<ApiErrors> apis,
    List<WaitStats> waits,
    Fairness fairness,
    List<ResourcePeak> peaks,
    long transitions,
    long dynamoReads,
    long dynamoWrites,
    Cost cost,
    CatalogFreshness catalog,
    List<SourceFigures> sources,
    List<ArrivalWave> waves,
    List<AggregateDay> aggregates,
    int jobRunsBilledAtEnd,
    List<Bottleneck> bottlenecks,
    Hold heldBackMost) {

  public Figures {
    knobs = Collections.unmodifiableMap(new LinkedHashMap<>(knobs));
    changedKnobs = List.copyOf(changedKnobs);
    failureReasons = Collections.unmodifiableMap(new LinkedHashMap<>(failureReasons));
    apis = List.copyOf(apis);
    waits = List.copyOf(waits);
    peaks = List.copyOf(peaks);
    sources = List.copyOf(sources);
    waves = List.copyOf(waves);
    aggregates = List.copyOf(aggregates);
    bottlenecks = List.copyOf(bottlenecks);
  }

  /** The figures of {@code source}, or null when the scenario has no such source. */
  public SourceFigures source(String source) {
    return sources.stream().filter(s -> s.source().equals(source)).findFirst().orElse(null);
  }

  /** Objects that will never land: failed and lost. */
  public int failedOrLost() {
    return failed + lost;
  }

  /** Calls AWS refused because a limit was hit, over every API. */
  public long limitErrors() {
    return apis.stream().mapToLong(ApiErrors::limited).sum();
  }

  /** Every refused call, whatever the code. */
  public long refusedCalls() {
    return apis.stream().mapToLong(ApiErrors::refused).sum();
  }

  /**
   * The makespan as a multiple of its lower bound (1.0 is as good as it gets), or null unless every
   * arrived object landed: the bound is the time to land them all, so a run that dropped some could
   * look better than possible. Aggregates' daily runs do not count here, as the bound leaves them
   * out: an aggregate abandoned for a day whose inputs never came (day 2 of a 36-hour horizon) is
   * judged in its own row of the aggregates, and does not withhold the ratio.
   */
  public Double makespanOverBound() {
    int aggregateLanded = (int) aggregates.stream().filter(a -> a.outcome() == ObjectOutcome.COMPLETED).count();
    boolean allArrivalsLanded = completed - aggregateLanded >= objects - aggregates.size();
    return makespanSeconds == null || lowerBound.seconds() <= 0 || !allArrivalsLanded ? null
        : makespanSeconds / lowerBound.seconds();
  }

  /** The waits of {@code priority}, or null when that level received no objects. */
  public WaitStats waits(int priority) {
    return waits.stream().filter(w -> w.priority() == priority).findFirst().orElse(null);
  }

  /** The peak of {@code resource}, or null when it was not metered. */
  public ResourcePeak peak(String resource) {
    return peaks.stream().filter(p -> p.resource().equals(resource)).findFirst().orElse(null);
  }

  /** The calls of {@code api}, or null when it was never called. */
  public ApiErrors api(String api) {
    return apis.stream().filter(a -> a.api().equals(api)).findFirst().orElse(null);
  }

  /** The peaks grouped by kind of resource. */
  public List<ResourceGroup> resourceGroups() {
    return ResourceGroup.of(peaks);
  }
}
