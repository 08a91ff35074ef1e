package io.datalakewlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datalakewlm.workers.store.StoreException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The one line an operator reads for each way a call to AWS fails. */
class ServiceFailureTest {

  private static DynamoDbException refusal(String code, int status, String message) {
    return (DynamoDbException) DynamoDbException.builder().statusCode(status).message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }

  @Test
  void throttlingAfterTheRetriesSaysToWaitOrRaiseCapacity() {
    StoreException e = new StoreException("wlm-lanes-dev: Rate exceeded", refusal("ThrottlingException", 400,
        "Rate of requests exceeds the allowed throughput."));
    assertEquals("throttled by AWS even after the SDK's retries: try again later, or raise the table's capacity or "
        + "the account's quota", ServiceFailure.describe(e));
  }

  @Test
  void refusedCredentialsSayToCheckTheProfileWithoutTheErrorsName() {
    assertEquals("the AWS credentials were refused: check AWS_PROFILE or the keys, or renew the session",
        ServiceFailure.describe(refusal("UnrecognizedClientException", 400, "The security token is invalid.")));
  }

  @Test
  void anUnknownHostNamesTheHostTheSdkOnlyPutInTheCause() {
    SdkClientException e = SdkClientException.builder().message("Received an UnknownHostException when attempting to "
        + "interact with a service. See cause for the exact endpoint that is failing to resolve.")
        .cause(new UnknownHostException("dynamodb.eu-west-9.amazonaws.com: Name or service not known")).build();
    assertEquals("cannot resolve dynamodb.eu-west-9.amazonaws.com: no DNS or no network here (check the connection, "
        + "--region, or --endpoint-url)", ServiceFailure.describe(new StoreException("wlm-lanes-dev: x", e)));
  }

  @Test
  void anotherRefusalKeepsTheStoresWordsWithoutTheRequestDetails() {
    StoreException e = new StoreException("wlm-lanes-dev: Item size has exceeded the maximum allowed size "
        + "(Service: DynamoDb, Status Code: 400, Request ID: ABC)", refusal("ValidationError", 400, "Item size"));
    assertEquals("wlm-lanes-dev: Item size has exceeded the maximum allowed size", ServiceFailure.describe(e));
  }
}
