package io.datalakewlm.workers.config;

import io.datalakewlm.workers.Workers;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@code wlm workers} process needs to know, as read by {@link WorkerConfigFile}: its
 * environment, where Step Functions and DynamoDB are, the activities it serves and its timeouts.
 * Optional values are null. Activity names and the table suffix default to values derived from
 * the environment, so they follow it when the environment is overridden on the command line.
 *
 * @param region null: AWS_REGION or the profile's (us-east-1 when both endpoints are local)
 * @param stepFunctionsEndpoint null: AWS
 * @param accountId null: activity ARNs are looked up by name with ListActivities
 * @param dynamoDbEndpoint null: AWS (or the dynalite started for the process)
 * @param dynalite start a dynalite server for the process and create the tables in it
 * @param createTables create the missing tables at start
 * @param tableSuffix null: the environment
 * @param workerName null: host:pid
 */
public record WorkerConfig(String environment, String region, URI stepFunctionsEndpoint, String accountId,
                           URI dynamoDbEndpoint, boolean dynalite, boolean createTables, String tableSuffix,
                           String workerName, Duration heartbeatInterval, Duration drainTimeout,
                           List<Activity> activities, Workers.Settings settings) {

  /** Default pollers per activity. */
  public static final int DEFAULT_POLLERS = 2;
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(20);
  public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(80);

  /**
   * One served activity.
   *
   * @param handler the handler's name (Enqueue, SelectBatch, ...)
   * @param arn null unless configured
   * @param name null: {@code wlm-<handler>-<environment>}
   */
  public record Activity(String handler, String arn, String name, int pollers, int maxConcurrent) {
    public Activity {
      Objects.requireNonNull(handler);
      if (pollers < 1 || maxConcurrent < pollers) {
        throw new IllegalArgumentException(handler + ": need 1 <= pollers <= maxConcurrent, got " + pollers + " and "
            + maxConcurrent);
      }
    }

    /** The activity's name in an environment, as the deployment names it. */
    public String nameIn(String environment) {
      return name != null ? name : "wlm-" + handler + "-" + environment;
    }
  }

  public WorkerConfig {
    Objects.requireNonNull(environment);
    Objects.requireNonNull(heartbeatInterval);
    Objects.requireNonNull(drainTimeout);
    Objects.requireNonNull(settings);
    activities = List.copyOf(activities);
    if (activities.isEmpty()) {
      throw new IllegalArgumentException("a worker serves at least one activity");
    }
    if (dynalite && dynamoDbEndpoint != null) {
      throw new IllegalArgumentException("dynalite and a DynamoDB endpoint exclude each other");
    }
  }

  /** The suffix of the table names. */
  public String tables() {
    return tableSuffix != null ? tableSuffix : environment;
  }

  /** The same config with the values given on the command line in place of the file's (null keeps the file's). */
  public WorkerConfig withOverrides(String environment, String region, URI stepFunctionsEndpoint, URI dynamoDbEndpoint,
                                    Boolean dynalite) {
    boolean useDynalite = dynalite != null ? dynalite : dynamoDbEndpoint == null && this.dynalite;
    return new WorkerConfig(environment != null ? environment : this.environment,
        region != null ? region : this.region,
        stepFunctionsEndpoint != null ? stepFunctionsEndpoint : this.stepFunctionsEndpoint, accountId,
        useDynalite ? null : dynamoDbEndpoint != null ? dynamoDbEndpoint : this.dynamoDbEndpoint, useDynalite,
        createTables, tableSuffix, workerName, heartbeatInterval, drainTimeout, activities, settings);
  }
}
