package io.datalakewlm.workers.metrics;

import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.WorkItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The workers' operational metrics, written as CloudWatch Embedded Metric Format lines to a
 * {@link MetricsSink} (no PutMetricData call, no extra request to AWS): CloudWatch Logs turns
 * each line into data points of namespace {@value #NAMESPACE}, every one carrying the
 * {@code Environment} dimension. What is recorded where:
 * <ul>
 *   <li>{@code BatchesDispatched}, {@code ItemsDispatched} and {@code DispatchLatency} (seconds
 *       from each item's first enqueue to its batch's job start) when SelectBatch leases a batch,
 *       per environment, priority level and source. The job start is the lease time plus the wait
 *       for a StartJobRun token that SelectBatch answers: the Glue call itself follows within a
 *       state transition;</li>
 *   <li>{@code Refusals} per {@code ErrorName} when a worker reports an AWS refusal at a limit
 *       ({@link #REFUSALS}) or AcquireSlot refuses a full semaphore. Refusals that a state's Retry
 *       absorbed never reach the workers: these are the ones that outlived the retries;</li>
 *   <li>{@code DeadLetters} per environment and error name when Fail dead-letters items;</li>
 *   <li>the gauges of {@link QueueGauge}: {@code QueueDepth} and {@code OldestWait} per priority
 *       and per source, {@code SlotsHeld} and {@code SlotLimit} per resource;</li>
 *   <li>{@code Activity}: one per gauge look of the dispatcher and one per batch dispatched, so
 *       that its absence says no dispatcher and no worker is alive.</li>
 * </ul>
 * Time comes from the workers' clock, so in the simulator the lines carry virtual time.
 */
public final class Metrics {

  /** The CloudWatch namespace of every metric. */
  public static final String NAMESPACE = "DatalakeWlm";
  /** The error names counted as refusals: an AWS or pool limit said no, not a failed job. */
  public static final Set<String> REFUSALS = Set.of("Glue.ConcurrentRunsExceededException", "Glue.ThrottlingException",
      "Glue.CrawlerRunningException", "Glue.ResourceNumberLimitExceededException", "Wlm.NoSlot");

  static final String ENVIRONMENT = "Environment";
  private static final List<String> ALONE = List.of(ENVIRONMENT);
  private static final List<String> BY_PRIORITY = List.of(ENVIRONMENT, "Priority");
  private static final List<String> BY_SOURCE = List.of(ENVIRONMENT, "Source");
  private static final List<String> BY_ERROR = List.of(ENVIRONMENT, "ErrorName");
  private static final List<String> BY_RESOURCE = List.of(ENVIRONMENT, "Resource");
  private static final List<List<String>> DISPATCH_SETS = List.of(ALONE, BY_PRIORITY, BY_SOURCE);
  private static final List<List<String>> ERROR_SETS = List.of(ALONE, BY_ERROR);

  /**
   * Every metric the workers write, with the dimension sets CloudWatch publishes it under: what a
   * dashboard or an alarm may name ({@code wlm validate} checks the template against it).
   */
  public static final Map<String, Set<List<String>>> PUBLISHED = Map.ofEntries(
      Map.entry("BatchesDispatched", Set.copyOf(DISPATCH_SETS)), Map.entry("ItemsDispatched", Set.copyOf(DISPATCH_SETS)),
      Map.entry("DispatchLatency", Set.copyOf(DISPATCH_SETS)), Map.entry("Activity", Set.of(ALONE)),
      Map.entry("Refusals", Set.copyOf(ERROR_SETS)), Map.entry("DeadLetters", Set.copyOf(ERROR_SETS)),
      Map.entry("QueueDepth", Set.of(BY_PRIORITY, BY_SOURCE)), Map.entry("OldestWait", Set.of(BY_PRIORITY, BY_SOURCE)),
      Map.entry("SlotsHeld", Set.of(BY_RESOURCE)), Map.entry("SlotLimit", Set.of(BY_RESOURCE)));

  private final Clock clock;
  private final String environment;
  private final MetricsSink sink;

  public Metrics(Clock clock, String environment, MetricsSink sink) {
    this.clock = Objects.requireNonNull(clock);
    this.environment = Objects.requireNonNull(environment);
    this.sink = Objects.requireNonNull(sink);
  }

  /** Metrics that go nowhere (tests, tools that only read). */
  public static Metrics off(Clock clock) {
    return new Metrics(clock, "none", MetricsSink.NONE);
  }

  public Clock clock() {
    return clock;
  }

  /** A batch was leased and its job starts at {@code jobStartsAt}. */
  public void dispatched(Batch batch, Instant jobStartsAt) {
    if (sink == MetricsSink.NONE) {
      return;
    }
    List<Double> latencies = new ArrayList<>(batch.items().size());
    for (WorkItem item : batch.items()) {
      latencies.add(Math.max(0, Duration.between(item.enqueuedAt(), jobStartsAt).toMillis()) / 1000.0);
    }
    String level = Integer.toString(batch.items().get(0).priority().level());
    emit(DISPATCH_SETS, Map.of("Priority", level, "Source", batch.source()),
        List.of(Measure.of("BatchesDispatched", Unit.COUNT, 1), Measure.of("ItemsDispatched", Unit.COUNT,
            batch.items().size()), new Measure("DispatchLatency", Unit.SECONDS, latencies)));
    alive(); // a document of its own: per priority and source it would be billed as more metrics for nothing
  }

  /**
   * A call failed or was refused with this error name; counted only when it is a refusal.
   *
   * @return whether it was counted
   */
  public boolean refused(String errorName) {
    if (errorName == null || !REFUSALS.contains(errorName)) {
      return false;
    }
    emit(ERROR_SETS, Map.of("ErrorName", errorName), List.of(Measure.of("Refusals", Unit.COUNT, 1)));
    return true;
  }

  /** Items were dead-lettered after their last failure, with this error name. */
  public void deadLettered(int items, String errorName) {
    if (items > 0) {
      emit(ERROR_SETS, Map.of("ErrorName", errorName), List.of(Measure.of("DeadLetters", Unit.COUNT, items)));
    }
  }

  /** One gauge line: dimension {@code name=value} (besides the environment) and its measures. */
  void gauge(String name, String value, List<Measure> measures) {
    emit(List.of(List.of(ENVIRONMENT, name)), Map.of(name, value), measures);
  }

  /** A sign of life of the dispatcher or a worker. */
  void alive() {
    emit(List.of(ALONE), Map.of(), List.of(Measure.of("Activity", Unit.COUNT, 1)));
  }

  // Renders one document (with the environment dimension) and writes its lines.
  private void emit(List<List<String>> sets, Map<String, String> dimensions, List<Measure> measures) {
    if (sink == MetricsSink.NONE) {
      return;
    }
    Map<String, String> all = new HashMap<>(dimensions);
    all.put(ENVIRONMENT, environment);
    new EmfDocument(NAMESPACE, clock.instant(), sets, all, measures).lines().forEach(sink::write);
  }
}
