package io.datalakewlm.local.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.integration.StartExecutionIntegration;
import io.datalakewlm.asl.task.ResourceArn;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.task.TaskCall;
import io.datalakewlm.asl.task.TaskHandler;
import io.datalakewlm.asl.task.TaskResolver;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.aws.AwsQuotas;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.simulator.aws.CrawlerDefinition;
import io.datalakewlm.simulator.aws.GlueCrawlers;
import io.datalakewlm.simulator.aws.GlueJobDefinition;
import io.datalakewlm.simulator.aws.GlueJobs;
import io.datalakewlm.simulator.random.DurationDistribution;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Serves the Task states of the local endpoint's executions. For each task attempt, in order:
 * <ol>
 *   <li>the execution's own overlay, if it has one: a Step Functions Local mock test case (an
 *       execution started as {@code stateMachineArn#TestCase}) or the mock of a
 *       {@code TestState} call; a Distributed Map's child executions use their root's;</li>
 *   <li>activities created through the API (the endpoint queues the task for its workers);</li>
 *   <li>one emulated AWS account from the simulator, with AWS's default quotas and error names:
 *       {@code glue:startJobRun(.sync)}, {@code aws-sdk:glue:getJobRun},
 *       {@code aws-sdk:glue:startCrawler} and {@code aws-sdk:glue:getCrawler}. There is no Glue
 *       API to create jobs locally, so every job and crawler exists: one is defined on its first
 *       use with AWS's defaults ({@code MaxConcurrentRuns} 1, a run time of
 *       {@code jobRunTime}, crawls of {@code crawlTime});</li>
 *   <li>{@code arn:aws:states:::states:startExecution}, against the endpoint's own state
 *       machines;</li>
 *   <li>{@code arn:aws:states:::dynamodb:getItem}, {@code putItem}, {@code updateItem} and
 *       {@code deleteItem}, when a DynamoDB endpoint was given ({@link DynamoDbIntegration}).</li>
 * </ol>
 * Any other resource fails the task with {@code States.Runtime} and a cause naming it (a
 * {@code States.Runtime} is never retried or caught). Everything here runs on the runtime loop.
 */
public final class LocalIntegrations implements TaskResolver {
  private final AwsServices aws;
  private final Duration jobRunTime;
  private final Duration crawlTime;
  private final Resources services = new Resources();
  private final Map<String, TaskResolver> overlays = new HashMap<>();
  private Function<String, TaskHandler> activities = arn -> null;
  private Function<String, String> parents = arn -> null;

  /**
   * @param scheduler the endpoint's scheduler (the emulated runs take its time)
   * @param seed the seed of the emulated account's random draws (run ids)
   */
  public LocalIntegrations(Scheduler scheduler, Duration jobRunTime, Duration crawlTime, long seed) {
    this.jobRunTime = requirePositive(jobRunTime, "job run time");
    this.crawlTime = requirePositive(crawlTime, "crawl time");
    this.aws = AwsServices.create(scheduler, AwsQuotas.defaults(), seed);
    GlueJobs jobs = aws.glueJobs();
    GlueCrawlers crawlers = aws.crawlers();
    services.register(GlueJobs.SYNC_RESOURCE, withJob(jobs.syncHandler()));
    services.register(GlueJobs.RESOURCE, withJob(jobs.requestResponseHandler()));
    services.register(GlueJobs.GET_JOB_RUN_RESOURCE, jobs.getJobRunHandler());
    services.register(GlueCrawlers.START_CRAWLER_RESOURCE, withCrawler(crawlers.startCrawlerHandler()));
    services.register(GlueCrawlers.GET_CRAWLER_RESOURCE, withCrawler(crawlers.getCrawlerHandler()));
  }

  /** The emulated account (its Glue jobs, crawlers and meter). */
  public AwsServices aws() {
    return aws;
  }

  /** How activity ARNs are served: the handler of an existing activity, or {@code null}. */
  public void activities(Function<String, TaskHandler> byArn) {
    this.activities = Objects.requireNonNull(byArn);
  }

  /** How {@code states:startExecution} starts executions. */
  public void startExecution(StartExecutionIntegration.Starter starter) {
    services.register(StartExecutionIntegration.RESOURCE, StartExecutionIntegration.handler(starter));
  }

  /** Serves the {@code dynamodb:*} integration through {@code dynamoDb}. */
  public void dynamoDb(DynamoDbIntegration dynamoDb) {
    dynamoDb.register(services);
  }

  /** How to find the execution that started a Distributed Map child ({@code null} for a root). */
  public void parents(Function<String, String> parentOf) {
    this.parents = Objects.requireNonNull(parentOf);
  }

  /** Serves the tasks of {@code executionArn} (and its Map children) by {@code overlay} first. */
  public void overlay(String executionArn, TaskResolver overlay) {
    overlays.put(executionArn, overlay);
  }

  /** Drops the overlay of an execution that finished. */
  public void removeOverlay(String executionArn) {
    overlays.remove(executionArn);
  }

  @Override
  public TaskHandler resolve(String resource, String stateName) {
    return call -> handler(call, resource, stateName).start(call);
  }

  // The handler of one attempt, by the order of the class comment.
  private TaskHandler handler(TaskCall call, String resource, String stateName) {
    TaskResolver overlay = overlayOf(call.executionArn());
    if (overlay != null) {
      TaskHandler mocked = overlay.resolve(resource, stateName);
      if (mocked != null) {
        return mocked;
      }
    }
    if (ResourceArn.of(resource).kind() == ResourceArn.Kind.ACTIVITY) {
      TaskHandler activity = activities.apply(resource);
      return activity != null ? activity : failing("Activity does not exist: '" + resource + "'");
    }
    TaskHandler service = services.resolve(resource, stateName);
    if (service != null) {
      return service;
    }
    return failing("The local endpoint serves no resource '" + resource + "' (state '" + stateName
        + "'): it serves activities, Glue job runs and crawlers, states:startExecution and, with a DynamoDB endpoint, "
        + "dynamodb:getItem/putItem/updateItem/deleteItem; mock other tasks "
        + "with a mock configuration (--mock-config, stateMachineArn#TestCase)");
  }

  // The overlay of an execution or of the nearest ancestor that has one.
  private TaskResolver overlayOf(String executionArn) {
    String arn = executionArn;
    for (int depth = 0; arn != null && depth < 64; depth++) {
      TaskResolver overlay = overlays.get(arn);
      if (overlay != null) {
        return overlay;
      }
      arn = parents.apply(arn);
    }
    return null;
  }

  // Defines the job named in the request, on its first use.
  private TaskHandler withJob(TaskHandler handler) {
    return call -> {
      String name = textField(call.input(), "JobName");
      if (name != null && aws.glueJobs().definition(name) == null) {
        aws.glueJobs().define(GlueJobDefinition.of(name, jobRunTime));
      }
      handler.start(call);
    };
  }

  // Defines the crawler named in the request, on its first use.
  private TaskHandler withCrawler(TaskHandler handler) {
    return call -> {
      String name = textField(call.input(), "Name");
      if (name != null && aws.crawlers().definition(name) == null) {
        aws.crawlers().define(new CrawlerDefinition(name, new DurationDistribution.Fixed(crawlTime),
            CrawlerDefinition.DEFAULT_DPU, null));
      }
      handler.start(call);
    };
  }

  // A non-empty text field of a request, or null.
  private static String textField(JsonNode input, String field) {
    JsonNode value = input == null ? null : input.get(field);
    return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }

  // A handler that fails every attempt with States.Runtime and this cause.
  private static TaskHandler failing(String cause) {
    return call -> call.fail(ErrorNames.RUNTIME, cause);
  }

  // Refuses a run time that is not positive.
  private static Duration requirePositive(Duration duration, String what) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be > 0, was " + duration);
    }
    return duration;
  }
}
