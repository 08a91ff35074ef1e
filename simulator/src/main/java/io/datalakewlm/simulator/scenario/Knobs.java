package io.datalakewlm.simulator.scenario;

import io.datalakewlm.simulator.aws.AwsQuotas;
import io.datalakewlm.simulator.wlm.TemplateParameters;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The knobs of each strategy and their defaults, which the strategies read from
 * {@link StrategySpec}. The JSON schema lists the same names (a test keeps them in step).
 *
 * <p>{@code retry-only}, the usual fix without workload management: every Task retries AWS's
 * throttling and concurrency errors
 * <ul>
 *   <li>{@code retryIntervalSeconds} (60), {@code maxAttempts} (5), {@code backoffRate} (2.0),
 *       {@code maxDelaySeconds} (3600), {@code jitter} (FULL): the Retry fields.</li>
 * </ul>
 * {@code glue-queuing} has the same knobs with the same defaults: it is retry-only with Glue's
 * job run queuing on, so its retries are retry-only's.
 * {@code wlm}: the parameters of {@code sam-template.yaml} that tune the deployed state machines,
 * named in lower camel case ({@code maxConcurrency} is the template's {@code MaxConcurrency}, the
 * same parameter {@code samconfig.toml} sets), with the template's defaults — lowered to the
 * scenario's quotas where a default would exceed them (account slots, start rates); plus three knobs of
 * the local deployment itself:
 * <ul>
 *   <li>{@code activityLatencyMillis} (100): how long a worker takes to answer an activity task.</li>
 *   <li>{@code dispatcherScheduleSeconds} (300): the watchdog schedule that starts the dispatcher.</li>
 *   <li>{@code sweepScheduleSeconds} (900): the schedule of the reaper's sweep.</li>
 * </ul>
 * {@code no-wlm} has no knobs.
 */
public final class Knobs {
  /**
   * The template parameters the wlm strategy exposes as knobs: every tuning knob of the ASL but
   * {@code DependencyWaitSeconds}, which a scenario sets per aggregate.
   */
  public static final List<String> WLM_PARAMETERS = List.of(
      "MaxConcurrency", "GlueAccountSlots", "PoolRecoverySeconds", "JobMaxConcurrentRuns", "BatchesPerWorker",
      "AgingSeconds", "MaxBatchWaitSeconds", "IdleWaitSeconds", "PollSeconds", "LeaseSeconds", "WorkerLeaseSeconds",
      "RoundsPerExecution", "Dispatchers", "DispatcherLeaseSeconds", "ActivityTimeoutSeconds", "ActivityHeartbeatSeconds",
      "JobStartRate", "JobStartBurst", "CrawlerStartRate", "CrawlerStartBurst", "CrawlIntervalSeconds",
      "CrawlLeaseSeconds", "JobRetryIntervalSeconds", "JobRetryMaxDelaySeconds", "JobRetryMaxAttempts",
      "CrawlerRetryIntervalSeconds", "CrawlerRetryMaxDelaySeconds", "CrawlerRetryMaxAttempts", "MaxItemAttempts");

  private Knobs() {}

  /** The knob name of a template parameter: {@code MaxConcurrency} → {@code maxConcurrency}. */
  public static String knobName(String parameter) {
    return Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
  }

  /** The template parameter of a wlm knob: {@code maxConcurrency} → {@code MaxConcurrency}. */
  public static String parameterName(String knob) {
    return Character.toUpperCase(knob.charAt(0)) + knob.substring(1);
  }

  // Lowers a numeric default to a quota, keeping integers integers.
  private static void capped(Map<String, Object> knobs, String name, double quota) {
    Object value = knobs.get(name);
    if (value instanceof Number number && number.doubleValue() > quota) {
      knobs.put(name, value instanceof Integer ? (Object) (int) Math.floor(quota) : (Object) quota);
    }
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

  /** The knobs of {@code kind} with their defaults, some of which follow the account's quotas. */
  public static Map<String, Object> defaults(StrategyKind kind, AwsQuotas quotas) {
    Map<String, Object> knobs = new LinkedHashMap<>();
    switch (kind) {
      case NO_WLM -> { }
      case RETRY_ONLY, GLUE_QUEUING -> {
        knobs.put("retryIntervalSeconds", 60.0);
        knobs.put("maxAttempts", 5);
        knobs.put("backoffRate", 2.0);
        knobs.put("maxDelaySeconds", 3600);
        knobs.put("jitter", "FULL");
      }
      case WLM -> {
        TemplateParameters template = TemplateParameters.fromClasspath();
        for (String parameter : WLM_PARAMETERS) {
          String value = template.defaults().get(parameter);
          if (value == null) {
            throw new IllegalStateException("sam-template.yaml has no default for parameter " + parameter);
          }
          knobs.put(knobName(parameter), number(value));
        }
        // A default must not exceed the scenario's own quotas, or the stack's defaults would
        // describe a bigger account than the one simulated.
        capped(knobs, "glueAccountSlots", quotas.glueAccountConcurrentRuns());
        capped(knobs, "maxConcurrency", quotas.glueAccountConcurrentRuns());
        capped(knobs, "jobStartRate", Math.min(quotas.startJobRun().ratePerSecond(), quotas.associateKmsKey().ratePerSecond()));
        capped(knobs, "jobStartBurst", Math.min(quotas.startJobRun().burst(), quotas.associateKmsKey().burst()));
        capped(knobs, "crawlerStartRate", quotas.startCrawler().ratePerSecond());
        capped(knobs, "crawlerStartBurst", quotas.startCrawler().burst());
        knobs.put("activityLatencyMillis", 100);
        knobs.put("dispatcherScheduleSeconds", 300);
        knobs.put("sweepScheduleSeconds", 900);
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    return knobs;
  }

  /** The knob names of {@code kind}. */
  public static Set<String> names(StrategyKind kind) {
    return Collections.unmodifiableSet(defaults(kind, AwsQuotas.defaults()).keySet());
  }
}
