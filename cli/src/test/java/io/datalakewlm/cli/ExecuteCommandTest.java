package io.datalakewlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecuteCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEFINITION = Path.of("src/test/resources/execute/ingest.asl.json");
  private static final Path JSONATA_DEFINITION = Path.of("src/test/resources/execute/ingest-jsonata.asl.json");
  private static final Path MOCKS = Path.of("src/test/resources/execute/mocks.json");
  private static final Path RATINGS = Path.of("src/test/resources/execute/ratings.asl.json");

  @TempDir Path dir;

  private record Result(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  private static Result wlm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Wlm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  private Path substitutions() throws IOException {
    Path file = dir.resolve("subs.json");
    Files.writeString(file, "{\"SettleSeconds\": 300}");
    return file;
  }

  @Test
  void aMockedTestCaseRunsToSuccessAndPrintsTheOutput() throws IOException {
    Result result = wlm("execute", DEFINITION.toString(), "--substitutions", substitutions().toString(),
        "--mock-config", MOCKS.toString(), "--test-case", "HappyPath", "--input", "{\"key\": \"s3://in/a.csv\"}");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(JSON.readTree("{\"status\":\"SUCCEEDED\",\"output\":{\"recorded\":true}}"), result.json());
  }

  @Test
  void theRetryPathRetriesAsTheMockSaysAndHistoryShowsVirtualTime() throws IOException {
    Result result = wlm("execute", DEFINITION.toString(), "--substitutions", substitutions().toString(),
        "--mock-config", MOCKS.toString(), "--test-case", "RetryPath", "--history", "--input", "{\"key\": \"k\"}");
    JsonNode json = result.json();
    assertEquals("SUCCEEDED", json.get("status").asText());
    long failures = 0;
    String lastTimestamp = null;
    for (JsonNode event : json.get("events")) {
      if (event.get("type").asText().equals("LambdaFunctionFailed")) {
        failures++;
      }
      lastTimestamp = event.get("timestamp").asText();
    }
    assertEquals(2, failures);
    // Retries after 5 s and 10 s, then the 300 s wait: the run ends 315 s after the virtual start.
    assertEquals("2025-01-01T00:05:15Z", lastTimestamp);
  }

  @Test
  void aJsonataDefinitionRunsWithVariablesMocksAndVirtualTime() throws IOException {
    Result result = wlm("execute", JSONATA_DEFINITION.toString(), "--substitutions", substitutions().toString(),
        "--mock-config", MOCKS.toString(), "--state-machine", "ingest", "--test-case", "RetryPath", "--history",
        "--input", "{\"key\": \"s3://in/a.csv\"}");
    assertEquals(0, result.exitCode(), result.err());
    JsonNode json = result.json();
    assertEquals("SUCCEEDED", json.get("status").asText());
    assertEquals(JSON.readTree("{\"recorded\": true, \"rows\": 12}"), json.get("output"));
    JsonNode last = json.get("events").get(json.get("events").size() - 1);
    assertEquals("2025-01-01T00:05:15Z", last.get("timestamp").asText(), "retries after 5 s and 10 s, then a 300 s wait");
  }

  @Test
  void aJsonataFailureCarriesTheCauseAnExpressionComputed() throws IOException {
    Result result = wlm("execute", JSONATA_DEFINITION.toString(), "--substitutions", substitutions().toString(),
        "--mock-config", MOCKS.toString(), "--state-machine", "ingest", "--test-case", "BrokenPath", "--input", "{\"key\": \"k\"}");
    assertEquals(JSON.readTree("{\"status\":\"FAILED\",\"error\":\"Ingest.Quarantined\",\"cause\":\"corrupt object\"}"), result.json());
  }

  @Test
  void aJsonataSyntaxErrorIsAnInvalidDefinitionWithItsPlace() throws IOException {
    Path broken = dir.resolve("broken.asl.json");
    Files.writeString(broken, """
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
          "P": {"Type": "Pass", "Output": {"v": "{% $states.input.a[ %}"}, "End": true}}}""");
    Result result = wlm("execute", broken.toString());
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("INVALID_JSONATA_EXPRESSION"), result.err());
    assertTrue(result.err().contains("/States/P/Output/v"), result.err());
  }

  @Test
  void aFailedExecutionStillExitsZeroAndPrintsErrorAndCause() throws IOException {
    Result result = wlm("execute", DEFINITION.toString(), "--substitutions", substitutions().toString(),
        "--mock-config", MOCKS.toString(), "--test-case", "BrokenPath", "--input", "{\"key\": \"k\"}");
    assertEquals(0, result.exitCode());
    assertEquals(JSON.readTree("{\"status\":\"FAILED\",\"error\":\"Ingest.Quarantined\",\"cause\":\"corrupt object\"}"), result.json());
  }

  @Test
  void anUndefinedSubstitutionIsAnInvalidDefinitionWithExitTwo() {
    Result result = wlm("execute", DEFINITION.toString());
    assertEquals(2, result.exitCode());
    assertEquals("", result.out());
    assertTrue(result.err().contains("SettleSeconds"), result.err());
    assertTrue(result.err().contains(DEFINITION.toString()), result.err());
  }

  @Test
  void badInputJsonIsRejectedWithExitTwo() throws IOException {
    Result result = wlm("execute", DEFINITION.toString(), "--substitutions", substitutions().toString(), "--input", "{not json");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("--input"), result.err());
  }

  @Test
  void anUnknownTestCaseNamesTheKnownOnes() throws IOException {
    Result result = wlm("execute", DEFINITION.toString(), "--substitutions", substitutions().toString(),
        "--mock-config", MOCKS.toString(), "--test-case", "SadPath", "--state-machine", "ingest");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("HappyPath"), result.err());
  }

  @Test
  void aBrokenMockConfigurationNamesThePathOfEachProblem() throws IOException {
    Path mocks = dir.resolve("mocks.json");
    Files.writeString(mocks, """
        {"StateMachines": {"ingest": {"TestCases": {"T": {"Load": "Missing"}}}},
         "MockedResponses": {"Gap": {"0": {"Return": 1}, "2": {"Return": 2}}, "Both": {"0": {"Return": 1, "Throw": {"Error": "E"}}}}}""");
    Result result = wlm("execute", DEFINITION.toString(), "--substitutions", substitutions().toString(),
        "--mock-config", mocks.toString(), "--test-case", "T");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("$.StateMachines['ingest'].TestCases['T']['Load']"), result.err());
    assertTrue(result.err().contains("$.MockedResponses['Gap']"), result.err());
    assertTrue(result.err().contains("$.MockedResponses['Both']['0']"), result.err());
  }

  @Test
  void withoutMocksATaskFailsNamingTheStateThatNeedsAHandler() throws IOException {
    // The input has the key the state's Parameters read, so the missing handler is what fails it.
    Result result = wlm("execute", DEFINITION.toString(), "--substitutions", substitutions().toString(),
        "--input", "{\"key\": \"k\"}");
    JsonNode json = result.json();
    assertEquals("FAILED", json.get("status").asText());
    assertEquals("States.Runtime", json.get("error").asText());
    assertTrue(json.get("cause").asText().startsWith("No local handler serves resource "
        + "'arn:aws:lambda:us-east-1:123456789012:function:load' of state 'Load'"), json.toString());
  }

  @Test
  void theHelpNamesTheSubstitutionsSyntaxAndTheCommandListEndsItsSentence() {
    Result help = wlm("execute", "--help");
    assertTrue(help.out().contains("A JSON object of ${Name} values"), help.out());
    Result all = wlm("--help");
    String out = all.out();
    String entry = out.substring(out.indexOf("  execute "), out.indexOf("  simulate ")).strip();
    assertTrue(entry.endsWith("."), "the execute entry of wlm --help: " + entry);
  }

  @Test
  void withAnS3RootADistributedMapReadsItsCsvAndWritesItsResultsIntoTheFolder() throws IOException {
    Path csv = dir.resolve("s3/lake/in/ratings.csv");
    Files.createDirectories(csv.getParent());
    Files.createDirectories(dir.resolve("s3/results"));
    Files.writeString(csv, "title,rating\n\"Up, and away\",5\nJaws,4\n");
    Result result = wlm("execute", RATINGS.toString(), "--s3-root", dir.resolve("s3").toString(),
        "--input", "{\"bucket\": \"lake\", \"key\": \"in/ratings.csv\"}");
    assertEquals(0, result.exitCode(), result.err());
    JsonNode json = result.json();
    assertEquals("SUCCEEDED", json.get("status").asText(), result.out());
    String manifestKey = json.get("output").get("ResultWriterDetails").get("Key").asText();
    assertTrue(manifestKey.startsWith("scores/") && manifestKey.endsWith("/manifest.json"), manifestKey);
    JsonNode manifest = JSON.readTree(Files.readString(dir.resolve("s3/results").resolve(manifestKey)));
    String succeeded = manifest.get("ResultFiles").get("SUCCEEDED").get(0).get("Key").asText();
    assertEquals(JSON.readTree("[{\"title\": \"Up, and away\", \"stars\": 5}, {\"title\": \"Jaws\", \"stars\": 4}]"),
        JSON.readTree(Files.readString(dir.resolve("s3/results").resolve(succeeded))));
  }

  @Test
  void withoutAnS3RootAnItemReaderFailsTheRunNamingTheOptionToGive() throws IOException {
    Result result = wlm("execute", RATINGS.toString(), "--input", "{\"bucket\": \"lake\", \"key\": \"in/ratings.csv\"}");
    assertEquals(0, result.exitCode(), result.err());
    JsonNode json = result.json();
    assertEquals("FAILED", json.get("status").asText());
    assertEquals("States.Runtime", json.get("error").asText());
    assertTrue(json.get("cause").asText().contains("--s3-root DIR"), json.get("cause").asText());
  }

  @Test
  void aMissingObjectUnderTheS3RootFailsTheRunWithItemReaderFailed() throws IOException {
    Files.createDirectories(dir.resolve("s3/lake"));
    Result result = wlm("execute", RATINGS.toString(), "--s3-root", dir.resolve("s3").toString(),
        "--input", "{\"bucket\": \"lake\", \"key\": \"in/ratings.csv\"}");
    JsonNode json = result.json();
    assertEquals("States.ItemReaderFailed", json.get("error").asText());
    assertTrue(json.get("cause").asText().contains("no object s3://lake/in/ratings.csv"), json.get("cause").asText());
  }
}
