package io.datalakewlm.simulator.wlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionListener;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.integration.StartExecutionIntegration;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.simulator.aws.Crawl;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.metrics.Metrics;
import io.datalakewlm.workers.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The whole application on one virtual clock: the deployed state machines in a local runtime,
 * their activities answered by the worker handlers on a store (in memory or DynamoDB), their AWS
 * calls answered by the emulated account, and what EventBridge does around them — the schedule
 * that (re)starts the dispatcher, the rule that sends failed dispatcher and worker executions to
 * the reaper, the rule that sends Glue's crawler state changes to the crawl state machine, the
 * sweep schedule, the daily start of an aggregate's dependency stage, and the rule that sends S3's
 * Object Created events of the raw bucket to the Express intake state machine, whose direct
 * DynamoDB tasks the DynamoDB API twin serves on the workers' tables ({@link #serveDynamoDb}).
 */
public final class LocalWlm {
  /** Options of the local deployment that the template expresses as schedules and rules. */
  public record Options(
      String environment, long seed, long activityLatencyMillis, long dispatcherScheduleSeconds,
      long sweepScheduleSeconds, boolean recordHistory) {
    public Options {
      Objects.requireNonNull(environment);
    }

    /** Environment "sim", 100 ms activity hand-off, dispatcher watchdog every 5 min, sweep every 15 min. */
    public static Options defaults(long seed) {
      return new Options("sim", seed, 100, 300, 900, false);
    }
  }

  private final Scheduler scheduler;
  private final AwsServices aws;
  private final Workers workers;
  private final LocalDeployment deployment;
  private final StatesRuntime runtime;
  private final Options options;
  private final Map<String, List<String>> crawlerNames = new HashMap<>();
  private final LongAdder metricLines = new LongAdder();
  private final Map<String, List<Consumer<JsonNode>>> answerListeners = new HashMap<>();
  private final Resources resources;
  private final java.util.Set<String> expressArns = new java.util.HashSet<>();
  private long objectEvents;

  /**
   * @param parameters template parameter overrides (the knobs), applied over the template defaults
   */
  public LocalWlm(Scheduler scheduler, AwsServices aws, Store store, Map<String, String> parameters, Options options) {
    this.scheduler = scheduler;
    this.aws = aws;
    this.options = options;
    // the workers' EMF lines are rendered as in production and counted, so the replay pays what they cost
    this.workers = new Workers(store, scheduler.clock(), Workers.Settings.defaults(),
        new Metrics(scheduler.clock(), options.environment(), line -> metricLines.increment()));
    StatesRuntime.Builder builder = StatesRuntime.builder().scheduler(scheduler).seed(options.seed())
        .recordHistory(options.recordHistory()).retainFinished(options.recordHistory())
        .historyLimit(aws.stepFunctions().historyLimit());
    String region = "us-east-1";
    String account = "123456789012";
    this.deployment = new LocalDeployment(region, account, options.environment(), parameters);
    this.resources = new Resources();
    builder.resolver(resources).region(region).account(account);
    this.runtime = builder.build();
    deployment.activities().register(resources, workers.handlers(), options.activityLatencyMillis(),
        (handler, output) -> answerListeners.getOrDefault(handler, List.of()).forEach(l -> l.accept(output)));
    aws.register(resources);
    resources.register(StartExecutionIntegration.RESOURCE, StartExecutionIntegration.handler(
        StartExecutionIntegration.starter(runtime, this::deployedMachine, aws.stepFunctions()::startExecution)));
    for (String name : LocalDeployment.EXPRESS) {
      expressArns.add(deployment.arn(name));
    }
    // Express executions are billed per request and duration, Standard ones per transition
    runtime.addListener(new ExecutionListener() {
      @Override
      public void onFinished(Execution execution) {
        if (expressArns.contains(execution.stateMachineArn())) {
          aws.expressWorkflows().finished(execution);
        } else {
          aws.transitionCounter().onFinished(execution);
        }
      }
    });
    runtime.addListener(new ReaperRule());
    aws.crawlers().addListener(this::crawlerStateChanged);
  }

  /**
   * Serves the definitions' {@code dynamodb:getItem/putItem/updateItem/deleteItem} tasks through
   * {@code twin}, which must hold the very tables the workers' store holds.
   */
  public void serveDynamoDb(io.datalakewlm.workers.store.twin.DynamoDbTwin twin) {
    DynamoDbTasks.register(resources, twin);
  }

  /** Whether an execution is of a state machine the template deploys as EXPRESS. */
  public boolean isExpress(Execution execution) {
    return expressArns.contains(execution.stateMachineArn());
  }

  /**
   * S3 created {@code key} in {@code bucket}: the intake rule (bucket {@code RawBucket}, keys under
   * {@code RawPrefix}) starts the intake state machine with the event as EventBridge delivers it.
   *
   * @param sequencer S3's sequencer of this write of the key (hex, growing with each write)
   * @return the intake execution, or null when the rule does not match the object
   */
  public Execution objectCreated(String bucket, String key, long size, String etag, String sequencer) {
    String rawBucket = deployment.parameter("RawBucket");
    if (rawBucket.isEmpty()) {
      throw new IllegalStateException("the deployment has no RawBucket parameter, so no intake rule: set it");
    }
    if (!bucket.equals(rawBucket) || !key.startsWith(deployment.parameter("RawPrefix"))) {
      return null;
    }
    Instant now = Instant.ofEpochMilli(scheduler.nowMillis());
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("version", "0");
    event.put("id", new java.util.UUID(options.seed(), ++objectEvents).toString());
    event.put("detail-type", "Object Created");
    event.put("source", "aws.s3");
    event.put("account", deployment.account());
    event.put("time", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    event.put("region", deployment.region());
    event.putArray("resources").add("arn:aws:s3:::" + bucket);
    ObjectNode detail = event.putObject("detail");
    detail.put("version", "0");
    detail.putObject("bucket").put("name", bucket);
    detail.putObject("object").put("key", key).put("size", size).put("etag", etag).put("sequencer", sequencer);
    detail.put("request-id", String.format("%016X", objectEvents));
    detail.put("requester", deployment.account());
    detail.put("source-ip-address", "10.0.0.1");
    detail.put("reason", "PutObject");
    // Express starts have their own quota (thousands a second), not the Standard StartExecution bucket
    return runtime.start(deployment.machine("intake"), deployment.arn("intake"), null, event);
  }

  /** The EMF lines the workers wrote so far (what CloudWatch Logs would receive from the worker service). */
  public long metricLines() {
    return metricLines.sum();
  }

  /**
   * Tells the crawler rule that the emulated crawler {@code crawler} is the dataset crawler the
   * deployment calls {@code deployedName} (the simulator's crawlers have the scenario's names).
   */
  public void nameCrawler(String crawler, String deployedName) {
    crawlerNames.computeIfAbsent(crawler, c -> new ArrayList<>()).add(deployedName);
  }

  /**
   * Calls {@code listener} with the output of every task of the activity {@code handler} that a
   * state machine ran and the handler completed, at the virtual time it completed.
   */
  public void onAnswer(String handler, Consumer<JsonNode> listener) {
    answerListeners.computeIfAbsent(handler, h -> new ArrayList<>()).add(listener);
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public AwsServices aws() {
    return aws;
  }

  public Workers workers() {
    return workers;
  }

  public LocalDeployment deployment() {
    return deployment;
  }

  public StatesRuntime runtime() {
    return runtime;
  }

  /**
   * Starts the EventBridge schedules: the dispatcher watchdog (a start while a dispatcher runs ends
   * at once on the role semaphore) and the reaper's sweep, from now on.
   */
  public void startSchedules() {
    every(options.dispatcherScheduleSeconds(), this::startDispatcher);
    every(options.sweepScheduleSeconds(), () -> startExecution("reaper", JsonNodeFactory.instance.objectNode()));
  }

  /** One scheduled start of the dispatcher, as the watchdog schedule makes it. */
  public Execution startDispatcher() {
    return startExecution("dispatcher", JsonNodeFactory.instance.objectNode());
  }

  /** The daily schedule of an aggregate: starts its daily starter with the team and dataset. */
  public Execution startDailyDependencyStage(String team, String dataset) {
    return startDailyDependencyStage(team, dataset, Integer.parseInt(deployment.parameter("DependencyWaitSeconds")));
  }

  /**
   * The daily schedule of an aggregate whose stage waits {@code waitSeconds} between checks
   * (its own deployment of the stage when that differs from the template's value).
   */
  public Execution startDailyDependencyStage(String team, String dataset, int waitSeconds) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("team", team).put("dataset", dataset);
    return startExecution(deployment.dailyStartFor(waitSeconds), input);
  }

  /** Calls a worker handler directly, as a state machine's activity task would. */
  public JsonNode call(String handler, JsonNode input) {
    return Activities.call(workers.handlers(), handler, input);
  }

  // The deployed state machine with this ARN, or null (what states:startExecution may start).
  private StateMachine deployedMachine(String arn) {
    String name = deployment.nameOf(arn);
    return name == null ? null : deployment.machine(name);
  }

  // A schedule: now, then every period, for as long as the simulation runs.
  private void every(long periodSeconds, Runnable action) {
    scheduler.soon(new Runnable() {
      @Override
      public void run() {
        action.run();
        scheduler.after(periodSeconds * 1000, this);
      }
    });
  }

  // EventBridge starting a state machine (targets are not subject to the StartExecution bucket
  // the integration meters, but AWS counts them; so do we).
  private Execution startExecution(String name, JsonNode input) {
    aws.stepFunctions().tryStartExecution();
    return runtime.start(deployment.machine(name), deployment.arn(name), null, input);
  }

  // The rule that sends Glue's "Glue Crawler State Change" events of ended crawls to the crawl state machine.
  private void crawlerStateChanged(Crawl crawl) {
    for (String name : crawlerNames.getOrDefault(crawl.crawler(), List.of(crawl.crawler()))) {
      ObjectNode event = JsonNodeFactory.instance.objectNode();
      event.put("source", "aws.glue");
      event.put("detail-type", "Glue Crawler State Change");
      ObjectNode detail = event.putObject("detail");
      detail.put("crawlerName", name);
      detail.put("state", "Succeeded");
      detail.put("message", "Crawler Succeeded");
      scheduler.soon(() -> startExecution("crawl", event));
    }
  }

  /**
   * The rule that sends dispatcher and worker executions which FAILED, TIMED_OUT or were ABORTED to
   * the reaper, with the event's shape ({@code detail.executionArn}, {@code detail.status}).
   */
  private final class ReaperRule implements ExecutionListener {
    private final String dispatcherArn = deployment.arn("dispatcher");
    private final String workerArn = deployment.arn("worker");

    @Override
    public void onFinished(Execution execution) {
      boolean dispatcher = execution.stateMachineArn().equals(dispatcherArn)
          || execution.stateMachineArn().equals(workerArn);
      boolean failed = execution.status() == ExecutionStatus.FAILED || execution.status() == ExecutionStatus.TIMED_OUT
          || execution.status() == ExecutionStatus.ABORTED;
      if (dispatcher && failed) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("source", "aws.states");
        event.put("detail-type", "Step Functions Execution Status Change");
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", execution.arn());
        detail.put("stateMachineArn", execution.stateMachineArn());
        detail.put("status", execution.status().name());
        scheduler.soon(() -> startExecution("reaper", event));
      }
    }
  }
}
