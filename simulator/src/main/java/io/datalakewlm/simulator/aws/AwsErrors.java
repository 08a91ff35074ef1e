package io.datalakewlm.simulator.aws;

import io.datalakewlm.asl.StatesError;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Builds errors the way Step Functions reports a refused service call: the error name is the
 * service prefix and the AWS error code ({@code Glue.ThrottlingException},
 * {@code StepFunctions.ThrottlingException}), the cause the service's message followed by the
 * SDK's details (service, status code, error code, request id). Retriers and catchers written
 * for AWS match these names unchanged.
 *
 * <p>Request ids are drawn from their own seeded stream so messages are reproducible.
 */
final class AwsErrors {
  private final SplittableRandom random;

  AwsErrors(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The error a Task state sees when {@code service} refuses a call with {@code code}. */
  StatesError error(String prefix, String service, String code, String message) {
    return new StatesError(prefix + "." + code, cause(service, code, message));
  }

  /** A cause text in the SDK's format. */
  String cause(String service, String code, String message) {
    return message + " (Service: " + service + "; Status Code: 400; Error Code: " + code
        + "; Request ID: " + requestId() + "; Proxy: null)";
  }

  String requestId() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
