package io.datalakewlm.simulator.scenario;

import io.datalakewlm.simulator.aws.AwsQuotas;
import java.util.Collections;
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
 * {@code wlm}:
 * <ul>
 *   <li>{@code maxConcurrency} (40): the dispatcher Map's MaxConcurrency.</li>
 *   <li>{@code agingSeconds} (1800): a waiting item rises one priority level per this much waiting.</li>
 *   <li>{@code maxBatchWaitSeconds} (300): a batch below min_items_process leaves after this wait.</li>
 *   <li>{@code dispatchIntervalSeconds} (60): how often the dispatcher runs SelectBatch.</li>
 *   <li>{@code glueAccountSlots} (the account quota): the semaphore on the account's job runs.</li>
 *   <li>{@code perJobSlots} (0 = the job's MaxConcurrentRuns): the semaphore of each job.</li>
 *   <li>{@code noSlotRetrySeconds} (30): the Retry interval on {@code Wlm.NoSlot}.</li>
 *   <li>{@code leaseSeconds} (900): leases of items and slots, extended by heartbeats.</li>
 *   <li>{@code startJobRunRate}/{@code startJobRunBurst}, {@code crawlerRate}/{@code crawlerBurst},
 *       {@code kmsAssociateRate} (the matching quotas): the pacing token buckets.</li>
 * </ul>
 * {@code no-wlm} has no knobs.
 */
public final class Knobs {
  private Knobs() {}

  /** The knobs of {@code kind} with their defaults, some of which follow the account's quotas. */
  public static Map<String, Object> defaults(StrategyKind kind, AwsQuotas quotas) {
    Map<String, Object> knobs = new LinkedHashMap<>();
    switch (kind) {
      case NO_WLM -> { }
      case RETRY_ONLY -> {
        knobs.put("retryIntervalSeconds", 60.0);
        knobs.put("maxAttempts", 5);
        knobs.put("backoffRate", 2.0);
        knobs.put("maxDelaySeconds", 3600);
        knobs.put("jitter", "FULL");
      }
      case WLM -> {
        knobs.put("maxConcurrency", 40);
        knobs.put("agingSeconds", 1800);
        knobs.put("maxBatchWaitSeconds", 300);
        knobs.put("dispatchIntervalSeconds", 60);
        knobs.put("glueAccountSlots", quotas.glueAccountConcurrentRuns());
        knobs.put("perJobSlots", 0);
        knobs.put("noSlotRetrySeconds", 30.0);
        knobs.put("leaseSeconds", 900);
        knobs.put("startJobRunRate", quotas.startJobRun().ratePerSecond());
        knobs.put("startJobRunBurst", quotas.startJobRun().burst());
        knobs.put("crawlerRate", quotas.startCrawler().ratePerSecond());
        knobs.put("crawlerBurst", quotas.startCrawler().burst());
        knobs.put("kmsAssociateRate", quotas.associateKmsKey().ratePerSecond());
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
