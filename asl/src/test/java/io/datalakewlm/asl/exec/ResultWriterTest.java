package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.storage.FolderBuckets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Distributed Map's ResultWriter: the files it writes into the folder standing in for S3, and the state's output. */
class ResultWriterTest {
  @TempDir Path root;

  /** Children fail on an odd n and otherwise output {"doubled": 2n}, one at a time. */
  private static String map(String resultWriter, String tolerance) {
    return """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "MaxConcurrency": 1, %s
          "ResultWriter": %s,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Odd?", "States": {
              "Odd?": {"Type": "Choice", "Choices": [{"Variable": "$.odd", "BooleanEquals": true, "Next": "F"}],
                       "Default": "W"},
              "F": {"Type": "Fail", "Error": "Odd", "Cause": "an odd number"},
              "W": {"Type": "Wait", "Seconds": 60, "Next": "S"},
              "S": {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}, "End": true}}}}}}"""
        .formatted(tolerance, resultWriter);
  }

  private static final String EXPORT = "{\"Resource\": \"arn:aws:states:::s3:putObject\","
      + " \"Parameters\": {\"Bucket\": \"results\", \"Prefix.$\": \"$.prefix\"}}";

  private Execution run(String definition, String input) throws IOException {
    Files.createDirectories(root.resolve("results"));
    return Harness.of(definition).buckets(new FolderBuckets(root)).run(input);
  }

  private JsonNode read(String key) throws IOException {
    return json(Files.readString(root.resolve("results").resolve(key)));
  }

  @Test
  void anExportWritesTheManifestAndOneFilePerStatusAndTheOutputPointsAtTheManifest() throws IOException {
    Execution execution = run(map(EXPORT, "\"ItemsPath\": \"$.items\", \"ToleratedFailureCount\": 1,"),
        "{\"prefix\": \"runs\", \"items\": [{\"n\": 1, \"odd\": false}, {\"n\": 3, \"odd\": true}, {\"n\": 2, \"odd\": false}]}");
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::cause);
    String mapRunArn = execution.output().get("MapRunArn").asText();
    String runId = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
    assertTrue(mapRunArn.startsWith("arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/M:"), mapRunArn);
    assertEquals(json("{\"Bucket\": \"results\", \"Key\": \"runs/" + runId + "/manifest.json\"}"),
        execution.output().get("ResultWriterDetails"));

    JsonNode manifest = read("runs/" + runId + "/manifest.json");
    assertEquals("results", manifest.get("DestinationBucket").asText());
    assertEquals(mapRunArn, manifest.get("MapRunArn").asText());
    JsonNode files = manifest.get("ResultFiles");
    assertEquals(json("[]"), files.get("PENDING"));
    String succeededKey = "runs/" + runId + "/SUCCEEDED_0.json";
    assertEquals(succeededKey, files.get("SUCCEEDED").get(0).get("Key").asText());
    assertEquals(Files.size(root.resolve("results").resolve(succeededKey)), files.get("SUCCEEDED").get(0).get("Size").asLong());

    JsonNode succeeded = read(succeededKey);
    assertEquals(2, succeeded.size());
    JsonNode first = succeeded.get(0);
    assertEquals("SUCCEEDED", first.get("Status").asText());
    assertEquals("{\"n\":1,\"odd\":false}", first.get("Input").asText(), "input and output are JSON text, as on AWS");
    assertEquals("{\"doubled\":2}", first.get("Output").asText());
    assertEquals(json("{\"Included\": true}"), first.get("OutputDetails"));
    assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine/M", first.get("StateMachineArn").asText());
    assertTrue(first.get("ExecutionArn").asText().endsWith(":" + first.get("Name").asText()));
    assertEquals("2025-01-01T00:00:00.000Z", first.get("StartDate").asText());
    assertEquals("2025-01-01T00:01:00.000Z", first.get("StopDate").asText(), "the child waited a virtual minute");
    assertEquals("NOT_REDRIVABLE", first.get("RedriveStatus").asText());
    assertEquals("{\"doubled\":4}", succeeded.get(1).get("Output").asText());

    JsonNode failed = read(files.get("FAILED").get(0).get("Key").asText());
    assertEquals(1, failed.size());
    assertEquals("FAILED", failed.get(0).get("Status").asText());
    assertEquals("Odd", failed.get(0).get("Error").asText());
    assertEquals("an odd number", failed.get(0).get("Cause").asText());
    assertFalse(failed.get(0).has("Output"));
  }

  @Test
  void compactJsonLinesWriteOneChildOutputALine() throws IOException {
    String writer = EXPORT.replace("}}", "}, \"WriterConfig\": {\"Transformation\": \"COMPACT\", \"OutputType\": \"JSONL\"}}");
    Execution execution = run(map(writer, "\"ItemsPath\": \"$.items\","),
        "{\"prefix\": \"out/\", \"items\": [{\"n\": 5, \"odd\": false}, {\"n\": 6, \"odd\": false}]}");
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::cause);
    String manifestKey = execution.output().get("ResultWriterDetails").get("Key").asText();
    assertTrue(manifestKey.startsWith("out/") && !manifestKey.startsWith("out//"), manifestKey);
    String key = read(manifestKey).get("ResultFiles").get("SUCCEEDED").get(0).get("Key").asText();
    assertEquals("{\"doubled\":10}\n{\"doubled\":12}\n", Files.readString(root.resolve("results").resolve(key)));
  }

  @Test
  void flattenSpreadsChildArraysInTheStateOutputWhenTheWriterOnlyShapesIt() throws IOException {
    String definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
          "ResultWriter": {"WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSON"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"pair.$": "States.Array($, $)"},
              "OutputPath": "$.pair", "End": true}}}}}}""";
    Execution execution = run(definition, "[1, 2]");
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::cause);
    assertEquals(json("[1, 1, 2, 2]"), execution.output());
  }

  @Test
  void aFailedMapRunStillWritesWhatItDidAndListsTheChildrenItStoppedAsPending() throws IOException {
    String definition = map(EXPORT, "\"ItemsPath\": \"$.items\",").replace("\"MaxConcurrency\": 1", "\"MaxConcurrency\": 2");
    // Item 0 waits a minute; item 1 fails at once, more than tolerated, so item 0 is stopped.
    Execution execution = run(definition, "{\"prefix\": \"p\", \"items\": [{\"n\": 1, \"odd\": false}, {\"n\": 2, \"odd\": true}]}");
    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("States.ExceedToleratedFailureThreshold", execution.error());
    List<Path> manifests = new ArrayList<>();
    try (var files = Files.walk(root.resolve("results"))) {
      files.filter(f -> f.getFileName().toString().equals("manifest.json")).forEach(manifests::add);
    }
    assertEquals(1, manifests.size());
    JsonNode resultFiles = json(Files.readString(manifests.get(0))).get("ResultFiles");
    assertEquals(json("[]"), resultFiles.get("SUCCEEDED"));
    assertEquals("FAILED", read(resultFiles.get("FAILED").get(0).get("Key").asText()).get(0).get("Status").asText());
    assertEquals("ABORTED", read(resultFiles.get("PENDING").get(0).get("Key").asText()).get(0).get("Status").asText());
  }

  @Test
  void aBucketThatIsNotThereFailsTheWriterAsAwsNamesIt() throws IOException {
    String writer = EXPORT.replace("\"results\"", "\"nowhere\"");
    Execution execution = run(map(writer, "\"ItemsPath\": \"$.items\","), "{\"prefix\": \"p\", \"items\": [{\"n\": 1, \"odd\": false}]}");
    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("States.ResultWriterFailed", execution.error());
    assertTrue(execution.cause().contains("no bucket 'nowhere'"), execution.cause());
  }

  @Test
  void withoutBucketsAnExportingMapFailsBeforeAnyChildRuns() {
    Execution execution = Harness.of(map(EXPORT, "\"ItemsPath\": \"$.items\",")).run("{\"prefix\": \"p\", \"items\": [{\"n\": 1, \"odd\": false}]}");
    assertEquals("States.Runtime", execution.error());
    assertTrue(execution.cause().contains("Map state 'M' writes its results to S3 (arn:aws:states:::s3:putObject)"
        + " and this local run has no S3: give a folder standing in for the buckets with --s3-root DIR"), execution.cause());
    assertTrue(Harness.events(execution, io.datalakewlm.asl.history.EventType.MapRunStarted).isEmpty());
  }
}
