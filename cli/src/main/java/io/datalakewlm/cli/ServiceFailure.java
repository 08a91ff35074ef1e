package io.datalakewlm.cli;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A failed call to AWS (or to a local DynamoDB or Step Functions) said in one line that tells the
 * operator what to do: no credentials, a host that does not resolve, nothing listening at an
 * endpoint, access denied (naming the action and the resource), credentials refused, throttling.
 * Anything else keeps the innermost service message, without the SDK's request details. These
 * are exit code 1 ({@link Wlm#FAILED}): the input was fine, a service failed.
 */
final class ServiceFailure {
  static final String NO_CREDENTIALS = "no AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID and "
      + "AWS_SECRET_ACCESS_KEY (or run on a role), or pass --endpoint-url for a local DynamoDB";
  private static final Pattern NOT_AUTHORIZED =
      Pattern.compile("perform: (\\S+) on resource: (\\S+?)(?: because .*|\\s*$)", Pattern.DOTALL);
  private static final Pattern CONNECT = Pattern.compile("connect to (\\S+) .*failed: (.*)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern REQUEST_DETAILS = Pattern.compile("\\s*\\((Service|Status Code|Request ID):.*$",
      Pattern.DOTALL);
  private static final List<String> THROTTLING = List.of("ThrottlingException", "Throttling",
      "ProvisionedThroughputExceededException", "RequestLimitExceeded", "TooManyRequestsException");
  private static final List<String> REFUSED_CREDENTIALS = List.of("UnrecognizedClientException",
      "InvalidSignatureException", "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch");

  private ServiceFailure() {}

  /** The one line for a failure, from the deepest cause that says what happened. */
  static String describe(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    for (Throwable t : chain) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("Unable to load credentials")) {
        return NO_CREDENTIALS;
      }
      if (message.contains("Unable to load region")) {
        return "no AWS region: set AWS_REGION or pass --region";
      }
    }
    for (Throwable t : chain) {
      if (t instanceof AwsServiceException service) {
        return service(service, failure);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof UnknownHostException) {
        return "cannot resolve " + host(t.getMessage()) + ": no DNS or no network here (check the connection, "
            + "--region, or --endpoint-url)";
      }
      if (t instanceof ConnectException) {
        Matcher refused = CONNECT.matcher(String.valueOf(t.getMessage()));
        return "cannot connect to " + (refused.find() ? refused.group(1) + ": " + lower(refused.group(2))
            : "the endpoint: " + lower(t.getMessage())) + " (is a server running there? is the network up?)";
      }
      if (t instanceof SocketTimeoutException) {
        return "the service did not answer in time (check the network, or the endpoint)";
      }
    }
    return withoutRequestDetails(failure.getMessage());
  }

  // A service's refusal: access denied, refused credentials, throttling, or its own message.
  private static String service(AwsServiceException e, Throwable failure) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
        ? e.awsErrorDetails().errorMessage() : withoutRequestDetails(String.valueOf(e.getMessage()));
    if ("AccessDeniedException".equals(code) || "AccessDenied".equals(code) || e.statusCode() == 403
        && !REFUSED_CREDENTIALS.contains(code)) {
      Matcher denied = NOT_AUTHORIZED.matcher(message);
      if (denied.find()) {
        return "access denied: the credentials may not call " + denied.group(1) + " on " + denied.group(2)
            + " (grant it in the role's or user's IAM policy)";
      }
      return "access denied: " + firstLine(message) + " (grant the action in the role's or user's IAM policy)";
    }
    if (code != null && REFUSED_CREDENTIALS.contains(code)) {
      return "the AWS credentials were refused: check AWS_PROFILE or the keys, or renew the session";
    }
    if (code != null && THROTTLING.contains(code) || e.isThrottlingException()) {
      return "throttled by AWS even after the SDK's retries: try again later, or raise the table's capacity or the "
          + "account's quota";
    }
    if (failure != e && failure.getMessage() != null) {
      return withoutRequestDetails(failure.getMessage()); // the store's words name the table
    }
    return (code == null ? "" : code + ": ") + firstLine(message);
  }

  // The first line, without the SDK's "(Service: DynamoDb, Status Code: 400, Request ID: …)".
  private static String withoutRequestDetails(String message) {
    return REQUEST_DETAILS.matcher(firstLine(message)).replaceAll("");
  }

  // "dynamodb.us-east-1.amazonaws.com" out of "dynamodb.us-east-1.amazonaws.com: Name or service not known".
  private static String host(String message) {
    if (message == null || message.isBlank()) {
      return "the service's host";
    }
    int colon = message.indexOf(':');
    return colon > 0 ? message.substring(0, colon) : message;
  }

  private static String lower(String message) {
    return message == null || message.isBlank() ? "connection refused"
        : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
  }

  private static String firstLine(String message) {
    return message == null ? "failed" : message.lines().findFirst().orElse("failed").strip();
  }
}
