package io.datalakewlm.simulator.scenario;

import io.datalakewlm.simulator.aws.GlueJobDefinition;
import io.datalakewlm.simulator.aws.WorkerType;
import io.datalakewlm.simulator.random.DurationDistribution;
import java.time.Duration;

/**
 * The stage-B Glue job of a dataset, as the scenario describes it.
 *
 * @param name the Glue job's name; datasets that give the same name share one job (and its
 *     {@code MaxConcurrentRuns})
 * @param securityConfiguration the security configuration when the job encrypts its logs with
 *     KMS, else {@code null}
 */
public record JobSpec(String name, DurationDistribution duration, Duration perObject, WorkerType workerType,
    int workers, String glueVersion, String securityConfiguration, int maxConcurrentRuns,
    double failureProbability, Duration timeout) {

  /** The emulator's job, tagged (for charts) with {@code tag}, usually the source. */
  public GlueJobDefinition toDefinition(String tag) {
    return new GlueJobDefinition(name, maxConcurrentRuns, workerType, workers, glueVersion, securityConfiguration,
        duration, perObject, failureProbability, timeout, tag);
  }
}
