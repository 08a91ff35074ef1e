package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.storage.FolderBuckets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Distributed Maps reading their items from a folder standing in for S3, per input type and failure. */
class ItemReaderTest {
  @TempDir Path root;

  // A distributed Map whose children pass their item through, reading with the given ItemReader.
  private static String map(String itemReader) {
    return """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemReader": %s,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""".formatted(itemReader);
  }

  private static String getObject(String readerConfig, String key) {
    return "{\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": " + readerConfig
        + ", \"Parameters\": {\"Bucket\": \"lake\", \"Key\": \"" + key + "\"}}";
  }

  private Path object(String bucket, String key, String content) throws IOException {
    return object(bucket, key, content.getBytes(StandardCharsets.UTF_8));
  }

  private Path object(String bucket, String key, byte[] content) throws IOException {
    Path file = root.resolve(bucket).resolve(key);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return file;
  }

  private Execution run(String definition, String input) {
    return Harness.of(definition).buckets(new FolderBuckets(root)).run(input);
  }

  private static void assertSucceeded(Execution execution, String expectedOutput) {
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), () -> execution.error() + ": " + execution.cause());
    assertEquals(json(expectedOutput), execution.output());
  }

  private static void assertFailed(Execution execution, String error, String causePart) {
    assertEquals(ExecutionStatus.FAILED, execution.status(), () -> String.valueOf(execution.output()));
    assertEquals(error, execution.error());
    assertTrue(execution.cause().contains(causePart), () -> "cause: " + execution.cause());
  }

  @Test
  void csvRowsWithAHeaderRowBecomeObjectsOfStringsAndQuotedFieldsKeepTheirDelimitersQuotesAndLineBreaks()
      throws IOException {
    object("lake", "in/ratings.csv", "id,title,rating\r\n1,\"Up, and away\",5\r\n2,\"He said \"\"hi\"\"\",4\r\n"
        + "3,\"two\nlines\",3\r\n");
    assertSucceeded(run(map(getObject("{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"FIRST_ROW\"}", "in/ratings.csv")), "{}"),
        """
        [{"id": "1", "title": "Up, and away", "rating": "5"},
         {"id": "2", "title": "He said \\"hi\\"", "rating": "4"},
         {"id": "3", "title": "two\\nlines", "rating": "3"}]""");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PIPE", "SEMICOLON", "TAB", "SPACE", "COMMA"})
  void givenHeadersReadEveryRowWithTheNamedDelimiterUpToMaxItems(String name) throws IOException {
    String delimiter = switch (name) {
      case "PIPE" -> "|";
      case "SEMICOLON" -> ";";
      case "TAB" -> "\t";
      case "SPACE" -> " ";
      default -> ",";
    };
    object("lake", "rows.txt", String.join(delimiter, "a", "b") + "\n" + String.join(delimiter, "c", "d") + "\n"
        + String.join(delimiter, "e", "f") + "\n");
    String config = "{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"GIVEN\", \"CSVHeaders\": [\"x\", \"y\"],"
        + " \"CSVDelimiter\": \"" + name + "\", \"MaxItems\": 2}";
    assertSucceeded(run(map(getObject(config, "rows.txt")), "{}"), "[{\"x\": \"a\", \"y\": \"b\"}, {\"x\": \"c\", \"y\": \"d\"}]");
  }

  @Test
  void aJsonObjectHoldingAnArrayGivesItsElementsAndMaxItemsPathReadsTheLimitFromTheInput() throws IOException {
    object("lake", "items.json", "[{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]");
    String reader = "{\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"JSON\","
        + " \"MaxItemsPath\": \"$.limit\"}, \"Parameters\": {\"Bucket.$\": \"$.bucket\", \"Key\": \"items.json\"}}";
    assertSucceeded(run(map(reader), "{\"bucket\": \"lake\", \"limit\": 2}"), "[{\"n\": 1}, {\"n\": 2}]");
  }

  @Test
  void jsonLinesGiveOneItemALineAndSkipBlankLines() throws IOException {
    object("lake", "items.jsonl", "{\"n\": 1}\n\n\"two\"\r\n[3]\n");
    assertSucceeded(run(map(getObject("{\"InputType\": \"JSONL\"}", "items.jsonl")), "{}"), "[{\"n\": 1}, \"two\", [3]]");
  }

  @Test
  void listObjectsV2GivesTheObjectsUnderThePrefixInKeyOrderAsAwsDescribesThem() throws IOException {
    Path b = object("lake", "in/b.csv", "hello");
    object("lake", "in/a/deep.txt", "");
    object("lake", "out/c.csv", "not listed");
    Files.setLastModifiedTime(b, FileTime.from(Instant.parse("2024-05-01T10:00:00Z")));
    String reader = "{\"Resource\": \"arn:aws:states:::s3:listObjectsV2\", \"Parameters\": {\"Bucket\": \"lake\","
        + " \"Prefix\": \"in/\"}}";
    Execution execution = run(map(reader), "{}");
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::cause);
    assertEquals(2, execution.output().size());
    assertEquals("in/a/deep.txt", execution.output().get(0).get("Key").asText());
    // MD5 of "hello"; LastModified in epoch seconds.
    assertEquals(json("""
        {"Etag": "\\"5d41402abc4b2a76b9719d911017c592\\"", "Key": "in/b.csv", "LastModified": 1714557600,
         "Size": 5, "StorageClass": "STANDARD"}"""), execution.output().get(1));
  }

  @Test
  void anS3InventoryManifestGivesTheRowsOfItsGzippedCsvFilesNamedByItsSchema() throws IOException {
    object("inventory", "lake/config/data/part-1.csv.gz", gzip("\"lake\",\"in/a.csv\",\"10\"\n\"lake\",\"in/b.csv\",\"20\"\n"));
    object("inventory", "lake/config/data/part-2.csv.gz", gzip("\"lake\",\"in/c.csv\",\"30\"\n"));
    object("lake", "manifest.json", """
        {"sourceBucket": "lake", "destinationBucket": "arn:aws:s3:::inventory", "version": "2016-11-30",
         "fileFormat": "CSV", "fileSchema": "Bucket, Key, Size",
         "files": [{"key": "lake/config/data/part-1.csv.gz", "size": 60, "MD5checksum": "x"},
                   {"key": "lake/config/data/part-2.csv.gz", "size": 40, "MD5checksum": "y"}]}""");
    assertSucceeded(run(map(getObject("{\"InputType\": \"MANIFEST\", \"MaxItems\": 3}", "manifest.json")), "{}"), """
        [{"Bucket": "lake", "Key": "in/a.csv", "Size": "10"}, {"Bucket": "lake", "Key": "in/b.csv", "Size": "20"},
         {"Bucket": "lake", "Key": "in/c.csv", "Size": "30"}]""");
  }

  @Test
  void aJsonataReaderTakesItsBucketAndKeyFromArgumentsAndItsLimitFromAnExpression() throws IOException {
    object("lake", "in/items.json", "[1, 2, 3, 4]");
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
          "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "JSON", "MaxItems": "{% $states.input.limit + 1 %}"},
            "Arguments": {"Bucket": "{% $states.input.bucket %}", "Key": "{% 'in/' & 'items.json' %}"}},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input * 10 %}", "End": true}}}}}}""";
    assertSucceeded(run(definition, "{\"bucket\": \"lake\", \"limit\": 2}"), "[10, 20, 30]");
  }

  @Test
  void theItemSelectorSeesEachReadItemAsTheMapItemValue() throws IOException {
    object("lake", "k.csv", "name\nann\nbob\n");
    String definition = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
          "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV",
            "CSVHeaderLocation": "FIRST_ROW"}, "Parameters": {"Bucket": "lake", "Key": "k.csv"}},
          "ItemSelector": {"who.$": "$$.Map.Item.Value.name", "index.$": "$$.Map.Item.Index", "day.$": "$.day"},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""";
    assertSucceeded(run(definition, "{\"day\": \"mon\"}"),
        "[{\"who\": \"ann\", \"index\": 0, \"day\": \"mon\"}, {\"who\": \"bob\", \"index\": 1, \"day\": \"mon\"}]");
  }

  @Test
  void aMissingBucketOrKeyFailsTheReaderNamingWhatIsMissingUnderTheFolder() throws IOException {
    assertFailed(run(map(getObject("{\"InputType\": \"JSON\"}", "x.json")), "{}"),
        "States.ItemReaderFailed", "no bucket 'lake' in the folder " + root.toAbsolutePath().normalize());
    object("lake", "other.json", "[]");
    assertFailed(run(map(getObject("{\"InputType\": \"JSON\"}", "x.json")), "{}"),
        "States.ItemReaderFailed", "no object s3://lake/x.json");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "CSV  | a,b\\n1,2,3\\n | s3://lake/bad is not valid CSV: line 2 has 3 fields and the header 2",
      "CSV  | a,b\\n\"1,2\\n  | s3://lake/bad is not valid CSV: line 2 opens a quoted field that is never closed",
      "CSV  | a\\n\"1\"x\\n    | s3://lake/bad is not valid CSV: line 2: a quoted field is followed by 'x'",
      "JSON | {\"a\": 1}     | s3://lake/bad does not hold a JSON array (it holds an object)",
      "JSON | [1,            | s3://lake/bad is not valid JSON at line 1",
      "JSON | [1] [2]        | s3://lake/bad is not valid JSON at line 1, column 5",
      "JSONL| 1\\n{x\\n      | s3://lake/bad is not valid JSON Lines at line 2"})
  void aFileThatIsNotItsInputTypeFailsTheReaderWithTheLineAndTheProblem(String type, String content, String cause)
      throws IOException {
    object("lake", "bad", content.replace("\\n", "\n"));
    String config = type.equals("CSV") ? "{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"FIRST_ROW\"}"
        : "{\"InputType\": \"" + type + "\"}";
    assertFailed(run(map(getObject(config, "bad")), "{}"), "States.ItemReaderFailed", cause);
  }

  @Test
  void aHeaderRowOverAwsTenKibibytesFailsTheReader() throws IOException {
    String header = "c".repeat(5000) + "," + "d".repeat(5239);
    object("lake", "wide.csv", header + "\n1,2\n");
    String config = "{\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"FIRST_ROW\"}";
    assertSucceeded(run(map(getObject(config, "wide.csv")), "{}"),
        "[{\"" + "c".repeat(5000) + "\": \"1\", \"" + "d".repeat(5239) + "\": \"2\"}]");
    object("lake", "wide.csv", header + "d\n1,2\n");
    assertFailed(run(map(getObject(config, "wide.csv")), "{}"), "States.ItemReaderFailed",
        "s3://lake/wide.csv is not valid CSV: its header row is 10241 bytes; Step Functions reads CSV headers of up to 10 KiB");
  }

  @Test
  void anObjectThatIsNotUtf8FailsTheReaderWithTheByteOffset() throws IOException {
    object("lake", "bin.json", new byte[] {'[', '1', ',', (byte) 0xC3, '(', ']'});
    assertFailed(run(map(getObject("{\"InputType\": \"JSON\"}", "bin.json")), "{}"),
        "States.ItemReaderFailed", "s3://lake/bin.json is not UTF-8 text (byte offset 3)");
  }

  @Test
  void aReaderFailureCanBeCaughtLikeAnyOtherError() {
    String definition = map(getObject("{\"InputType\": \"JSON\"}", "x.json")).replace("\"End\": true, \"ItemReader\"",
        "\"End\": true, \"Catch\": [{\"ErrorEquals\": [\"States.ItemReaderFailed\"], \"Next\": \"Caught\"}], \"ItemReader\"")
        .replace("\"End\": true, \"Catch\"", "\"Next\": \"X\", \"Catch\"");
    definition = definition.substring(0, definition.length() - 2)
        + ", \"X\": {\"Type\": \"Succeed\"}, \"Caught\": {\"Type\": \"Pass\", \"Result\": \"caught\", \"End\": true}}}";
    assertSucceeded(run(definition, "{}"), "\"caught\"");
  }

  @Test
  void withoutBucketsARunReachingAnItemReaderFailsNamingTheOptionToGive() {
    Execution execution = Harness.of(map(getObject("{\"InputType\": \"JSON\"}", "x.json"))).run("{}");
    assertFailed(execution, "States.Runtime", "give a folder standing in for the buckets with --s3-root DIR");
  }

  @Test
  void readersAwsOffersThatAreNotBuiltSaySoInsteadOfReadingWrongly() throws IOException {
    object("lake", "p.parquet", "PAR1");
    assertFailed(run(map(getObject("{\"InputType\": \"PARQUET\"}", "p.parquet")), "{}"), "States.Runtime",
        "InputType PARQUET (s3://lake/p.parquet) is not served by the local runtime");
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
