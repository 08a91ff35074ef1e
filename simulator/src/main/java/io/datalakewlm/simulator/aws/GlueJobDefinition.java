package io.datalakewlm.simulator.aws;

import io.datalakewlm.simulator.random.DurationDistribution;
import java.time.Duration;
import java.util.Objects;

/**
 * A Glue job as the emulator needs it: its quota and capacity properties as in {@code CreateJob},
 * and how its runs behave (run time, failure rate) as the scenario describes them.
 *
 * @param maxConcurrentRuns {@code ExecutionProperty.MaxConcurrentRuns} (AWS default 1)
 * @param securityConfiguration the security configuration's name when it encrypts CloudWatch logs
 *     with KMS (each run then associates the key with its log group), or {@code null}
 * @param runTime the time a run takes, drawn per run
 * @param perObject extra run time per object of the batch (the {@code --object-count} argument)
 * @param failureProbability the chance that a run that started ends FAILED on its own
 * @param timeout the job's {@code Timeout}; a longer run ends in TIMEOUT (AWS default 2,880 min)
 * @param tag an opaque label carried by every run, e.g. the source, for charts per tag
 */
public record GlueJobDefinition(String name, int maxConcurrentRuns, WorkerType workerType, int numberOfWorkers,
    String glueVersion, String securityConfiguration, DurationDistribution runTime, Duration perObject,
    double failureProbability, Duration timeout, String tag) {

  /** Glue's default job timeout, 2,880 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2880);

  public GlueJobDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(workerType, "workerType");
    Objects.requireNonNull(runTime, "runTime");
    glueVersion = glueVersion == null ? "4.0" : glueVersion;
    perObject = perObject == null ? Duration.ZERO : perObject;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    tag = tag == null ? name : tag;
    if (maxConcurrentRuns < 1) {
      throw new IllegalArgumentException(name + ": MaxConcurrentRuns must be >= 1, got " + maxConcurrentRuns);
    }
    if (numberOfWorkers < 1) {
      throw new IllegalArgumentException(name + ": NumberOfWorkers must be >= 1, got " + numberOfWorkers);
    }
    if (!(failureProbability >= 0 && failureProbability <= 1)) {
      throw new IllegalArgumentException(name + ": failure probability must be in [0, 1], got " + failureProbability);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(name + ": timeout must be > 0, got " + timeout);
    }
  }

  /** A job with AWS's defaults and a fixed run time, for tests and small examples. */
  public static GlueJobDefinition of(String name, Duration runTime) {
    return new GlueJobDefinition(name, 1, WorkerType.G_1X, 10, "4.0", null,
        new DurationDistribution.Fixed(runTime), Duration.ZERO, 0, DEFAULT_TIMEOUT, name);
  }

  public GlueJobDefinition withMaxConcurrentRuns(int runs) {
    return new GlueJobDefinition(name, runs, workerType, numberOfWorkers, glueVersion, securityConfiguration,
        runTime, perObject, failureProbability, timeout, tag);
  }

  public GlueJobDefinition withSecurityConfiguration(String configuration) {
    return new GlueJobDefinition(name, maxConcurrentRuns, workerType, numberOfWorkers, glueVersion, configuration,
        runTime, perObject, failureProbability, timeout, tag);
  }

  public GlueJobDefinition withTag(String newTag) {
    return new GlueJobDefinition(name, maxConcurrentRuns, workerType, numberOfWorkers, glueVersion,
        securityConfiguration, runTime, perObject, failureProbability, timeout, newTag);
  }

  /** DPUs a run holds: worker DPU × number of workers. */
  public double dpu() {
    return workerType.dpu() * numberOfWorkers;
  }

  /** The billing minimum of a run: 10 minutes for Glue 0.9 and 1.0, 1 minute after. */
  public long minimumBilledSeconds() {
    return glueVersion.equals("0.9") || glueVersion.equals("1.0")
        ? Prices.GLUE_LEGACY_JOB_MINIMUM_SECONDS : Prices.GLUE_JOB_MINIMUM_SECONDS;
  }

  /** The CloudWatch log group a run writes to; encrypted runs use one named after the configuration. */
  public String logGroup() {
    return securityConfiguration == null ? "/aws-glue/jobs/output" : "/aws-glue/jobs-" + securityConfiguration + "-role/output";
  }
}
