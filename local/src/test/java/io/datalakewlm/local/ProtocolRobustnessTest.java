package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests no SDK would send: malformed bodies, unknown actions, missing signatures, members of
 * the wrong type, oversized and deeply nested bodies, and a seeded stream of random requests to
 * every action. Each gets AWS's error code and a 4xx status, never an InternalFailure, and the
 * server goes on answering the SDK. (These raw requests are the only ones not made with the SDK:
 * it cannot produce malformed input.)
 */
class ProtocolRobustnessTest {
  private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/states/"
      + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0a".repeat(32);
  private static final List<String> ACTIONS = List.of("CreateStateMachine", "UpdateStateMachine",
      "DescribeStateMachine", "ListStateMachines", "DeleteStateMachine", "StartExecution", "StartSyncExecution",
      "DescribeExecution", "ListExecutions", "GetExecutionHistory", "StopExecution", "CreateActivity",
      "DescribeActivity", "ListActivities", "DeleteActivity", "GetActivityTask", "SendTaskSuccess", "SendTaskFailure",
      "SendTaskHeartbeat", "ValidateStateMachineDefinition", "TestState");
  private static final List<String> MEMBERS = List.of("name", "definition", "roleArn", "type", "stateMachineArn",
      "executionArn", "activityArn", "input", "output", "taskToken", "maxResults", "nextToken", "reverseOrder",
      "statusFilter", "error", "cause", "workerName", "inspectionLevel", "mock", "loggingConfiguration");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalEndpoint local;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    local = LocalEndpoint.start(1000);
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  private record Answer(int status, JsonNode body) {
    String type() {
      return body.path("__type").asText();
    }
  }

  private static Answer send(String method, String target, String contentType, String authorization, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local.server.endpoint() + "/"))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
        .header("X-Amz-Date", "20250101T000000Z");
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  private static Answer post(String action, String body) throws IOException, InterruptedException {
    return send("POST", "AWSStepFunctions." + action, "application/x-amz-json-1.0", AUTHORIZATION,
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertServerStillAnswers() {
    assertTrue(local.sfn.listStateMachines().stateMachines() != null);
  }

  @Test
  void malformedBodiesAreSerializationErrors() throws Exception {
    for (String body : List.of("{", "{\"name\": }", "[1,2]", "\"text\"", "{\"a\":1}}", "nul")) {
      Answer answer = post("ListStateMachines", body);
      assertEquals(400, answer.status(), body);
      assertEquals("com.amazon.coral.service#SerializationException", answer.type(), body);
    }
    Answer nested = post("CreateActivity", "[".repeat(5000) + "]".repeat(5000));
    assertEquals(400, nested.status());
    assertEquals("com.amazon.coral.service#SerializationException", nested.type());
    byte[] binary = new byte[512];
    new SplittableRandom(7).nextBytes(binary);
    Answer garbage = send("POST", "AWSStepFunctions.CreateActivity", "application/x-amz-json-1.0", AUTHORIZATION, binary);
    assertEquals(400, garbage.status());
    assertServerStillAnswers();
  }

  @Test
  void membersOfTheWrongTypeAreSerializationErrors() throws Exception {
    Answer answer = post("CreateActivity", "{\"name\": 5}");
    assertEquals(400, answer.status());
    assertEquals("com.amazon.coral.service#SerializationException", answer.type());
    assertTrue(answer.body().path("message").asText().contains("'name'"));
    assertEquals(400, post("ListStateMachines", "{\"maxResults\": \"ten\"}").status());
    assertEquals(400, post("GetExecutionHistory", "{\"executionArn\": \"x\", \"reverseOrder\": \"yes\"}").status());
    assertEquals(400, post("StartExecution", "{\"stateMachineArn\": {\"nested\": true}}").status());
    Answer tracing = post("CreateStateMachine", "{\"name\": \"traced\", \"roleArn\": \"arn:aws:iam::1:role/r\", "
        + "\"definition\": \"{\\\"StartAt\\\":\\\"S\\\",\\\"States\\\":{\\\"S\\\":{\\\"Type\\\":\\\"Succeed\\\"}}}\", "
        + "\"tracingConfiguration\": {\"enabled\": \"yes\"}}");
    assertEquals("com.amazonaws.swf.service.v2.model#InvalidTracingConfiguration", tracing.type(), tracing.body().toString());
  }

  @Test
  void theProtocolsHeadersAreRequired() throws Exception {
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    Answer unknown = send("POST", "AWSStepFunctions.LaunchRocket", "application/x-amz-json-1.0", AUTHORIZATION, empty);
    assertEquals(400, unknown.status());
    assertEquals("com.amazon.coral.service#UnknownOperationException", unknown.type());
    assertEquals("com.amazon.coral.service#UnknownOperationException",
        send("POST", null, "application/x-amz-json-1.0", AUTHORIZATION, empty).type());
    assertEquals("com.amazon.coral.service#UnknownOperationException",
        send("POST", "DynamoDB_20120810.ListTables", "application/x-amz-json-1.0", AUTHORIZATION, empty).type());
    Answer unsigned = send("POST", "AWSStepFunctions.ListStateMachines", "application/x-amz-json-1.0", null, empty);
    assertEquals(403, unsigned.status());
    assertEquals("MissingAuthenticationTokenException", unsigned.type());
    Answer badSignature = send("POST", "AWSStepFunctions.ListStateMachines", "application/x-amz-json-1.0",
        "Basic dXNlcjpwYXNz", empty);
    assertEquals(400, badSignature.status());
    assertEquals("IncompleteSignatureException", badSignature.type());
    assertEquals("com.amazon.coral.service#SerializationException",
        send("POST", "AWSStepFunctions.ListStateMachines", "text/plain", AUTHORIZATION, empty).type());
    assertEquals("com.amazon.coral.service#UnknownOperationException",
        send("GET", "AWSStepFunctions.ListStateMachines", null, AUTHORIZATION, null).type());
    Answer listed = send("POST", "AWSStepFunctions.ListStateMachines", "application/x-amz-json-1.0", AUTHORIZATION,
        new byte[0]);
    assertEquals(200, listed.status());
    assertTrue(listed.body().path("stateMachines").isArray());
    assertServerStillAnswers();
  }

  @Test
  void anOversizedBodyIsRefusedWithoutReadingItAll() throws Exception {
    String huge = "{\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
    Answer answer = post("CreateActivity", huge);
    assertEquals(413, answer.status());
    assertEquals("RequestEntityTooLargeException", answer.type());
    assertServerStillAnswers();
  }

  @Test
  void randomRequestsToEveryActionAreAnsweredWithClientErrors() throws Exception {
    SplittableRandom random = new SplittableRandom(20250101);
    int answered = 0;
    for (int i = 0; i < 600; i++) {
      String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
      ObjectNode body = JSON.createObjectNode();
      int members = random.nextInt(5);
      for (int m = 0; m < members; m++) {
        String member = MEMBERS.get(random.nextInt(MEMBERS.size()));
        switch (random.nextInt(7)) {
          case 0 -> body.put(member, random.nextInt(-5, 2000));
          case 1 -> body.put(member, random.nextBoolean());
          case 2 -> body.putNull(member);
          case 3 -> body.putArray(member).add("x");
          case 4 -> body.putObject(member).put("result", "{");
          case 5 -> body.put(member, "arn:aws:states:us-east-1:123456789012:" + List.of("stateMachine", "activity",
              "execution").get(random.nextInt(3)) + ":" + "n".repeat(random.nextInt(1, 90)));
          default -> body.put(member, "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\"" + "}".repeat(random.nextInt(3)));
        }
      }
      Answer answer = post(action, body.toString());
      assertNotEquals(500, answer.status(), action + " " + body + " -> " + answer.body());
      assertTrue(answer.status() == 200 || answer.status() == 400, action + " " + body + " -> " + answer.body());
      if (answer.status() == 400) {
        assertTrue(answer.body().path("message").isTextual(), answer.body().toString());
      }
      answered++;
    }
    assertEquals(600, answered);
    assertServerStillAnswers();
  }
}
