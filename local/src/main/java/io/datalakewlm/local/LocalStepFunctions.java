package io.datalakewlm.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.mock.MockConfig;
import io.datalakewlm.asl.storage.Buckets;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.local.integration.DynamoDbIntegration;
import io.datalakewlm.local.integration.LocalIntegrations;
import io.datalakewlm.local.protocol.AwsJsonServer;
import io.datalakewlm.local.protocol.ErrorCode;
import io.datalakewlm.local.protocol.Operation;
import io.datalakewlm.local.protocol.Request;
import io.datalakewlm.local.service.RuntimeLoop;
import io.datalakewlm.local.service.StepFunctionsService;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A Step Functions endpoint on loopback, served by the local runtime: the AWS CLI and the SDKs
 * talk to it with {@code --endpoint-url} / {@code endpointOverride}, any credentials and any
 * region name (ARNs carry the configured region and account).
 *
 * <p>Time runs at wall speed times {@code timeScale}: at 1000 a 3,600 s Wait lasts 3.6 s, and so
 * do task timeouts, heartbeat timeouts and retry intervals; timestamps in answers are on that
 * clock, so they run ahead of the wall clock. Activity workers (the real {@code wlm workers}, or
 * any SDK client) poll it like AWS; Glue jobs and crawlers are emulated; other Task resources can
 * be mocked with a Step Functions Local mock configuration; the DynamoDB integration is served by
 * the DynamoDB endpoint of the options (the workers' dynalite). Nothing is persisted: stopping the
 * endpoint forgets every state machine and execution.
 *
 * <p>Built by {@link #start(Options)}; {@link #close()} stops the server, the waiting polls and
 * the runtime.
 */
public final class LocalStepFunctions implements AutoCloseable {
  /** The account of every ARN, as Step Functions Local uses it. */
  public static final String DEFAULT_ACCOUNT = "123456789012";

  /**
   * How to run the endpoint.
   *
   * @param port the loopback port, 0 for a free one
   * @param timeScale how much faster than the wall clock the runtime's clock runs (> 0)
   * @param region the region in ARNs
   * @param jobRunTime how long an emulated Glue job run lasts (runtime time)
   * @param crawlTime how long an emulated crawl lasts (runtime time)
   * @param mocks a Step Functions Local mock configuration, or {@code null}
   * @param pollTimeout how long GetActivityTask waits for a task, in wall time (AWS: 60 s)
   * @param seed the seed of retry jitter, emulated run ids and other draws
   * @param dynamoDbEndpoint the DynamoDB API that serves the {@code dynamodb:*} integration (the
   *     workers' dynalite), or {@code null} to serve none
   */
  public record Options(int port, double timeScale, String region, Duration jobRunTime, Duration crawlTime,
      MockConfig mocks, Duration pollTimeout, long seed, URI dynamoDbEndpoint) {
    public Options {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
        throw new IllegalArgumentException("time scale must be a positive number, was " + timeScale);
      }
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(jobRunTime, "jobRunTime");
      Objects.requireNonNull(crawlTime, "crawlTime");
      Objects.requireNonNull(pollTimeout, "pollTimeout");
      if (pollTimeout.isNegative() || pollTimeout.isZero()) {
        throw new IllegalArgumentException("poll timeout must be > 0, was " + pollTimeout);
      }
    }

    /** A free port, wall speed, us-east-1, 60 s job runs and crawls, no mocks, 60 s polls. */
    public static Options defaults() {
      return new Options(0, 1, "us-east-1", Duration.ofSeconds(60), Duration.ofSeconds(60), null,
          Duration.ofSeconds(60), 1, null);
    }

    /** Serves the {@code dynamodb:*} integration from this DynamoDB API (null: not served). */
    public Options withDynamoDb(URI endpoint) {
      return new Options(port, timeScale, region, jobRunTime, crawlTime, mocks, pollTimeout, seed, endpoint);
    }

    public Options withPort(int newPort) {
      return new Options(newPort, timeScale, region, jobRunTime, crawlTime, mocks, pollTimeout, seed, dynamoDbEndpoint);
    }

    public Options withTimeScale(double scale) {
      return new Options(port, scale, region, jobRunTime, crawlTime, mocks, pollTimeout, seed, dynamoDbEndpoint);
    }

    public Options withRegion(String newRegion) {
      return new Options(port, timeScale, newRegion, jobRunTime, crawlTime, mocks, pollTimeout, seed, dynamoDbEndpoint);
    }

    public Options withGlueTimes(Duration jobRun, Duration crawl) {
      return new Options(port, timeScale, region, jobRun, crawl, mocks, pollTimeout, seed, dynamoDbEndpoint);
    }

    public Options withMocks(MockConfig config) {
      return new Options(port, timeScale, region, jobRunTime, crawlTime, config, pollTimeout, seed, dynamoDbEndpoint);
    }

    public Options withPollTimeout(Duration timeout) {
      return new Options(port, timeScale, region, jobRunTime, crawlTime, mocks, timeout, seed, dynamoDbEndpoint);
    }
  }

  private final Options options;
  private final StatesRuntime runtime;
  private final RuntimeLoop loop;
  private final StepFunctionsService service;
  private final AwsJsonServer server;

  private LocalStepFunctions(Options options, Buckets buckets) throws IOException {
    this.options = options;
    ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    Scheduler scheduler = Scheduler.wall(options.timeScale());
    LocalIntegrations integrations = new LocalIntegrations(scheduler, options.jobRunTime(), options.crawlTime(),
        options.seed());
    if (options.dynamoDbEndpoint() != null) {
      integrations.dynamoDb(new DynamoDbIntegration(options.dynamoDbEndpoint(), options.region()));
    }
    this.runtime = StatesRuntime.builder().scheduler(scheduler).resolver(integrations).seed(options.seed())
        .region(options.region()).account(DEFAULT_ACCOUNT).buckets(buckets).build();
    this.loop = new RuntimeLoop(scheduler);
    this.service = new StepFunctionsService(json, runtime, loop, integrations, options.mocks(), options.pollTimeout());
    loop.start();
    try {
      this.server = new AwsJsonServer(options.port(), "AWSStepFunctions", service.operations(), json);
    } catch (IOException | RuntimeException e) {
      service.close();
      loop.close();
      throw e;
    }
  }

  /** Starts the runtime and binds the server; the endpoint serves at once. */
  public static LocalStepFunctions start(Options options) throws IOException {
    return new LocalStepFunctions(options, null);
  }

  /**
   * Starts the endpoint with an S3 for the executions it runs: their Distributed Maps' ItemReaders
   * read from {@code buckets} and their ResultWriters write into it.
   */
  public static LocalStepFunctions start(Options options, Buckets buckets) throws IOException {
    return new LocalStepFunctions(options, buckets);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return server.endpoint();
  }

  public Options options() {
    return options;
  }

  /** The runtime's scheduler (its clock is the endpoint's clock). */
  public Scheduler scheduler() {
    return runtime.scheduler();
  }

  /**
   * Runs an action in-process, exactly as the HTTP API would (same checks, same answers): for
   * tools that set the endpoint up, like {@code wlm local --deploy}.
   *
   * @throws io.datalakewlm.local.protocol.ApiException the action's error
   */
  public JsonNode call(String action, ObjectNode request) {
    Operation operation = service.operations().get(action);
    if (operation == null) {
      throw ErrorCode.UNKNOWN_OPERATION.exception("Unknown operation " + action);
    }
    return operation.handle(new Request(action, request.deepCopy()));
  }

  /** Stops serving: waiting polls are answered with no task, then the runtime stops. */
  @Override
  public void close() {
    service.close();
    server.close();
    loop.close();
  }
}
