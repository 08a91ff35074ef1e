package io.datalakewlm.local.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.task.TaskCall;
import io.datalakewlm.asl.task.TaskHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Step Functions' optimized DynamoDB integration ({@code arn:aws:states:::dynamodb:getItem},
 * {@code putItem}, {@code updateItem}, {@code deleteItem}) served by a DynamoDB API endpoint: the
 * dynalite {@code wlm local} starts for the workers, so a definition's direct writes land in the
 * very tables the workers read. As on AWS, the task's arguments are the DynamoDB request
 * ({@code TableName}, {@code Key}, {@code Item}, {@code ConditionExpression}, …) and its result is
 * the DynamoDB response ({@code Item} of a GetItem, {@code Attributes} when asked for); an error of
 * DynamoDB fails the task as {@code DynamoDB.<ErrorName>} (for example
 * {@code DynamoDB.ConditionalCheckFailedException}) with DynamoDB's message as the cause.
 *
 * <p>Caveats: the result carries no {@code SdkHttpMetadata}/{@code SdkResponseMetadata}
 * (definitions should not read them); an endpoint that cannot be reached fails the task with
 * {@code States.TaskFailed}. Calls are sent asynchronously, so a slow DynamoDB never holds the
 * runtime's loop.
 */
public final class DynamoDbIntegration {
  /** The optimized integration's actions and the DynamoDB operations they call. */
  static final Map<String, String> ACTIONS = Map.of(
      "arn:aws:states:::dynamodb:getItem", "GetItem",
      "arn:aws:states:::dynamodb:putItem", "PutItem",
      "arn:aws:states:::dynamodb:updateItem", "UpdateItem",
      "arn:aws:states:::dynamodb:deleteItem", "DeleteItem");
  private static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String region;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param endpoint a DynamoDB API (dynalite, DynamoDB Local, LocalStack); its tables are the
   *     physical names the definitions give ({@code wlm-queue-dev} …)
   */
  public DynamoDbIntegration(URI endpoint, String region) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.region = Objects.requireNonNull(region, "region");
  }

  /** Registers the four actions. */
  public void register(Resources resources) {
    ACTIONS.forEach((resource, operation) -> resources.register(resource, call -> send(call, operation)));
  }

  // Sends one request and answers the task when DynamoDB answers.
  private void send(TaskCall call, String operation) {
    String body = call.input() == null ? "{}" : call.input().toString();
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", TARGET_PREFIX + operation)
        .header("X-Amz-Date", "20240101T000000Z")
        // dynalite checks that a request is signed, not the signature: the local account signs nothing
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20240101/" + region
            + "/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).whenComplete((response, error) -> {
      if (error != null) {
        call.fail(ErrorNames.TASK_FAILED, "DynamoDB at " + endpoint + " did not answer " + operation + ": "
            + error.getMessage());
        return;
      }
      answer(call, operation, response);
    });
  }

  // Turns DynamoDB's answer into the task's result or its error.
  private void answer(TaskCall call, String operation, HttpResponse<String> response) {
    JsonNode body;
    try {
      body = response.body().isBlank() ? JsonNodeFactory.instance.objectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      call.fail(ErrorNames.TASK_FAILED, "DynamoDB answered " + operation + " with no JSON (HTTP "
          + response.statusCode() + ")");
      return;
    }
    if (response.statusCode() / 100 == 2) {
      call.succeed(body);
      return;
    }
    String type = body.path("__type").asText("InternalServerError");
    String name = type.substring(type.lastIndexOf('#') + 1);
    String message = body.has("message") ? body.path("message").asText() : body.path("Message").asText(name);
    call.fail("DynamoDB." + name, message);
  }
}
