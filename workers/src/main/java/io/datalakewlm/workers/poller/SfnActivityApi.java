package io.datalakewlm.workers.poller;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.ActivityWorkerLimitExceededException;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The activity API over the AWS SDK v2 {@link SfnClient} (AWS JSON 1.0), against AWS or any
 * endpoint that speaks the Step Functions API (the local runtime's).
 *
 * <p>GetActivityTask is a long poll the service holds up to 60 s, and AWS asks workers for a
 * client socket timeout of at least 65 s: {@link #client} builds the Apache HTTP client with a
 * 70 s socket timeout and call timeouts to match. The three reports carry a per-request call
 * timeout of 20 s instead, so a hung connection cannot hold a task's report for a minute.
 *
 * <p>SDK exceptions become {@link ActivityApiException}s: TaskTimedOut, TaskDoesNotExist and
 * InvalidToken mean the task is gone; InvalidOutput that the output was refused; throttling,
 * ActivityWorkerLimitExceeded, 5xx answers and client-side failures (network, timeouts) are
 * retryable; anything else (no such activity, access denied) is refused. The SDK's own retries
 * run first.
 */
public final class SfnActivityApi implements ActivityApi, ActivityDirectory {

  /** The client socket timeout: above the 60 s the service may hold a poll, as AWS recommends (65 s). */
  public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(70);
  private static final AwsRequestOverrideConfiguration REPORT = AwsRequestOverrideConfiguration.builder()
      .apiCallTimeout(Duration.ofSeconds(20)).build();

  private final SfnClient client;
  private final boolean ownsClient;

  /**
   * @param ownsClient whether {@link #close()} closes the client
   */
  public SfnActivityApi(SfnClient client, boolean ownsClient) {
    this.client = Objects.requireNonNull(client);
    this.ownsClient = ownsClient;
  }

  /**
   * A client fit for long polls.
   *
   * @param endpoint null for AWS itself; otherwise every call goes there (the local runtime, a VPC endpoint)
   * @param maxConnections at least the number of pollers plus the tasks that report at once
   */
  public static SfnClient client(URI endpoint, Region region, int maxConnections) {
    var builder = SfnClient.builder()
        .region(Objects.requireNonNull(region))
        .httpClientBuilder(ApacheHttpClient.builder()
            .socketTimeout(SOCKET_TIMEOUT)
            .connectionTimeout(Duration.ofSeconds(10))
            .maxConnections(maxConnections))
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(SOCKET_TIMEOUT)
            .apiCallTimeout(SOCKET_TIMEOUT.plusSeconds(10))
            .build());
    if (endpoint != null) {
      // A local endpoint needs no real credentials; a real one gets them from the default chain first.
      builder.endpointOverride(endpoint).credentialsProvider(AwsCredentialsProviderChain.of(
          DefaultCredentialsProvider.builder().build(),
          StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }

  @Override
  public Optional<ActivityTask> getActivityTask(String activityArn, String workerName) {
    GetActivityTaskResponse response = call("GetActivityTask", () -> client.getActivityTask(b -> b
        .activityArn(activityArn).workerName(workerName)));
    String token = response.taskToken();
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ActivityTask(activityArn, token, response.input()));
  }

  @Override
  public void sendTaskSuccess(String taskToken, String output) {
    call("SendTaskSuccess", () -> client.sendTaskSuccess(b -> b.taskToken(taskToken).output(output)
        .overrideConfiguration(REPORT)));
  }

  @Override
  public void sendTaskFailure(String taskToken, String error, String cause) {
    call("SendTaskFailure", () -> client.sendTaskFailure(b -> b.taskToken(taskToken).error(error).cause(cause)
        .overrideConfiguration(REPORT)));
  }

  @Override
  public void sendTaskHeartbeat(String taskToken) {
    call("SendTaskHeartbeat", () -> client.sendTaskHeartbeat(b -> b.taskToken(taskToken)
        .overrideConfiguration(REPORT)));
  }

  /** Looks the activity up with ListActivities (all pages). */
  @Override
  public Optional<String> activityArn(String name) {
    return call("ListActivities", () -> client.listActivitiesPaginator(b -> b.maxResults(1000)).activities().stream()
        .filter(a -> a.name().equals(name)).map(ActivityListItem::activityArn).findFirst());
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  /** What an SDK exception means for the poller. */
  static ActivityApiException translate(String operation, SdkException e) {
    if (e instanceof TaskTimedOutException || e instanceof TaskDoesNotExistException
        || e instanceof InvalidTokenException) {
      return new ActivityApiException(ActivityApiException.Kind.TASK_GONE, code(e), operation + ": " + message(e), e);
    }
    if (e instanceof InvalidOutputException) {
      return new ActivityApiException(ActivityApiException.Kind.INVALID_OUTPUT, code(e), operation + ": " + message(e), e);
    }
    if (e instanceof ActivityWorkerLimitExceededException || e instanceof SdkClientException) {
      return new ActivityApiException(ActivityApiException.Kind.RETRYABLE, code(e), operation + ": " + message(e), e);
    }
    if (e instanceof AwsServiceException service
        && (service.isThrottlingException() || service.statusCode() >= 500 || service.statusCode() == 429)) {
      return new ActivityApiException(ActivityApiException.Kind.RETRYABLE, code(e), operation + ": " + message(e), e);
    }
    if (e instanceof AwsServiceException) {
      return new ActivityApiException(ActivityApiException.Kind.REFUSED, code(e), operation + ": " + message(e), e);
    }
    return new ActivityApiException(ActivityApiException.Kind.RETRYABLE, code(e), operation + ": " + message(e), e);
  }

  // Runs one SDK call, translating its failure.
  private static <T> T call(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw translate(operation, e);
    }
  }

  // The service's error code, or the client-side exception's name.
  private static String code(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorCode() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }

  // The service's message without the SDK's request id suffix.
  private static String message(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorMessage() != null) {
      return service.awsErrorDetails().errorMessage();
    }
    return String.valueOf(e.getMessage());
  }
}
