package io.datalakewlm.simulator.aws;

import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.random.Seeds;

/**
 * One emulated AWS account: Glue jobs and crawlers, the CloudWatch Logs KMS association, the Step
 * Functions StartExecution throttle, and the meter they all report to, on one scheduler.
 *
 * <p>Each strategy of a comparison gets its own account (same quotas, same seed), so that every
 * strategy starts from full buckets and empty slots and draws the same run times.
 */
public final class AwsServices {
  private final Scheduler scheduler;
  private final AwsQuotas quotas;
  private final ServiceMeter meter;
  private final KmsAssociation kms;
  private final GlueJobs glueJobs;
  private final GlueCrawlers crawlers;
  private final StepFunctionsQuotas stepFunctions;
  private final StateTransitionCounter transitions;
  private final ExpressWorkflows express;

  private AwsServices(Scheduler scheduler, AwsQuotas quotas, long seed) {
    this.scheduler = scheduler;
    this.quotas = quotas;
    this.meter = new ServiceMeter(scheduler::nowMillis);
    AwsErrors errors = new AwsErrors(Seeds.derive(seed, "request-ids"));
    this.kms = new KmsAssociation(scheduler, meter, errors, quotas.associateKmsKey());
    this.glueJobs = new GlueJobs(scheduler, meter, errors, kms, quotas, seed);
    this.crawlers = new GlueCrawlers(scheduler, meter, errors, quotas, seed);
    this.stepFunctions = new StepFunctionsQuotas(scheduler, meter, errors, quotas);
    this.transitions = new StateTransitionCounter(meter);
    this.express = new ExpressWorkflows(meter);
  }

  /** An account with {@code quotas} whose random draws all derive from {@code seed}. */
  public static AwsServices create(Scheduler scheduler, AwsQuotas quotas, long seed) {
    return new AwsServices(scheduler, quotas, seed);
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public AwsQuotas quotas() {
    return quotas;
  }

  public ServiceMeter meter() {
    return meter;
  }

  public KmsAssociation kms() {
    return kms;
  }

  public GlueJobs glueJobs() {
    return glueJobs;
  }

  public GlueCrawlers crawlers() {
    return crawlers;
  }

  public StepFunctionsQuotas stepFunctions() {
    return stepFunctions;
  }

  /** Add to a runtime ({@code StatesRuntime.addListener}) to meter state transitions. */
  public StateTransitionCounter transitionCounter() {
    return transitions;
  }

  /** Meters Express executions (requests and duration), which are not billed per transition. */
  public ExpressWorkflows expressWorkflows() {
    return express;
  }

  /** Whether no Glue job run and no crawl is running (all are billed once they end). */
  public boolean idle() {
    return meter.occupancy(GlueJobs.RUNNING_SERIES).total() == 0 && meter.occupancy(GlueCrawlers.RUNNING_SERIES).total() == 0;
  }

  /** Registers every emulated Step Functions resource (Glue jobs and crawlers). */
  public Resources register(Resources resources) {
    glueJobs.register(resources);
    crawlers.register(resources);
    return resources;
  }
}
