package io.datalakewlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** {@code wlm local} as a user runs it: a process that prints its endpoints, serves, and stops on SIGTERM. */
class LocalCommandTest {
  private static final Pattern SFN = Pattern.compile("Step Functions endpoint (http://127\\.0\\.0\\.1:\\d+)");
  private static final Pattern DYNAMODB = Pattern.compile("DynamoDB endpoint (http://127\\.0\\.0\\.1:\\d+)");

  @TempDir Path dir;

  @Test
  void servesTheDeployedStackWithItsDynamoDbAndStopsOnSigterm() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Wlm.class.getName(), "local", "--port", "0",
        "--time-scale", "1000", "--env", "cli", "--deploy"));
    // every template parameter, whatever defaults the template has today
    for (Map.Entry<String, String> parameter : LocalEndToEndTest.PARAMETERS.entrySet()) {
      command.add("--parameter");
      command.add(parameter.getKey() + "=" + parameter.getValue());
    }
    Path errors = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    try {
      List<String> lines = new ArrayList<>();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.contains("serving until")) {
          break;
        }
      }
      String printed = String.join("\n", lines);
      assertTrue(printed.contains("serving until SIGTERM"), printed + "\n" + Files.readString(errors));
      assertTrue(printed.contains("deployed 13 activities and 7 state machines of environment cli"), printed);
      URI sfnEndpoint = URI.create(find(SFN, printed));
      URI dynamoDbEndpoint = URI.create(find(DYNAMODB, printed));
      assertTrue(printed.contains("./wlm workers --env cli --region us-east-1 --sfn-endpoint " + sfnEndpoint
          + " --dynamodb-endpoint " + dynamoDbEndpoint), printed);
      try (SfnClient sfn = SfnClient.builder().endpointOverride(sfnEndpoint).region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
          .httpClientBuilder(ApacheHttpClient.builder())
          // StartSyncExecution of the intake: no sync- host prefix on a local endpoint
          .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
          .build();
          DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(dynamoDbEndpoint).region(Region.US_EAST_1)
              .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
              .httpClientBuilder(ApacheHttpClient.builder()).build()) {
        assertEquals(List.of("wlm-crawl-cli", "wlm-daily-start-cli", "wlm-dependency-stage-cli", "wlm-dispatcher-cli",
            "wlm-intake-cli", "wlm-reaper-cli", "wlm-worker-cli"),
            sfn.listStateMachines().stateMachines().stream().map(StateMachineListItem::name).sorted().toList());
        List<String> activities = sfn.listActivities().activities().stream().map(ActivityListItem::name).toList();
        assertEquals(13, activities.size());
        assertTrue(activities.contains("wlm-SelectBatch-cli"), activities.toString());
        assertTrue(dynamoDb.listTables().tableNames().containsAll(List.of("wlm-queue-cli", "wlm-semaphores-cli",
            "octagon-wlm-cli")), dynamoDb.listTables().tableNames().toString());
        // the intake machine is deployed EXPRESS and writes the queue of the DynamoDB it printed
        String intake = sfn.listStateMachines().stateMachines().stream().filter(m -> m.name().equals("wlm-intake-cli"))
            .findFirst().orElseThrow().stateMachineArn();
        assertEquals(StateMachineType.EXPRESS, sfn.describeStateMachine(b -> b.stateMachineArn(intake)).type());
        dynamoDb.putItem(b -> b.tableName("octagon-Dataset-cli").item(Map.of("name", AttributeValue.fromS("sales-orders"))));
        StartSyncExecutionResponse queued = sfn.startSyncExecution(b -> b.stateMachineArn(intake).input(
            "{\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"detail\":{\"bucket\":{\"name\":\"lake\"},"
                + "\"object\":{\"key\":\"raw/sales/orders/invoices/a.csv\",\"size\":5,\"etag\":\"e1\",\"sequencer\":\"01\"}}}"));
        assertEquals(SyncExecutionStatus.SUCCEEDED, queued.status(), queued.cause());
        assertEquals("QUEUED", dynamoDb.getItem(b -> b.tableName("wlm-queue-cli").key(Map.of("objectKey",
            AttributeValue.fromS("s3://lake/raw/sales/orders/invoices/a.csv")))).item().get("status").s());
      }
      process.destroy();
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "wlm local did not stop on SIGTERM");
      assertTrue(Files.readString(errors).contains("wlm local: stopped"), Files.readString(errors));
    } finally {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void badOptionsAreRefusedBeforeAnythingStarts() {
    assertEquals(Wlm.INVALID_INPUT, run("local", "--env", "Not-Valid"));
    assertEquals(Wlm.INVALID_INPUT, run("local", "--parameter", "MaxConcurrency=4"));
    assertEquals(Wlm.INVALID_INPUT, run("local", "--time-scale", "0"));
    assertEquals(Wlm.INVALID_INPUT, run("local", "--dynamodb-endpoint", "http://127.0.0.1:1", "--no-dynalite"));
    assertEquals(Wlm.INVALID_INPUT, run("local", "--mock-config", dir.resolve("missing.json").toString()));
  }

  private static int run(String... args) {
    StringWriter err = new StringWriter();
    int code = Wlm.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    assertTrue(err.toString().startsWith("wlm local: ") || err.toString().startsWith("wlm: "), err.toString());
    return code;
  }

  private static String find(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertTrue(matcher.find(), pattern + " in " + text);
    return matcher.group(1);
  }
}
