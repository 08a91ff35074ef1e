package io.datalakewlm.simulator.scenario;

import io.datalakewlm.simulator.aws.AwsQuotas;
import io.datalakewlm.simulator.aws.RateLimit;
import io.datalakewlm.simulator.wlm.TemplateParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every knob a scenario can set under {@code quotas:} and a strategy's {@code knobs:}: the one
 * catalogue the scenario schema's knob definitions are made from ({@link KnobSchema}), the
 * strategies' defaults are read from ({@link #defaults}) and {@code wlm simulate --list-knobs} and
 * {@code simulator/README.md} print ({@link KnobTable}), so a knob added here is known everywhere.
 *
 * <p>Each fact has one home: the quotas' defaults are {@link AwsQuotas}' constants (the emulated
 * account starts from them); the {@code wlm} knobs named after a template parameter take their
 * default, range and meaning from {@code sam-template.yaml}, the same values {@code sam deploy}
 * uses, so a knob tuned locally is the parameter to set in {@code samconfig.toml}. A {@code wlm}
 * default above the scenario's quotas is lowered to them. {@code glue-queuing} is retry-only with
 * Glue's job run queuing on: it has retry-only's knobs and defaults. {@code no-wlm} has none.
 */
public final class Knobs {
  /** The section of the account's quotas. */
  public static final String QUOTAS = "quotas";
  private static final String WLM = StrategyKind.WLM.id();

  private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

  // The template parameters that are wlm knobs, with the quota that caps each default (or null).
  private static final Map<String, Knob.Cap> WLM_TEMPLATE_KNOBS = wlmTemplateKnobs();
  // The two rates are numbers; every other parameter counts whole things (seconds, runs, batches).
  private static final Set<String> WLM_FRACTIONAL = Set.of("JobStartRate", "CrawlerStartRate");

  /** The template parameters the wlm strategy has as knobs, in template-knob order. */
  public static final List<String> WLM_PARAMETERS = List.copyOf(WLM_TEMPLATE_KNOBS.keySet());

  private static final List<Knob> ALL = catalogue();

  private Knobs() {}

  /** Every knob: the quotas, then each strategy kind's, in the order of {@link StrategyKind}. */
  public static List<Knob> all() {
    return ALL;
  }

  /** The knobs of one section ({@link #QUOTAS} or a strategy kind's id), in catalogue order. */
  public static List<Knob> of(String section) {
    return ALL.stream().filter(k -> k.section().equals(section)).toList();
  }

  /** The knob name of a template parameter: {@code MaxConcurrency} → {@code maxConcurrency}. */
  public static String knobName(String parameter) {
    return Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
  }

  /** The template parameter of a wlm knob: {@code maxConcurrency} → {@code MaxConcurrency}. */
  public static String parameterName(String knob) {
    return Character.toUpperCase(knob.charAt(0)) + knob.substring(1);
  }

  /** The knobs of {@code kind} with their defaults, some of which follow the account's quotas. */
  public static Map<String, Object> defaults(StrategyKind kind, AwsQuotas quotas) {
    Map<String, Object> knobs = new LinkedHashMap<>();
    for (Knob knob : of(kind.id())) {
      knobs.put(knob.name(), knob.defaultFor(quotas));
    }
    return knobs;
  }

  /** The knob names of {@code kind}. */
  public static Set<String> names(StrategyKind kind) {
    Set<String> names = new LinkedHashSet<>();
    of(kind.id()).forEach(k -> names.add(k.name()));
    return Collections.unmodifiableSet(names);
  }

  private static List<Knob> catalogue() {
    List<Knob> knobs = new ArrayList<>(quotas());
    for (StrategyKind kind : StrategyKind.values()) {
      switch (kind) {
        case NO_WLM -> { }
        case RETRY_ONLY, GLUE_QUEUING -> knobs.addAll(retries(kind.id()));
        case WLM -> knobs.addAll(wlm());
        default -> throw new IllegalStateException(kind.toString());
      }
    }
    return List.copyOf(knobs);
  }

  private static List<Knob> quotas() {
    List<Knob> q = new ArrayList<>();
    q.add(integer(QUOTAS, "glueAccountConcurrentRuns", AwsQuotas.GLUE_ACCOUNT_CONCURRENT_RUNS, 1, null,
        "Glue job runs at once in the account (Glue endpoints and quotas: max concurrent job runs per account, adjustable)."));
    q.add(integer(QUOTAS, "glueJobMaxConcurrentRuns", AwsQuotas.GLUE_JOB_MAX_CONCURRENT_RUNS, 1, null,
        "Runs at once of a job whose `job:` sets no `maxConcurrentRuns` (AWS's `ExecutionProperty.MaxConcurrentRuns` default)."));
    rate(q, "startJobRun", AwsQuotas.START_JOB_RUN, "Glue `StartJobRun`",
        "Assumption: AWS publishes no rate; consistent with throttling reported at about 15 parallel starts.");
    rate(q, "startCrawler", AwsQuotas.START_CRAWLER, "Glue `StartCrawler`", "Assumption: AWS publishes no rate.");
    rate(q, "associateKmsKey", AwsQuotas.ASSOCIATE_KMS_KEY,
        "CloudWatch Logs `AssociateKmsKey` (one per run of a job with a security configuration)",
        "Assumption: a low hard limit; read your account's value in Service Quotas.");
    rate(q, "startExecution", AwsQuotas.START_EXECUTION, "Step Functions `StartExecution`",
        "Step Functions quotas for Standard workflows in us-east-1, us-west-2 and eu-west-1 (150/s, burst 800 elsewhere).");
    q.add(integer(QUOTAS, "executionHistoryEvents", AwsQuotas.EXECUTION_HISTORY_EVENTS, 2, 25_000,
        "Events a Standard execution's history may hold (Step Functions' hard quota); the execution that would pass"
            + " it fails with `States.Runtime`. Set less to try the machines against a tighter cap."));
    q.add(number(QUOTAS, "glueQueuedRunMaxWaitHours", AwsQuotas.GLUE_QUEUED_RUN_MAX_WAIT_HOURS, 0, true,
        "Hours a queued Glue job run (`JobRunQueuingEnabled`, the glue-queuing strategy) may stay `WAITING` before"
            + " Glue fails it. Assumption: AWS documents no limit for queued Standard runs (it gives 20 minutes for"
            + " Flex, and 15 minutes or 10 attempts for runs that are not queued); 48 h is the default job `Timeout`"
            + " of 2,880 minutes."));
    return q;
  }

  // A rate quota as two knobs: the refill rate and the bucket size.
  private static void rate(List<Knob> q, String api, RateLimit limit, String calls, String source) {
    q.add(number(QUOTAS, api + ".rate", limit.ratePerSecond(), 0, true,
        calls + " calls per second before `ThrottlingException`. " + source));
    q.add(integer(QUOTAS, api + ".burst", limit.burst(), 1, null,
        calls + " calls at once after a quiet spell (the token bucket's size)."));
  }

  // The Retry fields of the per-object pipeline's Tasks and of its trigger's StartExecution.
  private static List<Knob> retries(String section) {
    return List.of(
        number(section, "retryIntervalSeconds", 60.0, 0, true,
            "Seconds before the first retry of a Task refused by Glue's throttling or concurrency errors or a failed"
                + " run, and of a throttled `StartExecution` (the Retry's `IntervalSeconds`)."),
        integer(section, "maxAttempts", 5, 0, null,
            "Retries before the object fails (`MaxAttempts`; 0: none); a `StartExecution` still throttled after them"
                + " loses the object."),
        number(section, "backoffRate", 2.0, 1, false, "Each wait is this many times the one before (`BackoffRate`)."),
        integer(section, "maxDelaySeconds", 3600, 1, null, "The longest wait between two retries (`MaxDelaySeconds`)."),
        new Knob(section, "jitter", Knob.Type.CHOICE, "FULL", null, false, null, List.of("FULL", "NONE"),
            "`FULL`: each wait is drawn between 0 and its computed length; `NONE`: the computed length"
                + " (`JitterStrategy`).", null, null));
  }

  private static List<Knob> wlm() {
    TemplateParameters template = TemplateParameters.fromClasspath();
    List<Knob> knobs = new ArrayList<>();
    WLM_TEMPLATE_KNOBS.forEach((parameter, cap) -> {
      TemplateParameters.Parameter declared = template.parameters().get(parameter);
      if (declared == null || declared.defaultValue() == null) {
        throw new IllegalStateException("sam-template.yaml has no default for parameter " + parameter);
      }
      boolean fractional = WLM_FRACTIONAL.contains(parameter);
      knobs.add(new Knob(WLM, knobName(parameter), fractional ? Knob.Type.NUMBER : Knob.Type.INTEGER,
          number(declared.defaultValue()), bound(declared.minValue(), fractional), false,
          bound(declared.maxValue(), fractional), List.of(),
          "`" + parameter + "` of sam-template.yaml: " + declared.description(), cap, parameter));
    });
    // The local deployment's own knobs: what AWS does for the stack that the simulator must do itself.
    knobs.add(integer(WLM, "activityLatencyMillis", 100, 0, null,
        "How long a worker takes to answer an activity task (the local deployment's workers)."));
    knobs.add(integer(WLM, "dispatcherScheduleSeconds",
        rateSeconds(template, "DispatcherSchedule"), 1, null,
        "Seconds between the watchdog's starts of the dispatcher (default: the template's `DispatcherSchedule`)."));
    knobs.add(integer(WLM, "sweepScheduleSeconds", rateSeconds(template, "SweepSchedule"), 1, null,
        "Seconds between the reaper's sweeps of expired leases and slots (default: the template's `SweepSchedule`)."));
    return knobs;
  }

  // Every tuning parameter of the ASL but DependencyWaitSeconds, which a scenario sets per aggregate.
  private static Map<String, Knob.Cap> wlmTemplateKnobs() {
    Knob.Cap accountRuns = new Knob.Cap("quotas.glueAccountConcurrentRuns", AwsQuotas::glueAccountConcurrentRuns);
    Map<String, Knob.Cap> knobs = new LinkedHashMap<>();
    for (String parameter : List.of("MaxConcurrency", "GlueAccountSlots", "PoolRecoverySeconds",
        "JobMaxConcurrentRuns", "BatchesPerWorker", "AgingSeconds", "MaxBatchWaitSeconds", "IdleWaitSeconds",
        "PollSeconds", "LeaseSeconds", "WorkerLeaseSeconds", "RoundsPerExecution", "Dispatchers",
        "DispatcherLeaseSeconds", "ActivityTimeoutSeconds", "ActivityHeartbeatSeconds", "JobStartRate",
        "JobStartBurst", "CrawlerStartRate", "CrawlerStartBurst", "CrawlIntervalSeconds", "CrawlLeaseSeconds",
        "JobRetryIntervalSeconds", "JobRetryMaxDelaySeconds", "JobRetryMaxAttempts", "CrawlerRetryIntervalSeconds",
        "CrawlerRetryMaxDelaySeconds", "CrawlerRetryMaxAttempts", "MaxItemAttempts")) {
      knobs.put(parameter, null);
    }
    knobs.put("MaxConcurrency", accountRuns);
    knobs.put("GlueAccountSlots", accountRuns);
    knobs.put("JobStartRate", new Knob.Cap("quotas.startJobRun.rate, quotas.associateKmsKey.rate",
        q -> Math.min(q.startJobRun().ratePerSecond(), q.associateKmsKey().ratePerSecond())));
    knobs.put("JobStartBurst", new Knob.Cap("quotas.startJobRun.burst, quotas.associateKmsKey.burst",
        q -> Math.min(q.startJobRun().burst(), q.associateKmsKey().burst())));
    knobs.put("CrawlerStartRate", new Knob.Cap("quotas.startCrawler.rate", q -> q.startCrawler().ratePerSecond()));
    knobs.put("CrawlerStartBurst", new Knob.Cap("quotas.startCrawler.burst", q -> q.startCrawler().burst()));
    return knobs;
  }

  // An EventBridge rate(...) default of the template in seconds.
  private static int rateSeconds(TemplateParameters template, String parameter) {
    String value = template.defaults().get(parameter);
    Matcher m = value == null ? null : RATE.matcher(value);
    if (m == null || !m.matches()) {
      throw new IllegalStateException("sam-template.yaml's " + parameter + " default is not rate(N minutes|hours|days): "
          + value);
    }
    int unit = switch (m.group(2)) {
      case "minute", "minutes" -> 60;
      case "hour", "hours" -> 3600;
      default -> 86_400;
    };
    return Integer.parseInt(m.group(1)) * unit;
  }

  private static Knob integer(String section, String name, int defaultValue, Integer minimum, Integer maximum,
      String meaning) {
    return new Knob(section, name, Knob.Type.INTEGER, defaultValue, minimum, false, maximum, List.of(), meaning, null, null);
  }

  private static Knob number(String section, String name, double defaultValue, double minimum, boolean exclusive,
      String meaning) {
    return new Knob(section, name, Knob.Type.NUMBER, defaultValue, minimum, exclusive, null, List.of(), meaning, null, null);
  }

  // A template bound as the type's number: whole for integer knobs.
  private static Number bound(Double value, boolean fractional) {
    if (value == null) {
      return null;
    }
    return fractional ? value : (Number) (int) Math.floor(value);
  }

  // A template default as the number it is (knobs compare as numbers in tests and reports).
  private static Object number(String value) {
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException notInteger) {
      try {
        return Double.valueOf(value);
      } catch (NumberFormatException notNumber) {
        return value;
      }
    }
  }
}
