package io.datalakewlm.workers.service;

import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.metrics.Metrics;
import io.datalakewlm.workers.metrics.MetricsSink;
import io.datalakewlm.workers.config.WorkerConfig;
import io.datalakewlm.workers.handler.ActivityHandler;
import io.datalakewlm.workers.poller.ActivityApi;
import io.datalakewlm.workers.poller.ActivityDirectory;
import io.datalakewlm.workers.poller.ActivityPoller;
import io.datalakewlm.workers.poller.SfnActivityApi;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.dynamodb.DynamoDbConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.regions.Region;

/**
 * The worker process that {@code wlm workers} runs (on ECS in production, beside the local
 * runtime in development): the handlers over DynamoDB, served by an {@link ActivityPoller} on
 * the configured Step Functions activities.
 *
 * <p>{@link #open} resolves everything before the first poll, so a mistake is reported at once
 * rather than as a poller that never gets work: the region, the store (tables created on a
 * local endpoint when asked), and each activity's ARN, taken from the config, built from the
 * account id and the name, or looked up by name with ListActivities.
 *
 * <p>Stopping: {@link #shutdown()} then {@link #awaitTermination} give the graceful drain of the
 * poller; {@link #close()} releases the clients (and a dynalite started for the process).
 */
public final class WorkerService implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(WorkerService.class.getName());

  private final WorkerConfig config;
  private final ActivityPoller poller;
  private final List<ActivityPoller.Binding> bindings;
  private final List<AutoCloseable> owned;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WorkerService(WorkerConfig config, ActivityPoller poller, List<ActivityPoller.Binding> bindings,
                        List<AutoCloseable> owned) {
    this.config = config;
    this.poller = poller;
    this.bindings = bindings;
    this.owned = owned;
  }

  /**
   * Opens the process on AWS or the configured endpoints (no poll yet).
   *
   * @throws IllegalArgumentException for a setting that cannot work (no region, an activity not found)
   * @throws io.datalakewlm.workers.store.StoreException when DynamoDB cannot be reached for table creation
   */
  public static WorkerService open(WorkerConfig config) {
    boolean allLocal = config.stepFunctionsEndpoint() != null
        && (config.dynamoDbEndpoint() != null || config.dynalite());
    Region region = RegionChoice.choose(config.region(), allLocal);
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      DynamoDbConnection dynamo = DynamoDbConnection.open(config.dynamoDbEndpoint(), config.dynalite(),
          config.createTables(), region, config.tables());
      owned.add(dynamo);
      int connections = config.activities().stream().mapToInt(a -> a.pollers() + a.maxConcurrent()).sum() + 4;
      SfnActivityApi api = new SfnActivityApi(SfnActivityApi.client(config.stepFunctionsEndpoint(), region,
          connections), true);
      owned.add(0, api);
      return assemble(config, region, dynamo.store(), api, api, owned);
    } catch (RuntimeException e) {
      closeAll(owned);
      throw e;
    }
  }

  /**
   * Opens the process on a given store and activity API, which stay the caller's to close (tests,
   * embedding).
   */
  public static WorkerService open(WorkerConfig config, Store store, ActivityApi api, ActivityDirectory directory) {
    Region region = RegionChoice.choose(config.region(), true);
    return assemble(config, region, store, api, directory, new ArrayList<>());
  }

  // Builds the handlers and the poller, resolving every activity's ARN.
  private static WorkerService assemble(WorkerConfig config, Region region, Store store, ActivityApi api,
                                        ActivityDirectory directory, List<AutoCloseable> owned) {
    // EMF lines on stdout (the logs are on stderr): the task's log driver ships them to CloudWatch Logs
    Workers workers = new Workers(store, Clock.systemUTC(), config.settings(),
        new Metrics(Clock.systemUTC(), config.environment(), MetricsSink.printing(System.out)));
    List<ActivityPoller.Binding> bindings = new ArrayList<>();
    for (WorkerConfig.Activity activity : config.activities()) {
      ActivityHandler handler = workers.handlers().get(activity.handler()).orElseThrow(() ->
          new IllegalArgumentException("no handler named " + activity.handler()));
      bindings.add(new ActivityPoller.Binding(arn(config, activity, region, directory), activity.handler(), handler,
          activity.pollers(), activity.maxConcurrent()));
    }
    ActivityPoller.Options options = ActivityPoller.Options.defaults()
        .withHeartbeatInterval(config.heartbeatInterval()).withDrainTimeout(config.drainTimeout());
    if (config.workerName() != null) {
      options = options.withWorkerName(config.workerName());
    }
    return new WorkerService(config, new ActivityPoller(api, bindings, options), List.copyOf(bindings), owned);
  }

  // The ARN of an activity: configured, built from account and name, or looked up by name.
  private static String arn(WorkerConfig config, WorkerConfig.Activity activity, Region region,
                            ActivityDirectory directory) {
    if (activity.arn() != null) {
      return activity.arn();
    }
    String name = activity.nameIn(config.environment());
    if (config.accountId() != null) {
      return "arn:" + RegionChoice.partition(region) + ":states:" + region.id() + ":" + config.accountId()
          + ":activity:" + name;
    }
    return directory.activityArn(name).orElseThrow(() -> new IllegalArgumentException("activity " + name
        + " (handler " + activity.handler() + ") does not exist in " + region.id() + ": deploy the stack of environment "
        + config.environment() + ", or give activities." + activity.handler() + ".arn (or .name) in the config file"));
  }

  /** The activities served: ARN, handler, pollers and concurrency. */
  public List<ActivityPoller.Binding> bindings() {
    return bindings;
  }

  public WorkerConfig config() {
    return config;
  }

  public ActivityPoller poller() {
    return poller;
  }

  /** Starts polling. */
  public void start() {
    for (ActivityPoller.Binding b : bindings) {
      LOG.log(System.Logger.Level.INFO, b.handlerName() + " <- " + b.activityArn() + " (" + b.pollers() + " pollers, "
          + b.maxConcurrent() + " tasks at once)");
    }
    poller.start();
  }

  /** Stops polling and drains in the background; see {@link ActivityPoller#shutdown()}. */
  public void shutdown() {
    poller.shutdown();
  }

  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return poller.awaitTermination(timeout);
  }

  /** Shuts down, waits for the drain (plus a margin for the last reports) and releases the clients. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    poller.shutdown();
    try {
      poller.awaitTermination(config.drainTimeout().plusSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeAll(owned);
  }

  // Closes resources in order, each even if another failed.
  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing " + r + " failed: " + e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "WorkerService[" + config.environment() + ", " + bindings.size() + " activities]";
  }
}
