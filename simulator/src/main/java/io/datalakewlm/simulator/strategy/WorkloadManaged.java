package io.datalakewlm.simulator.strategy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionListener;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.simulator.run.DependencyCheck;
import io.datalakewlm.simulator.run.ObjectLedger;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.AggregateSpec;
import io.datalakewlm.simulator.scenario.CrawlerSpec;
import io.datalakewlm.simulator.scenario.DatasetSpec;
import io.datalakewlm.simulator.scenario.JobSpec;
import io.datalakewlm.simulator.scenario.Knobs;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.SourceSpec;
import io.datalakewlm.simulator.scenario.StageBounds;
import io.datalakewlm.simulator.scenario.StrategySpec;
import io.datalakewlm.simulator.wlm.CountingStore;
import io.datalakewlm.simulator.wlm.LocalWlm;
import io.datalakewlm.simulator.wlm.StateStore;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.store.Store;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code wlm} strategy: the application as {@code sam deploy} ships it, run locally — every
 * object is enqueued as it arrives; the dispatcher (started by its schedule), its batch children,
 * the reaper and each aggregate's dependency stage run from the repository's ASL with the
 * scenario's knobs as template parameters; their activities are answered by the worker handlers on
 * the in-memory store (or DynamoDB, see {@link StateStore}); Glue and crawlers by the emulated
 * account.
 */
final class WorkloadManaged implements Strategy {
  /** Datasets' jobs and crawlers are named {@code <prefix><source>-<dataset>} by the dispatcher. */
  private static final String JOB_PREFIX = "wlm-job-";
  private static final String CRAWLER_PREFIX = "wlm-crawler-";

  private final StateStore stateStore;

  WorkloadManaged(StateStore stateStore) {
    this.stateStore = stateStore;
  }

  @Override
  public StrategyRun run(Scenario scenario, StrategySpec spec, Progress progress) {
    Scheduler scheduler = Scheduler.virtual(scenario.start());
    AwsServices aws = scenario.emulatedAccount(scheduler);
    ObjectLedger ledger = new ObjectLedger(dataset -> Replay.priorityOf(scenario, dataset));
    aws.glueJobs().addListener(ledger);
    try (Store raw = stateStore.open()) {
      return run(scenario, spec, progress, scheduler, aws, ledger, raw);
    }
  }

  private StrategyRun run(Scenario scenario, StrategySpec spec, Progress progress, Scheduler scheduler, AwsServices aws,
      ObjectLedger ledger, Store raw) {
    CountingStore store = new CountingStore(raw);
    LocalWlm wlm = new LocalWlm(scheduler, aws, store, parameters(spec), new LocalWlm.Options("sim",
        scenario.seed(), spec.intKnob("activityLatencyMillis"), spec.intKnob("dispatcherScheduleSeconds"),
        spec.intKnob("sweepScheduleSeconds"), false));
    Workers inspector = new Workers(raw, scheduler.clock(), Workers.Settings.defaults());
    describe(scenario, aws, wlm, inspector);

    // A dependency stage that gave up fails its aggregate's run of the day it started.
    wlm.runtime().addListener(new ExecutionListener() {
      @Override
      public void onFinished(Execution execution) {
        if (wlm.deployment().isDependencyStage(execution.stateMachineArn())
            && execution.status() != ExecutionStatus.SUCCEEDED) {
          String datasetName = execution.input().path("team").asText() + "-" + execution.input().path("dataset").asText();
          ledger.failed(Replay.aggregateKey(datasetName, LocalDate.ofInstant(execution.startDate(), ZoneOffset.UTC)),
              execution.error() + ": " + execution.cause());
        }
      }
    });

    recordChecks(scenario, wlm, ledger);

    Replay replay = new Replay(scenario, scheduler, ledger);
    replay.scheduleArrivals(arrival -> enqueue(wlm, arrival.key(), arrival.source(), arrival.dataset()));
    replay.scheduleAggregates((aggregate, day, key) -> {
      wlm.startDailyDependencyStage(aggregate.source(), aggregate.name(), aggregate.dependencyWaitSeconds());
    });
    wlm.startSchedules();
    long end = replay.run(spec.label(), progress, () -> {
      markDeadLetters(ledger, inspector);
      return ledger.settled();
    }, aws::idle);
    markDeadLetters(ledger, inspector);
    aws.glueJobs().billRunning(end);
    aws.transitionCounter().addUnfinished(wlm.runtime().executions());
    Map<String, String> shown = new LinkedHashMap<>();
    spec.knobs().forEach((name, value) -> shown.put(name, String.valueOf(value)));
    return new StrategyRun(spec, ledger.records(), aws.meter(), aws.transitionCounter().transitions(), store.reads(),
        store.writes(), scenario.start().toEpochMilli(), end, Replay.SLICE_MILLIS, replay.queueDepth(), shown,
        aws.crawlers().finished(), ledger.checks());
  }

  // Every answer of CheckDependencies that a dependency stage got becomes a check of its
  // aggregate's run that day, with the missing inputs under their scenario names.
  private static void recordChecks(Scenario scenario, LocalWlm wlm, ObjectLedger ledger) {
    Map<String, AggregateSpec> aggregates = new LinkedHashMap<>();
    scenario.aggregates().forEach(a -> aggregates.put(a.source() + "-" + a.name(), a));
    wlm.onAnswer("CheckDependencies", output -> {
      AggregateSpec aggregate = aggregates.get(output.path("dataset").asText());
      if (aggregate == null) {
        return;
      }
      Set<String> missing = new HashSet<>();
      output.path("missing").forEach(name -> missing.add(name.asText()));
      List<String> named = aggregate.dependencies().stream()
          .filter(dependency -> missing.contains(deployedName(scenario, aggregate, dependency))).toList();
      LocalDate day = LocalDate.parse(output.path("day").asText());
      ledger.checked(new DependencyCheck(Replay.aggregateKey(aggregate, day), wlm.scheduler().nowMillis(), named));
    });
  }

  // The dataset name an aggregate's config gives one of its dependencies (see describe).
  private static String deployedName(Scenario scenario, AggregateSpec aggregate, String dependency) {
    DatasetSpec atomic = scenario.dataset(dependency);
    return (atomic != null ? atomic.source() : aggregate.source()) + "-" + dependency;
  }

  // The knobs as template parameters (each aggregate's dependency wait is its own, see run).
  static Map<String, String> parameters(StrategySpec spec) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String parameter : Knobs.WLM_PARAMETERS) {
      Object value = spec.knob(Knobs.knobName(parameter));
      parameters.put(parameter, value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(value));
    }
    parameters.put("GlueJobPrefix", JOB_PREFIX);
    parameters.put("CrawlerPrefix", CRAWLER_PREFIX);
    return parameters;
  }

  // Loads the priority table and dataset configs, and names the jobs as the dispatcher will.
  private static void describe(Scenario scenario, AwsServices aws, LocalWlm wlm, Workers workers) {
    for (SourceSpec source : scenario.sources()) {
      workers.priorities().put(new PriorityEntry(source.name(), new Priority(source.priority()), source.weight(),
          source.maxInFlight() > 0 ? source.maxInFlight() : null, null));
      for (DatasetSpec dataset : source.datasets()) {
        String name = source.name() + "-" + dataset.name();
        workers.priorities().put(new PriorityEntry(name, new Priority(dataset.priority()), null, null, null));
        workers.datasets().put(config(name, "main", dataset.stageB(), Map.of(), DatasetConfig.DEFAULT_RETRY_COUNT,
            dataset.crawler()));
        alias(aws, wlm, name, dataset.job(), dataset.crawler());
      }
    }
    for (AggregateSpec aggregate : scenario.aggregates()) {
      String name = aggregate.source() + "-" + aggregate.name();
      workers.priorities().put(new PriorityEntry(name, new Priority(aggregate.priority()), null, null, null));
      Map<String, String> dependencies = new LinkedHashMap<>();
      for (String dependency : aggregate.dependencies()) {
        dependencies.put(dependency, deployedName(scenario, aggregate, dependency));
      }
      workers.datasets().put(config(name, "aggregate", aggregate.stageB(), dependencies, aggregate.retries(),
          aggregate.crawler()));
      alias(aws, wlm, name, aggregate.job(), aggregate.crawler());
    }
  }

  // The dataset config sam deploy's users load for the dataset: its bounds, dependencies, retry
  // count and whether it has a crawler, as production's handlers read them.
  private static DatasetConfig config(String name, String pipeline, StageBounds bounds, Map<String, String> dependencies,
      int retries, CrawlerSpec crawler) {
    return new DatasetConfig(name, pipeline, 1, Map.of(), Map.of("stage_b", bounds.maxItems()),
        Map.of("stage_b", bounds.minItems()), dependencies, retries, crawler == null || crawler.enabled());
  }

  private static void alias(AwsServices aws, LocalWlm wlm, String datasetName, JobSpec job, CrawlerSpec crawler) {
    aws.glueJobs().alias(JOB_PREFIX + datasetName, job.name());
    if (crawler != null && crawler.enabled()) {
      aws.crawlers().alias(CRAWLER_PREFIX + datasetName, crawler.name());
      wlm.nameCrawler(crawler.name(), CRAWLER_PREFIX + datasetName);
    }
  }

  // Enqueue, as the routing of a landed object calls it.
  private static void enqueue(LocalWlm wlm, String key, String source, String dataset) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("objectKey", key);
    item.put("team", source);
    item.put("dataset", dataset);
    item.put("stage", "stage_b");
    wlm.call("Enqueue", item);
  }

  // Objects whose items were dead-lettered are failed: nothing will retry them on its own.
  private static void markDeadLetters(ObjectLedger ledger, Workers inspector) {
    for (String key : ledger.unsettledAttempted()) {
      Optional<WorkItem> item = inspector.queue().item(key);
      if (item.isPresent() && item.get().status() == ItemStatus.DEAD) {
        ledger.failed(key, "dead-lettered: " + item.get().lastError());
      }
    }
  }
}
