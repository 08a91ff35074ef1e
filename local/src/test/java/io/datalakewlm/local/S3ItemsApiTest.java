package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.asl.storage.FolderBuckets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** Executions the endpoint starts read Distributed Map items from, and write results to, the folder it was given. */
class S3ItemsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAP = "{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"End\":true,"
      + "\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":{\"InputType\":\"JSONL\"},"
      + "\"Parameters\":{\"Bucket\":\"lake\",\"Key\":\"in/items.jsonl\"}},"
      + "\"ResultWriter\":{\"Resource\":\"arn:aws:states:::s3:putObject\",\"Parameters\":{\"Bucket\":\"lake\",\"Prefix\":\"out\"},"
      + "\"WriterConfig\":{\"Transformation\":\"COMPACT\",\"OutputType\":\"JSON\"}},"
      + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"EXPRESS\"},"
      + "\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}}}}";

  @TempDir Path root;

  @Test
  void anExecutionReadsItsItemsFromTheFolderAndWritesItsResultsBesideThem() throws IOException {
    Files.createDirectories(root.resolve("lake/in"));
    Files.writeString(root.resolve("lake/in/items.jsonl"), "{\"n\":1}\n{\"n\":2}\n");
    try (LocalEndpoint local = LocalEndpoint.start(LocalStepFunctions.Options.defaults().withTimeScale(1000),
        new FolderBuckets(root))) {
      String machine = ExecutionApiTest.create(local.sfn, "s3-items", MAP, StateMachineType.STANDARD);
      String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
      DescribeExecutionResponse done = local.awaitEnd(arn, Duration.ofSeconds(20));
      assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done::cause);
      JsonNode details = JSON.readTree(done.output()).get("ResultWriterDetails");
      assertEquals("lake", details.get("Bucket").asText());
      assertTrue(details.get("Key").asText().startsWith("out/"), details::toString);
      JsonNode manifest = JSON.readTree(Files.readString(root.resolve("lake").resolve(details.get("Key").asText())));
      String results = manifest.get("ResultFiles").get("SUCCEEDED").get(0).get("Key").asText();
      assertEquals(JSON.readTree("[{\"n\":1},{\"n\":2}]"), JSON.readTree(Files.readString(root.resolve("lake").resolve(results))));
    }
  }

  @Test
  void withoutAFolderTheExecutionFailsNamingTheOptionToGive() {
    try (LocalEndpoint local = LocalEndpoint.start(LocalStepFunctions.Options.defaults().withTimeScale(1000))) {
      String machine = ExecutionApiTest.create(local.sfn, "s3-items", MAP, StateMachineType.STANDARD);
      String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
      DescribeExecutionResponse done = local.awaitEnd(arn, Duration.ofSeconds(20));
      assertEquals(ExecutionStatus.FAILED, done.status());
      assertEquals("States.Runtime", done.error());
      assertTrue(done.cause().contains("--s3-root DIR"), done::cause);
    }
  }
}
