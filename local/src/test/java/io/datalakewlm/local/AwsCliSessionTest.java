package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A session of the AWS CLI ({@code aws stepfunctions …}) against the endpoint, as a data engineer
 * would drive it: each answer is parsed as JSON and its shape checked. Skipped where {@code aws}
 * is not on the PATH ({@code .ci/run} installs Debian's {@code awscli}). The CLI gets dummy
 * credentials, a region, no pager and no configuration files through its environment.
 *
 * <p>A CLI prints only the members its own service model knows: Debian's awscli 2.9 (January
 * 2023) predates redrive and {@code revisionId}, has no {@code redrive-execution} and drops those
 * members from the answers. With such a CLI those checks are skipped with a note; RedriveApiTest
 * covers redrive through the SDK.
 */
class AwsCliSessionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSES = "{\"StartAt\":\"A\",\"States\":{"
      + "\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"B\":{\"Type\":\"Pass\",\"Next\":\"C\"},\"C\":{\"Type\":\"Pass\",\"End\":true}}}";
  private static final String FAILS = "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"Broken\"}}}";

  private static LocalEndpoint local;
  /** Whether the CLI's model knows redrive (and revisionId, which came before it). */
  private static boolean knowsRedrive;

  @BeforeAll
  static void start() {
    if (!onPath("aws")) {
      return;
    }
    local = LocalEndpoint.start(1000);
    knowsRedrive = hasCommand("redrive-execution");
    if (!knowsRedrive) {
      System.out.println("AwsCliSessionTest: this AWS CLI has no 'stepfunctions redrive-execution' (Debian's 2.9 lacks "
          + "it, and revisionId): those checks are skipped; RedriveApiTest drives redrive through the SDK");
    }
  }

  @BeforeEach
  void needsTheCli() {
    assumeTrue(local != null, "the AWS CLI ('aws') is not on the PATH: install it (Debian: apt-get install awscli) to run "
        + "this session");
  }

  @AfterAll
  static void stop() {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void theCliCreatesRunsPagesTagsAndDescribes() {
    JsonNode created = aws("create-state-machine", "--name", "cli-passes", "--definition", PASSES,
        "--role-arn", StateMachineApiTest.ROLE, "--tags", "key=team,value=ingest");
    String machine = created.path("stateMachineArn").asText();
    assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:cli-passes", machine);
    assertTrue(created.path("creationDate").isValueNode(), created.toString());

    JsonNode started = aws("start-execution", "--state-machine-arn", machine, "--name", "run-1", "--input", "{\"n\":1}");
    String execution = started.path("executionArn").asText();
    assertEquals("arn:aws:states:us-east-1:123456789012:execution:cli-passes:run-1", execution);
    assertEquals(ExecutionStatus.SUCCEEDED, local.awaitEnd(execution, ExecutionApiTest.DEADLINE).status());

    // 8 events (started, 3 × entered + exited, succeeded) read 3 at a time, 2 per call.
    List<Long> ids = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      List<String> args = new ArrayList<>(List.of("get-execution-history", "--execution-arn", execution,
          "--max-items", "3", "--page-size", "2"));
      if (token != null) {
        args.addAll(List.of("--starting-token", token));
      }
      JsonNode page = aws(args.toArray(String[]::new));
      page.path("events").forEach(event -> ids.add(event.path("id").asLong()));
      assertTrue(page.path("events").size() <= 3, page.toString());
      token = page.hasNonNull("NextToken") ? page.path("NextToken").asText() : null;
      pages++;
    } while (token != null && pages < 10);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), ids);
    assertEquals(3, pages);

    aws("tag-resource", "--resource-arn", machine, "--tags", "key=stage,value=test");
    JsonNode tags = aws("list-tags-for-resource", "--resource-arn", machine);
    assertEquals(Map.of("team", "ingest", "stage", "test"), tagMap(tags));

    JsonNode forExecution = aws("describe-state-machine-for-execution", "--execution-arn", execution);
    assertEquals(machine, forExecution.path("stateMachineArn").asText());
    assertEquals(readTree(PASSES).toString(), readTree(forExecution.path("definition").asText()).toString());
    assertEquals(StateMachineApiTest.ROLE, forExecution.path("roleArn").asText());
    if (knowsRedrive) {
      assertFalse(forExecution.path("revisionId").asText().isEmpty(), forExecution.toString());
    }
  }

  @Test
  void theCliListsMapRunsAndRedrivesWhereItCan() {
    String map = MapRunApiTest.MAP.formatted(1, ",\"End\":true");
    String machine = aws("create-state-machine", "--name", "cli-map", "--definition", map,
        "--role-arn", StateMachineApiTest.ROLE).path("stateMachineArn").asText();
    String execution = aws("start-execution", "--state-machine-arn", machine, "--input", "{\"items\":[0,2]}")
        .path("executionArn").asText();
    assertEquals(ExecutionStatus.SUCCEEDED, local.awaitEnd(execution, ExecutionApiTest.DEADLINE).status());
    JsonNode runs = aws("list-map-runs", "--execution-arn", execution).path("mapRuns");
    assertEquals(1, runs.size(), runs.toString());
    assertEquals(execution, runs.get(0).path("executionArn").asText());
    assertTrue(runs.get(0).path("mapRunArn").asText().startsWith("arn:aws:states:us-east-1:123456789012:mapRun:cli-map/each:"),
        runs.toString());
    JsonNode run = aws("describe-map-run", "--map-run-arn", runs.get(0).path("mapRunArn").asText());
    assertEquals("SUCCEEDED", run.path("status").asText());
    assertEquals(2, run.path("itemCounts").path("succeeded").asInt());

    String failing = aws("create-state-machine", "--name", "cli-fails", "--definition", FAILS,
        "--role-arn", StateMachineApiTest.ROLE).path("stateMachineArn").asText();
    String failed = aws("start-execution", "--state-machine-arn", failing).path("executionArn").asText();
    assertEquals(ExecutionStatus.FAILED, local.awaitEnd(failed, ExecutionApiTest.DEADLINE).status());
    JsonNode described = aws("describe-execution", "--execution-arn", failed);
    assertEquals("Broken", described.path("error").asText(), described.toString());
    if (!knowsRedrive) {
      return;
    }
    assertEquals("REDRIVABLE", described.path("redriveStatus").asText(), described.toString());
    JsonNode redriven = aws("redrive-execution", "--execution-arn", failed);
    assertTrue(redriven.path("redriveDate").isValueNode(), redriven.toString());
    // The Fail state fails again: the execution ends FAILED, redriven once.
    local.awaitEnd(failed, ExecutionApiTest.DEADLINE);
    JsonNode after = aws("describe-execution", "--execution-arn", failed);
    assertEquals("FAILED", after.path("status").asText());
    assertEquals(1, after.path("redriveCount").asInt());
  }

  // Runs one `aws stepfunctions` command against the endpoint and parses its JSON answer.
  private static JsonNode aws(String... args) {
    Result result = run(args);
    assertEquals(0, result.exitCode, () -> "aws stepfunctions " + String.join(" ", args) + " failed: " + result.stderr);
    return result.stdout.isBlank() ? JSON.createObjectNode() : readTree(result.stdout);
  }

  // Whether this CLI knows the command: an unknown one is refused before any request is sent.
  private static boolean hasCommand(String command) {
    Result result = run(command, "help");
    return !result.stderr.contains("Invalid choice");
  }

  // The CLI's exit code, output and errors for one command.
  private static Result run(String... args) {
    List<String> command = new ArrayList<>(List.of("aws", "stepfunctions"));
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", local.server.endpoint().toString(), "--output", "json"));
    try {
      Path out = Files.createTempFile("aws-cli", ".out");
      Path err = Files.createTempFile("aws-cli", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      Map<String, String> env = builder.environment();
      env.put("AWS_ACCESS_KEY_ID", "test");
      env.put("AWS_SECRET_ACCESS_KEY", "test");
      env.remove("AWS_SESSION_TOKEN");
      env.remove("AWS_PROFILE");
      env.put("AWS_DEFAULT_REGION", "us-east-1");
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_PAGER", "");
      env.put("MANPAGER", "cat");
      env.put("PAGER", "cat");
      env.put("AWS_CONFIG_FILE", out.resolveSibling("aws-cli-no-config").toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", out.resolveSibling("aws-cli-no-credentials").toString());
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      env.put("AWS_RETRY_MODE", "standard");
      env.put("AWS_MAX_ATTEMPTS", "1");
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("aws " + String.join(" ", args) + " did not end within 120 s");
      }
      Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  // The tags of a ListTagsForResource answer as key → value.
  private static Map<String, String> tagMap(JsonNode answer) {
    Map<String, String> tags = new java.util.HashMap<>();
    answer.path("tags").forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
    return tags;
  }

  // JSON text parsed; a failure names the text.
  private static JsonNode readTree(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  // Whether an executable of this name is on the PATH.
  private static boolean onPath(String name) {
    String path = System.getenv("PATH");
    return path != null && Stream.of(path.split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
  }

  /** What one CLI command gave. */
  private record Result(int exitCode, String stdout, String stderr) {}
}
