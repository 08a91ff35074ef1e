package io.datalakewlm.workers.poller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datalakewlm.workers.poller.ActivityApiException.Kind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityWorkerLimitExceededException;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * How the SDK's exceptions map to what the poller does. The calls themselves, over HTTP, are
 * tested against the local Step Functions endpoint, not here.
 */
class SfnActivityApiTest {

  private static AwsErrorDetails details(String code) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage("message of " + code).build();
  }

  private static ActivityApiException translate(Exception e) {
    return SfnActivityApi.translate("SendTaskSuccess", (software.amazon.awssdk.core.exception.SdkException) e);
  }

  @Test
  void aTaskTheServiceNoLongerHasIsGone() {
    ActivityApiException timedOut = translate(TaskTimedOutException.builder().awsErrorDetails(details("TaskTimedOut"))
        .statusCode(400).build());
    assertEquals(Kind.TASK_GONE, timedOut.kind());
    assertEquals("TaskTimedOut", timedOut.code());
    assertEquals("TaskTimedOut: SendTaskSuccess: message of TaskTimedOut", timedOut.getMessage());
    assertEquals(Kind.TASK_GONE, translate(TaskDoesNotExistException.builder()
        .awsErrorDetails(details("TaskDoesNotExist")).statusCode(400).build()).kind());
    assertEquals(Kind.TASK_GONE, translate(InvalidTokenException.builder()
        .awsErrorDetails(details("InvalidToken")).statusCode(400).build()).kind());
  }

  @Test
  void refusedOutputIsInvalidOutput() {
    assertEquals(Kind.INVALID_OUTPUT, translate(InvalidOutputException.builder()
        .awsErrorDetails(details("InvalidOutput")).statusCode(400).build()).kind());
  }

  @Test
  void throttlingServerErrorsAndNetworkFailuresAreRetryable() {
    assertEquals(Kind.RETRYABLE, translate(SfnException.builder().awsErrorDetails(details("ThrottlingException"))
        .statusCode(400).build()).kind());
    assertEquals(Kind.RETRYABLE, translate(SfnException.builder().awsErrorDetails(details("InternalFailure"))
        .statusCode(500).build()).kind());
    assertEquals(Kind.RETRYABLE, translate(ActivityWorkerLimitExceededException.builder()
        .awsErrorDetails(details("ActivityWorkerLimitExceeded")).statusCode(400).build()).kind());
    ActivityApiException network = translate(SdkClientException.create("Unable to execute HTTP request"));
    assertEquals(Kind.RETRYABLE, network.kind());
    assertEquals("SdkClientException", network.code());
    assertEquals(Kind.RETRYABLE, translate(ApiCallAttemptTimeoutException.create(70_000)).kind());
  }

  @Test
  void otherServiceErrorsAreRefused() {
    assertEquals(Kind.REFUSED, translate(ActivityDoesNotExistException.builder()
        .awsErrorDetails(details("ActivityDoesNotExist")).statusCode(400).build()).kind());
    ActivityApiException denied = translate(AwsServiceException.builder().awsErrorDetails(details("AccessDeniedException"))
        .statusCode(400).build());
    assertEquals(Kind.REFUSED, denied.kind());
    assertEquals("AccessDeniedException", denied.code());
  }
}
