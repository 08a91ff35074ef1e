package io.datalakewlm.simulator.strategy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionListener;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.task.Resources;
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
import io.datalakewlm.simulator.scenario.ObjectArrival;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.StrategyKind;
import io.datalakewlm.simulator.scenario.StrategySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The strategies without workload management: every object starts its own stage-B execution the
 * moment it arrives (the StartExecution rate permitting), which runs its dataset's Glue job and
 * starts its crawler.
 *
 * <ul>
 *   <li>{@code no-wlm}: no retries. An object whose StartExecution is throttled is lost (the
 *       trigger deleted its message first, as the predecessor did); a refused job run or crawler
 *       start fails the object.</li>
 *   <li>{@code retry-only}: the usual fix. StartExecution is retried by the trigger, and the
 *       pipeline retries AWS's throttling and concurrency errors (and failed job runs) with the
 *       strategy's backoff knobs.</li>
 *   <li>{@code glue-queuing}: retry-only whose StartJobRun passes {@code JobRunQueuingEnabled:
 *       true} (Glue's job run queuing, since 2024): a run over the job's or the account's
 *       concurrent runs waits in Glue (WAITING) instead of being refused, and the {@code .sync}
 *       task waits with it. StartJobRun throttling and KMS association throttling are retried as
 *       in retry-only.</li>
 * </ul>
 * Aggregates check their dependencies once at their schedule (no-wlm: with the predecessor's
 * default retry count the retry never happened) or up to their retries, an hour apart
 * (retry-only, glue-queuing), then run as an object.
 */
final class PerObjectPipelines implements Strategy {
  private static final String DEFINITION = "/io/datalakewlm/simulator/strategy/per-object-pipeline.asl.json";

  @Override
  public StrategyRun run(Scenario scenario, StrategySpec spec, Progress progress) {
    boolean retries = spec.kind() != StrategyKind.NO_WLM;
    Scheduler scheduler = Scheduler.virtual(scenario.start());
    AwsServices aws = scenario.emulatedAccount(scheduler);
    ObjectLedger ledger = new ObjectLedger(dataset -> Replay.priorityOf(scenario, dataset));
    aws.glueJobs().addListener(ledger);
    StatesRuntime runtime = StatesRuntime.builder().scheduler(scheduler).resolver(aws.register(new Resources()))
        .seed(scenario.seed()).recordHistory(false).retainFinished(false)
        .historyLimit(aws.stepFunctions().historyLimit()).build();
    runtime.addListener(aws.transitionCounter());
    runtime.addListener(new ExecutionListener() {
      @Override
      public void onFinished(Execution execution) {
        if (execution.status() != ExecutionStatus.SUCCEEDED) {
          ledger.failed(execution.input().path("key").asText(), execution.error() + ": " + execution.cause());
        }
      }
    });
    Map<String, String> knobs = substitutions(spec, retries);
    knobs.put("JobRunQueuingEnabled", Boolean.toString(spec.kind() == StrategyKind.GLUE_QUEUING));
    StateMachine machine = DefinitionParser.parse(read(), knobs, DEFINITION);
    String machineArn = runtime.stateMachineArn("stage-b-" + spec.label());
    Starter starter = new Starter(scheduler, aws, runtime, machine, machineArn, ledger, retries, spec, scenario.seed());

    Replay replay = new Replay(scenario, scheduler, ledger);
    replay.scheduleArrivals(arrival -> {
      DatasetSpec dataset = scenario.dataset(arrival.dataset());
      starter.start(arrival.key(), dataset.job(), dataset.crawler(), 0);
    });
    Map<String, Integer> checks = new HashMap<>();
    replay.scheduleAggregates(new Replay.AggregateStart() {
      @Override
      public void start(AggregateSpec aggregate, LocalDate day, String key) {
        List<String> missing = missingDependencies(aggregate, day, ledger);
        ledger.checked(new DependencyCheck(key, scheduler.nowMillis(), missing));
        if (missing.isEmpty()) {
          starter.start(key, aggregate.job(), aggregate.crawler(), 0);
          return;
        }
        int done = checks.merge(key, 1, Integer::sum);
        if (retries && done <= aggregate.retries()) {
          scheduler.after(aggregate.dependencyWaitSeconds() * 1000L, () -> start(aggregate, day, key));
        } else {
          ledger.failed(key, "dependencies missing after " + done + " check(s)");
        }
      }
    });
    long end = replay.run(spec.label(), progress, ledger::settled, aws::idle);
    aws.glueJobs().billRunning(end);
    aws.transitionCounter().addUnfinished(runtime.executions());
    Map<String, String> shown = new LinkedHashMap<>();
    spec.knobs().forEach((name, value) -> shown.put(name, String.valueOf(value)));
    return new StrategyRun(spec, ledger.records(), aws.meter(), aws.transitionCounter().transitions(), 0, 0,
        scenario.start().toEpochMilli(), end, Replay.SLICE_MILLIS, replay.queueDepth(), shown,
        aws.crawlers().finished(), ledger.checks());
  }

  // The dependencies of an aggregate with no object landed that day, in its order.
  private static List<String> missingDependencies(AggregateSpec aggregate, LocalDate day, ObjectLedger ledger) {
    long dayStart = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    long dayEnd = dayStart + 86_400_000L;
    return aggregate.dependencies().stream().filter(dependency -> !ledger.landedBetween(dependency, dayStart, dayEnd))
        .toList();
  }

  // The Retry fields of the pipeline: no-wlm never retries.
  private static Map<String, String> substitutions(StrategySpec spec, boolean retries) {
    Map<String, String> values = new LinkedHashMap<>();
    if (retries) {
      values.put("RetryIntervalSeconds", number(spec.doubleKnob("retryIntervalSeconds")));
      values.put("MaxAttempts", Integer.toString(spec.intKnob("maxAttempts")));
      values.put("BackoffRate", number(spec.doubleKnob("backoffRate")));
      values.put("MaxDelaySeconds", Integer.toString(spec.intKnob("maxDelaySeconds")));
      values.put("JitterStrategy", spec.textKnob("jitter"));
    } else {
      values.put("RetryIntervalSeconds", "1");
      values.put("MaxAttempts", "0");
      values.put("BackoffRate", "1");
      values.put("MaxDelaySeconds", "1");
      values.put("JitterStrategy", "NONE");
    }
    return values;
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static String read() {
    try (InputStream in = PerObjectPipelines.class.getResourceAsStream(DEFINITION)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts objects' executions as the trigger does: within the StartExecution rate. */
  private static final class Starter {
    private final Scheduler scheduler;
    private final AwsServices aws;
    private final StatesRuntime runtime;
    private final StateMachine machine;
    private final String machineArn;
    private final ObjectLedger ledger;
    private final boolean retries;
    private final StrategySpec spec;
    private final SplittableRandom jitter;

    Starter(Scheduler scheduler, AwsServices aws, StatesRuntime runtime, StateMachine machine, String machineArn,
        ObjectLedger ledger, boolean retries, StrategySpec spec, long seed) {
      this.scheduler = scheduler;
      this.aws = aws;
      this.runtime = runtime;
      this.machine = machine;
      this.machineArn = machineArn;
      this.ledger = ledger;
      this.retries = retries;
      this.spec = spec;
      this.jitter = new SplittableRandom(seed);
    }

    void start(String key, JobSpec job, CrawlerSpec crawler, int attempt) {
      if (!aws.stepFunctions().tryStartExecution()) {
        if (retries && attempt < spec.intKnob("maxAttempts")) {
          double delay = Math.min(spec.doubleKnob("retryIntervalSeconds") * Math.pow(spec.doubleKnob("backoffRate"), attempt),
              spec.intKnob("maxDelaySeconds"));
          if ("FULL".equals(spec.textKnob("jitter"))) {
            delay *= jitter.nextDouble();
          }
          scheduler.after(Math.round(delay * 1000), () -> start(key, job, crawler, attempt + 1));
        } else {
          ledger.lost(key, "StepFunctions.ThrottlingException: StartExecution was throttled and the trigger had already"
              + " deleted the object's message");
        }
        return;
      }
      ObjectNode input = JsonNodeFactory.instance.objectNode();
      input.put("key", key);
      input.put("job", job.name());
      if (crawler != null && crawler.enabled()) {
        input.put("crawler", crawler.name());
      } else {
        input.putNull("crawler");
      }
      runtime.start(machine, machineArn, null, input);
    }
  }
}
