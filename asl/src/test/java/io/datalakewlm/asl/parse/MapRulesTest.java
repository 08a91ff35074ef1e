package io.datalakewlm.asl.parse;

import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertClean;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertOnlyError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.oneState;
import static io.datalakewlm.asl.parse.DiagnosticCode.DUPLICATE_LABEL_NAME;
import static io.datalakewlm.asl.parse.DiagnosticCode.INVALID_LABEL_NAME;
import static io.datalakewlm.asl.parse.DiagnosticCode.MISSING_TRANSITION_TARGET;
import static io.datalakewlm.asl.parse.DiagnosticCode.SCHEMA_VALIDATION_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of a Map state, inline and distributed. */
class MapRulesTest {
  private static final String PROCESSOR =
      "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Pass\", \"End\": true}}}";
  private static final String DISTRIBUTED =
      "{\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"},"
          + " \"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Pass\", \"End\": true}}}";

  // An inline Map state with the given extra fields.
  private static String inline(String fields) {
    return oneState("{\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": " + PROCESSOR + plus(fields) + "}");
  }

  // A distributed Map state with the given extra fields.
  private static String distributed(String fields) {
    return oneState("{\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": " + DISTRIBUTED + plus(fields) + "}");
  }

  private static String plus(String fields) {
    return fields.isEmpty() ? "" : ", " + fields;
  }

  @Test
  void itemProcessorIsRequired() {
    assertOnlyError(
        oneState("{\"Type\": \"Map\", \"End\": true}"), SCHEMA_VALIDATION_FAILED, "/States/S", "Field 'ItemProcessor' is required");
  }

  @Test
  void iteratorIsTheDeprecatedNameOfItemProcessor() {
    assertClean(oneState("{\"Type\": \"Map\", \"End\": true, \"Iterator\": " + PROCESSOR + "}"));
    List<Diagnostic> both =
        DefinitionParser.validate(
            oneState("{\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": " + PROCESSOR + ", \"Iterator\": "
                + "{\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Succeed\"}}}}"));
    assertError(both, SCHEMA_VALIDATION_FAILED, "/States/S/Iterator", "keep only 'ItemProcessor'");
    assertEquals(1, both.size(), () -> DiagnosticAssertions.describe(both));
  }

  @Test
  void itemProcessorIsAScopeOfItsOwn() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            """
            {"StartAt": "M", "States": {
              "M": {"Type": "Map", "Next": "Done", "ItemProcessor": {
                      "QueryLanguage": "JSONPath", "StartAt": "W",
                      "States": {"W": {"Type": "Pass", "Next": "Done"}, "X": {"Type": "Succeed"}}}},
              "Done": {"Type": "Succeed"}}}
            """);
    assertError(
        diagnostics, SCHEMA_VALIDATION_FAILED, "/States/M/ItemProcessor/QueryLanguage",
        "Field 'QueryLanguage' is not supported in an ItemProcessor");
    assertError(diagnostics, MISSING_TRANSITION_TARGET, "/States/M/ItemProcessor/States/W/Next", "in another scope");
    assertError(diagnostics, MISSING_TRANSITION_TARGET, "/States/M/ItemProcessor/States/X", "not reachable");
    assertEquals(3, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }

  @Test
  void processorConfigModeAndExecutionType() {
    String base = "{\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {\"ProcessorConfig\": %s, \"StartAt\": \"W\","
        + " \"States\": {\"W\": {\"Type\": \"Pass\", \"End\": true}}}}";
    assertOnlyError(
        oneState(base.formatted("{\"Mode\": \"PARALLEL\"}")),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemProcessor/ProcessorConfig/Mode", "must be one of 'INLINE', 'DISTRIBUTED'");
    assertOnlyError(
        oneState(base.formatted("{\"Mode\": \"DISTRIBUTED\"}")),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemProcessor/ProcessorConfig", "'ExecutionType' (STANDARD or EXPRESS) is required");
    assertOnlyError(
        oneState(base.formatted("{\"Mode\": \"INLINE\", \"ExecutionType\": \"EXPRESS\"}")),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemProcessor/ProcessorConfig/ExecutionType", "only allowed when Mode is DISTRIBUTED");
    assertOnlyError(
        oneState(base.formatted("{\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"FAST\"}")),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemProcessor/ProcessorConfig/ExecutionType", "'STANDARD', 'EXPRESS'");
  }

  @Test
  void maxConcurrencyIsNonNegativeAndNotWithItsPath() {
    assertOnlyError(
        inline("\"MaxConcurrency\": -1"), SCHEMA_VALIDATION_FAILED, "/States/S/MaxConcurrency", "not -1");
    assertOnlyError(
        inline("\"MaxConcurrency\": 5, \"MaxConcurrencyPath\": \"$.limit\""),
        SCHEMA_VALIDATION_FAILED, "/States/S/MaxConcurrencyPath", "cannot both be set");
    assertClean(inline("\"MaxConcurrency\": 0"));
  }

  @Test
  void itemSelectorAndDeprecatedParametersAreExclusive() {
    assertOnlyError(
        inline("\"ItemSelector\": {\"a.$\": \"$.a\"}, \"Parameters\": {\"b.$\": \"$.b\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Parameters", "'ItemSelector' and 'Parameters' cannot both be set");
  }

  @Test
  void itemsPathIsAReferencePath() {
    assertOnlyError(
        inline("\"ItemsPath\": \"$.items[?(@.ready)]\""),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemsPath", "must be a reference path");
    assertClean(inline("\"ItemsPath\": \"$$.Execution.Input.items\""));
  }

  @Test
  void distributedOnlyFieldsAreRejectedOnAnInlineMap() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            inline("\"Label\": \"x\", \"ToleratedFailureCount\": 1, \"ItemBatcher\": {\"MaxItemsPerBatch\": 2},"
                + " \"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\"}"));
    for (String field : List.of("Label", "ToleratedFailureCount", "ItemBatcher", "ItemReader")) {
      assertError(
          diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/" + field, "is only supported by a Map in DISTRIBUTED mode");
    }
    assertEquals(4, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }

  @Test
  void itemReadersAndResultWritersAsAwsWritesThemAreValid() {
    for (String fields : List.of(
        "\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"CSV\","
            + " \"CSVHeaderLocation\": \"FIRST_ROW\", \"MaxItems\": 10}, \"Parameters\": {\"Bucket\": \"b\","
            + " \"Key.$\": \"$.key\"}}",
        "\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"CSV\","
            + " \"CSVHeaderLocation\": \"GIVEN\", \"CSVHeaders\": [\"id\", \"name\"]}, \"Parameters\": {\"Bucket\": \"b\","
            + " \"Key\": \"k.csv\"}}",
        "\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:listObjectsV2\", \"Parameters\": {\"Bucket\": \"b\","
            + " \"Prefix\": \"in/\"}}, \"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\","
            + " \"Parameters\": {\"Bucket\": \"out\", \"Prefix\": \"runs\"}}",
        "\"ResultWriter\": {\"WriterConfig\": {\"Transformation\": \"FLATTEN\", \"OutputType\": \"JSONL\"}}")) {
      List<Diagnostic> diagnostics = DefinitionParser.validate(distributed(fields));
      assertEquals(List.of(), diagnostics, () -> fields + ": " + DiagnosticAssertions.describe(diagnostics));
    }
  }

  @Test
  void anItemReaderNeedsWhatAwsRequires() {
    List<Diagnostic> diagnostics = DefinitionParser.validate(distributed(
        "\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"Parameters\": {\"Bucket\": \"b\"}}"));
    assertError(diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/ItemReader/Parameters", "needs 'Key'");
    assertError(diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/ItemReader", "needs 'ReaderConfig.InputType'");
    assertEquals(2, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));

    assertOnlyError(distributed("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\":"
            + " {\"InputType\": \"XML\"}, \"Parameters\": {\"Bucket\": \"b\", \"Key\": \"k\"}}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemReader/ReaderConfig/InputType", "CSV");
    assertOnlyError(distributed("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\":"
            + " {\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"GIVEN\"}, \"Parameters\": {\"Bucket\": \"b\", \"Key\": \"k\"}}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemReader/ReaderConfig", "needs 'CSVHeaders'");
    assertOnlyError(distributed("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\":"
            + " {\"InputType\": \"JSON\", \"MaxItems\": 100000001}, \"Parameters\": {\"Bucket\": \"b\", \"Key\": \"k\"}}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemReader/ReaderConfig/MaxItems", "100000000");
    assertOnlyError(distributed("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:putObject\","
            + " \"Parameters\": {\"Bucket\": \"b\"}}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemReader/Resource", "listObjectsV2");
  }

  @Test
  void aResultWriterIsNeverEmptyAndItsResourceComesWithParameters() {
    assertOnlyError(distributed("\"ResultWriter\": {}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ResultWriter", "needs 'WriterConfig', or 'Resource' with 'Parameters'");
    assertOnlyError(distributed("\"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ResultWriter/Resource", "go together");
    assertOnlyError(distributed("\"ResultWriter\": {\"WriterConfig\": {\"OutputType\": \"CSV\"}}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ResultWriter/WriterConfig/OutputType", "JSONL");
  }

  @Test
  void toleratedFailures() {
    assertOnlyError(
        distributed("\"ToleratedFailurePercentage\": 101"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ToleratedFailurePercentage", "between 0 and 100, not 101");
    assertOnlyError(
        distributed("\"ToleratedFailureCount\": -2"), SCHEMA_VALIDATION_FAILED, "/States/S/ToleratedFailureCount", "not -2");
    assertOnlyError(
        distributed("\"ToleratedFailureCount\": 2, \"ToleratedFailureCountPath\": \"$.n\""),
        SCHEMA_VALIDATION_FAILED, "/States/S/ToleratedFailureCountPath", "cannot both be set");
    assertClean(distributed("\"ToleratedFailurePercentage\": 12.5, \"ToleratedFailureCountPath\": \"$.n\""));
  }

  @Test
  void itemBatcherNeedsALimitInRange() {
    assertOnlyError(
        distributed("\"ItemBatcher\": {\"BatchInput\": {\"a\": 1}}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemBatcher", "needs at least one of 'MaxItemsPerBatch'");
    assertOnlyError(
        distributed("\"ItemBatcher\": {\"MaxInputBytesPerBatch\": 300000}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemBatcher/MaxInputBytesPerBatch", "between 1 and 262144");
    assertOnlyError(
        distributed("\"ItemBatcher\": {\"MaxItemsPerBatch\": 0}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemBatcher/MaxItemsPerBatch", "not 0");
  }

  @Test
  void labelsAreShortPlainAndUnique() {
    assertOnlyError(
        distributed("\"Label\": \"my label\""), INVALID_LABEL_NAME, "/States/S/Label", "must not contain white space");
    assertOnlyError(
        distributed("\"Label\": \"" + "L".repeat(41) + "\""), INVALID_LABEL_NAME, "/States/S/Label", "1 to 40 characters");
    assertOnlyError(
        """
        {"StartAt": "A", "States": {
          "A": {"Type": "Map", "Next": "B", "Label": "batch", "ItemProcessor": {
                  "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "A1", "States": {"A1": {"Type": "Succeed"}}}},
          "B": {"Type": "Map", "End": true, "Label": "batch", "ItemProcessor": {
                  "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "B1", "States": {"B1": {"Type": "Succeed"}}}}}}
        """,
        DUPLICATE_LABEL_NAME, "/States/B/Label", "Duplicate Map label 'batch'");
  }
}
