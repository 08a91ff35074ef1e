package io.datalakewlm.workers.store.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds DynamoDB clients on the Apache HTTP client: against AWS with the default credential
 * chain, or against a local endpoint (dynalite, LocalStack) with dummy credentials.
 */
public final class DynamoDbClients {

  private DynamoDbClients() {
  }

  /**
   * @param endpoint null for AWS itself
   * @param interceptors e.g. a {@link RequestCounter}
   */
  public static DynamoDbClient create(URI endpoint, String region, List<ExecutionInterceptor> interceptors) {
    ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(Duration.ofSeconds(10));
    interceptors.forEach(override::addExecutionInterceptor);
    var builder = DynamoDbClient.builder()
        .region(Region.of(region))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
        .overrideConfiguration(override.build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }
}
