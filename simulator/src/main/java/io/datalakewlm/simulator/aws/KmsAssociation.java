package io.datalakewlm.simulator.aws;

import io.datalakewlm.asl.time.Scheduler;

/**
 * CloudWatch Logs {@code AssociateKmsKey}, as Glue calls it for every run of a job whose security
 * configuration encrypts CloudWatch logs with KMS: the run's log group gets the configuration's
 * key before the run starts. The API has a low per-account rate quota that a service-quota
 * request does not lift, so a burst of encrypted job runs gets {@code ThrottlingException}s here —
 * and Glue then fails the job run itself (see {@link GlueJobs}).
 *
 * <p>Modelled as a token bucket with at most about one second of burst; the default rate is an
 * assumption (see {@link AwsQuotas#ASSOCIATE_KMS_KEY}).
 */
public final class KmsAssociation {
  /** The API name under which calls are metered. */
  public static final String ASSOCIATE_KMS_KEY = "logs:AssociateKmsKey";
  public static final String THROTTLING = "ThrottlingException";

  private final Scheduler scheduler;
  private final ServiceMeter meter;
  private final AwsErrors errors;
  private final TokenBucket bucket;

  KmsAssociation(Scheduler scheduler, ServiceMeter meter, AwsErrors errors, RateLimit rate) {
    this.scheduler = scheduler;
    this.meter = meter;
    this.errors = errors;
    this.bucket = rate.newBucket(scheduler.nowMillis());
  }

  public TokenBucket bucket() {
    return bucket;
  }

  /**
   * Associates the key with {@code logGroup} now.
   *
   * @return {@code null} when it worked, or the error text CloudWatch Logs answered with
   */
  public String associate(String logGroup) {
    if (!bucket.tryAcquire(scheduler.nowMillis())) {
      meter.refused(ASSOCIATE_KMS_KEY, THROTTLING);
      return "Failed to associate the KMS key of the security configuration with log group " + logGroup + ": "
          + errors.cause("AWSLogs", THROTTLING, "Rate exceeded");
    }
    meter.accepted(ASSOCIATE_KMS_KEY);
    return null;
  }
}
