package io.datalakewlm.workers;

import io.datalakewlm.workers.catalog.DatasetCatalog;
import io.datalakewlm.workers.crawl.Crawls;
import io.datalakewlm.workers.catalog.PriorityTable;
import io.datalakewlm.workers.dependency.DependencyChecker;
import io.datalakewlm.workers.dependency.StageStatuses;
import io.datalakewlm.workers.execution.ExecutionRegistry;
import io.datalakewlm.workers.handler.HandlerRegistry;
import io.datalakewlm.workers.metrics.Metrics;
import io.datalakewlm.workers.metrics.QueueGauge;
import io.datalakewlm.workers.pacing.TokenBuckets;
import io.datalakewlm.workers.pool.WorkerPool;
import io.datalakewlm.workers.queue.BatchSelector;
import io.datalakewlm.workers.queue.WorkQueue;
import io.datalakewlm.workers.reap.Reaper;
import io.datalakewlm.workers.semaphore.Semaphores;
import io.datalakewlm.workers.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The entry point of the workers module: the domain services over one {@link Store} and one
 * {@link Clock}, and the activity handlers by name. The simulator builds it on the in-memory
 * store and a virtual clock; production on the DynamoDB store and the system clock.
 */
public final class Workers {

  /**
   * Tunables that are not part of any activity's input.
   *
   * @param configCacheTtl how long priority entries and dataset configs are reused before being read again
   * @param tombstoneTtl how long a reaped execution's late calls are refused
   */
  public record Settings(Duration configCacheTtl, Duration tombstoneTtl) {
    public Settings {
      Objects.requireNonNull(configCacheTtl);
      Objects.requireNonNull(tombstoneTtl);
    }

    /** One minute of config caching; reaped executions refused for a day. */
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(1), Duration.ofDays(1));
    }
  }

  private final Store store;
  private final Clock clock;
  private final PriorityTable priorities;
  private final DatasetCatalog datasets;
  private final StageStatuses statuses;
  private final WorkQueue queue;
  private final ExecutionRegistry executions;
  private final BatchSelector selector;
  private final Semaphores semaphores;
  private final TokenBuckets buckets;
  private final Reaper reaper;
  private final DependencyChecker dependencies;
  private final Crawls crawls;
  private final WorkerPool pool;
  private final Metrics metrics;
  private final QueueGauge gauge;
  private final HandlerRegistry handlers;

  /** How often the dispatcher's long poll reads the queue and slot gauges (per worker process). */
  public static final Duration GAUGE_PERIOD = Duration.ofMinutes(1);

  /** Workers that write no metrics. */
  public Workers(Store store, Clock clock, Settings settings) {
    this(store, clock, settings, Metrics.off(clock));
  }

  /** Workers that write their metrics through {@code metrics} (EMF lines; see {@link Metrics}). */
  public Workers(Store store, Clock clock, Settings settings, Metrics metrics) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
    this.priorities = new PriorityTable(store, clock, settings.configCacheTtl());
    this.datasets = new DatasetCatalog(store, clock, settings.configCacheTtl());
    this.statuses = new StageStatuses(store, clock);
    this.queue = new WorkQueue(store, clock, priorities, datasets, statuses);
    this.executions = new ExecutionRegistry(store, clock);
    this.selector = new BatchSelector(queue, executions);
    this.semaphores = new Semaphores(store, clock, executions);
    this.buckets = new TokenBuckets(store, clock);
    this.reaper = new Reaper(queue, semaphores, executions, clock, settings.tombstoneTtl());
    this.dependencies = new DependencyChecker(datasets, statuses);
    this.crawls = new Crawls(queue.lanes(), buckets, clock);
    this.pool = new WorkerPool(semaphores, selector, clock);
    this.metrics = Objects.requireNonNull(metrics);
    this.gauge = new QueueGauge(metrics, queue.lanes(), semaphores, GAUGE_PERIOD);
    this.handlers = HandlerRegistry.standard(this);
  }

  public Store store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  public PriorityTable priorities() {
    return priorities;
  }

  public DatasetCatalog datasets() {
    return datasets;
  }

  public StageStatuses statuses() {
    return statuses;
  }

  public WorkQueue queue() {
    return queue;
  }

  public ExecutionRegistry executions() {
    return executions;
  }

  public BatchSelector selector() {
    return selector;
  }

  public Semaphores semaphores() {
    return semaphores;
  }

  public TokenBuckets buckets() {
    return buckets;
  }

  public Reaper reaper() {
    return reaper;
  }

  public DependencyChecker dependencies() {
    return dependencies;
  }

  public Crawls crawls() {
    return crawls;
  }

  public WorkerPool pool() {
    return pool;
  }

  /** Where the handlers record their metrics. */
  public Metrics metrics() {
    return metrics;
  }

  /** The queue and slot gauges the dispatcher's long poll takes. */
  public QueueGauge gauge() {
    return gauge;
  }

  /** The activity handlers by activity name. */
  public HandlerRegistry handlers() {
    return handlers;
  }
}
