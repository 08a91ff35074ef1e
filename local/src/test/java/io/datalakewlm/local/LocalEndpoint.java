package io.datalakewlm.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A running endpoint and an SDK client for it: the only way the tests talk to the server, as a
 * user's code would (dummy static credentials, region us-east-1, SDK retries off so that an error
 * answer is seen as it is).
 */
final class LocalEndpoint implements AutoCloseable {
  final LocalStepFunctions server;
  final SfnClient sfn;

  private LocalEndpoint(LocalStepFunctions server) {
    this.server = server;
    this.sfn = SfnClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(70)).maxConnections(64))
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(RetryMode.STANDARD)
            .retryPolicy(p -> p.numRetries(0))
            // StartSyncExecution's endpoint is AWS's sync-states host: the SDK would call sync-127.0.0.1.
            .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)
            .build())
        .build();
  }

  static LocalEndpoint start(LocalStepFunctions.Options options) {
    return start(options, null);
  }

  /** The endpoint with an S3 ({@code null}: none) for its executions' ItemReaders and ResultWriters. */
  static LocalEndpoint start(LocalStepFunctions.Options options, io.datalakewlm.asl.storage.Buckets buckets) {
    try {
      return new LocalEndpoint(LocalStepFunctions.start(options, buckets));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The endpoint at {@code timeScale}, with 1 s activity polls so that empty polls end quickly. */
  static LocalEndpoint start(double timeScale) {
    return start(LocalStepFunctions.Options.defaults().withTimeScale(timeScale).withPollTimeout(Duration.ofSeconds(1)));
  }

  /** Polls DescribeExecution until the execution is no longer RUNNING, or fails after {@code deadline}. */
  DescribeExecutionResponse awaitEnd(String executionArn, Duration deadline) {
    return awaitExecution(executionArn, d -> d.status() != ExecutionStatus.RUNNING, deadline);
  }

  DescribeExecutionResponse awaitExecution(String executionArn,
      java.util.function.Predicate<DescribeExecutionResponse> done, Duration deadline) {
    return await(() -> sfn.describeExecution(b -> b.executionArn(executionArn)), done, deadline,
        "execution " + executionArn);
  }

  /** Calls {@code probe} until {@code done} holds; fails after {@code deadline} with the last value. */
  static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done, Duration deadline, String what) {
    long end = System.nanoTime() + deadline.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what + " did not reach the expected state within " + deadline + "; last seen: " + last);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      last = probe.get();
    }
    return last;
  }

  @Override
  public void close() {
    sfn.close();
    server.close();
  }
}
