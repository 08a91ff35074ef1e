package io.datalakewlm.simulator.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.simulator.aws.Gauge;
import io.datalakewlm.simulator.aws.GlueJobs;
import io.datalakewlm.simulator.aws.MeterListener;
import io.datalakewlm.simulator.aws.Occupancy;
import io.datalakewlm.simulator.bottleneck.BindingLimit;
import io.datalakewlm.simulator.bottleneck.BottleneckTimeline;
import io.datalakewlm.simulator.bottleneck.Hold;
import io.datalakewlm.simulator.run.ObjectLedger;
import io.datalakewlm.simulator.scenario.AggregateSpec;
import io.datalakewlm.simulator.scenario.DatasetSpec;
import io.datalakewlm.simulator.scenario.JobSpec;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.SourceSpec;
import io.datalakewlm.simulator.scenario.StrategyKind;
import io.datalakewlm.simulator.scenario.StrategySpec;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Looks at the emulated account once per virtual minute and says which limit holds each waiting
 * object back (see {@link BindingLimit} for the order when several do): its aggregate's inputs,
 * its job's runs against {@code MaxConcurrentRuns}, its source's {@code maxInFlight} (wlm enforces
 * it), the account's job runs against the quota, wlm's worker pool, {@code StartJobRun}'s rate
 * (throttled, or its starts used the minute's whole rate); an object held by none of them that has
 * waited {@link #PACING_AFTER_MILLIS} or more waits on the strategy's own pacing. The answers
 * become the run's {@link BottleneckTimeline}.
 */
final class LimitProbe implements MeterListener {
  /** An object held by no limit is pacing-bound once it waited this long; before, it is being picked up. */
  static final long PACING_AFTER_MILLIS = 2 * 60_000;
  /** Starts in a minute at this share of the rate or more use the rate up. */
  private static final double RATE_SPENT = 0.9;

  /** wlm's worker pool as its semaphore shows it now. */
  interface WorkerPool {
    /** Slots held and the limit they are held to (the lower of the pool's ceiling and maxConcurrency). */
    int[] heldAndLimit();
  }

  private final Scenario scenario;
  private final StrategySpec spec;
  private final AwsServices aws;
  private final ObjectLedger ledger;
  private final WorkerPool pool;
  private final Map<String, JobSpec> jobOf = new HashMap<>();
  private final Map<String, String> jobMove = new HashMap<>();
  private final Map<String, AggregateSpec> aggregates = new HashMap<>();
  private final Map<String, Integer> sourceCaps = new HashMap<>();
  private final Map<String, Integer> minItems = new HashMap<>();
  private final List<BottleneckTimeline.Sample> samples = new ArrayList<>();
  private int accepted;
  private int throttled;

  LimitProbe(Scenario scenario, StrategySpec spec, AwsServices aws, ObjectLedger ledger, WorkerPool pool) {
    this.scenario = scenario;
    this.spec = spec;
    this.aws = aws;
    this.ledger = ledger;
    this.pool = pool;
    for (SourceSpec source : scenario.sources()) {
      if (source.maxInFlight() > 0 && spec.kind() == StrategyKind.WLM) {
        sourceCaps.put(source.name(), source.maxInFlight());
      }
      for (DatasetSpec dataset : source.datasets()) {
        jobOf.put(dataset.name(), dataset.job());
        minItems.put(dataset.name(), dataset.stageB().minItems());
        jobMove.put(dataset.name(), datasetJobKey(scenario.tree(), source.name(), dataset.name()));
      }
    }
    for (AggregateSpec aggregate : scenario.aggregates()) {
      jobOf.put(aggregate.name(), aggregate.job());
      minItems.put(aggregate.name(), aggregate.stageB().minItems());
      aggregates.put(aggregate.name(), aggregate);
      jobMove.put(aggregate.name(), "aggregates." + aggregate.name() + ".job.maxConcurrentRuns");
    }
    aws.meter().addListener(this);
  }

  @Override
  public void onCall(long atMillis, String api, String errorCode) {
    if (api.equals(GlueJobs.START_JOB_RUN)) {
      if (errorCode == null) {
        accepted++;
      } else if (errorCode.equals(GlueJobs.THROTTLING)) {
        throttled++;
      }
    }
  }

  /** Samples the minute that ends at {@code nowMillis}. */
  void sample(long nowMillis) {
    Map<Hold, Integer> held = new LinkedHashMap<>();
    List<ObjectLedger.WaitingDataset> waiting = ledger.waitingByDataset();
    if (!waiting.isEmpty()) {
      Hold account = accountHold();
      Hold poolHold = account == null ? poolHold() : null;
      Hold rate = rateHold();
      Occupancy running = aws.meter().occupancy(GlueJobs.RUNNING_SERIES);
      for (ObjectLedger.WaitingDataset group : waiting) {
        Hold hold = aggregateHold(group, nowMillis);
        if (hold == null) {
          hold = jobHold(group.dataset());
        }
        if (hold == null && sourceCaps.containsKey(group.source())
            && running.current(group.source()) >= sourceCaps.get(group.source())) {
          hold = new Hold(BindingLimit.SOURCE_CAP, group.source(), "maxInFlight " + sourceCaps.get(group.source()),
              "sources." + group.source() + ".maxInFlight");
        }
        if (hold == null) {
          hold = account != null ? account : poolHold != null ? poolHold : rate;
        }
        if (hold == null && nowMillis - group.oldestArrivedMillis() >= PACING_AFTER_MILLIS) {
          hold = pacingHold(group);
        }
        if (hold != null) {
          held.merge(hold, group.objects(), Integer::sum);
        }
      }
    }
    accepted = 0;
    throttled = 0;
    samples.add(new BottleneckTimeline.Sample(nowMillis, held));
  }

  /** The samples so far as a timeline from the scenario's start to {@code endMillis}. */
  BottleneckTimeline timeline(long endMillis) {
    return BottleneckTimeline.of(scenario.start().toEpochMilli(), endMillis, samples);
  }

  // An aggregate's run of a day whose inputs have not all landed that day.
  private Hold aggregateHold(ObjectLedger.WaitingDataset group, long nowMillis) {
    AggregateSpec aggregate = aggregates.get(group.dataset());
    if (aggregate == null) {
      return null;
    }
    long dayStart = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(group.oldestArrivedMillis()), ZoneOffset.UTC)
        .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    List<String> missing = new ArrayList<>();
    for (String input : aggregate.dependencies()) {
      if (ledger.lastLanded(input) < dayStart) {
        missing.add(input);
      }
    }
    return missing.isEmpty() ? null
        : new Hold(BindingLimit.AGGREGATE_INPUTS, aggregate.name(), "missing " + String.join(", ", missing), null);
  }

  // The dataset's job running as many runs as it may: Glue's MaxConcurrentRuns, or wlm's lower per-job slots.
  private Hold jobHold(String dataset) {
    JobSpec job = jobOf.get(dataset);
    if (job == null) {
      return null;
    }
    int limit = job.maxConcurrentRuns();
    String move = jobMove.get(dataset);
    String detail = "MaxConcurrentRuns " + limit;
    if (spec.kind() == StrategyKind.WLM) {
      int slots = spec.intKnob("jobMaxConcurrentRuns");
      if (slots < limit) {
        limit = slots;
        move = knob("jobMaxConcurrentRuns");
        detail = "wlm's jobMaxConcurrentRuns " + slots + ", MaxConcurrentRuns " + job.maxConcurrentRuns();
      }
    }
    return aws.glueJobs().running(job.name()) >= limit ? new Hold(BindingLimit.JOB_CONCURRENCY, job.name(), detail, move)
        : null;
  }

  // The account at its quota of concurrent job runs.
  private Hold accountHold() {
    Gauge account = aws.glueJobs().accountGauge();
    if (account.current() < account.limit()) {
      return null;
    }
    String detail = "quota " + account.limit();
    return new Hold(BindingLimit.ACCOUNT_QUOTA, "account", detail, "quotas.glueAccountConcurrentRuns");
  }

  // wlm's pool full while the account is not: the knob that set the pool's size moves it.
  private Hold poolHold() {
    if (pool == null) {
      return null;
    }
    int[] state = pool.heldAndLimit();
    if (state[0] < state[1]) {
      return null;
    }
    int quota = aws.quotas().glueAccountConcurrentRuns();
    int maxConcurrency = spec.intKnob("maxConcurrency");
    int slots = spec.intKnob("glueAccountSlots");
    boolean shrunk = state[1] < Math.min(maxConcurrency, slots);
    String move = shrunk ? knob("poolRecoverySeconds")
        : maxConcurrency < Math.min(slots, quota) ? knob("maxConcurrency")
        : slots < quota ? knob("glueAccountSlots") : "quotas.glueAccountConcurrentRuns";
    String detail = state[1] + " slots: maxConcurrency " + maxConcurrency + ", glueAccountSlots " + slots
        + (shrunk ? ", shrunk after refused starts" : "");
    return new Hold(BindingLimit.WLM_POOL, "account", detail, move);
  }

  // StartJobRun refused for its rate during the minute, or its starts used the rate up.
  private Hold rateHold() {
    double glueRate = aws.quotas().startJobRun().ratePerSecond();
    double rate = glueRate;
    String move = "quotas.startJobRun.rate";
    if (spec.kind() == StrategyKind.WLM && spec.doubleKnob("jobStartRate") < glueRate) {
      rate = spec.doubleKnob("jobStartRate");
      move = knob("jobStartRate");
    }
    if (throttled == 0 && accepted < RATE_SPENT * rate * (Replay.SLICE_MILLIS / 1000.0)) {
      return null;
    }
    String detail = String.format(Locale.ROOT, "%d started, %d throttled in the minute at %s/s", accepted, throttled,
        rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate));
    return new Hold(BindingLimit.START_RATE, GlueJobs.START_JOB_RUN, detail, move);
  }

  // Every limit open, yet the object waits: the strategy's own timing.
  private Hold pacingHold(ObjectLedger.WaitingDataset group) {
    return switch (spec.kind()) {
      case RETRY_ONLY, GLUE_QUEUING -> new Hold(BindingLimit.STRATEGY_PACING, spec.label(), "retry back-off",
          knob("retryIntervalSeconds"));
      // a batch short of its minItems waits up to maxBatchWaitSeconds for more; otherwise the next poll picks it up
      case WLM -> group.objects() < minItems.getOrDefault(group.dataset(), 1)
          ? new Hold(BindingLimit.STRATEGY_PACING, spec.label(), "batches filling up to minItems",
              knob("maxBatchWaitSeconds"))
          : new Hold(BindingLimit.STRATEGY_PACING, spec.label(), "dispatch polling and retry back-off",
              knob("pollSeconds"));
      default -> new Hold(BindingLimit.STRATEGY_PACING, spec.label(), "", null);
    };
  }

  private String knob(String name) {
    return "strategies." + spec.label() + "." + name;
  }

  /**
   * The {@code --set} key of a dataset's job's {@code MaxConcurrentRuns}: by the dataset's name
   * when the file lists it by name, by the index of its generated family otherwise (which raises
   * the whole family), else the account-wide default of the quotas.
   */
  static String datasetJobKey(JsonNode tree, String source, String dataset) {
    for (JsonNode s : tree.path("sources")) {
      if (!source.equals(s.path("name").asText())) {
        continue;
      }
      JsonNode datasets = s.path("datasets");
      for (int i = 0; i < datasets.size(); i++) {
        JsonNode entry = datasets.get(i);
        if (dataset.equals(entry.path("name").asText(null))) {
          return "sources." + source + ".datasets." + dataset + ".job.maxConcurrentRuns";
        }
        if (entry.has("namePattern") && familyPattern(entry.path("namePattern").asText()).matcher(dataset).matches()) {
          return "sources." + source + ".datasets." + i + ".job.maxConcurrentRuns";
        }
      }
    }
    return "quotas.glueJobMaxConcurrentRuns";
  }

  // "clicks-{i:03}" → clicks-\d+
  private static Pattern familyPattern(String namePattern) {
    List<String> parts = new ArrayList<>();
    for (String part : namePattern.split("\\{i(:\\d+)?}", -1)) {
      parts.add(Pattern.quote(part));
    }
    return Pattern.compile(String.join("\\d+", parts));
  }
}
