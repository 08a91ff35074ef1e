package io.datalakewlm.asl.parse;

import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertClean;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertOnlyError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.find;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.oneState;
import static io.datalakewlm.asl.parse.DiagnosticCode.NO_DOLLAR;
import static io.datalakewlm.asl.parse.DiagnosticCode.SCHEMA_VALIDATION_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Paths in path fields, and payload templates, are compiled and checked where they are written. */
class ExpressionRulesTest {

  // A Pass state with the given extra fields.
  private static String pass(String fields) {
    return oneState("{\"Type\": \"Pass\", \"End\": true, " + fields + "}");
  }

  @Test
  void aPathThatDoesNotParseIsReportedWithTheParsersReason() {
    Diagnostic diagnostic =
        assertOnlyError(pass("\"InputPath\": \"$.a[\""), SCHEMA_VALIDATION_FAILED, "/States/S/InputPath", "is not a valid JSONPath: $.a[");
    assertTrue(diagnostic.message().length() > "is not a valid JSONPath: $.a[: ".length() + 20, diagnostic::message);
  }

  @Test
  void inputAndOutputPathsMayBeAnyPath() {
    assertClean(pass("\"InputPath\": \"$.items[?(@.ready == true)]\", \"OutputPath\": \"$..id\""));
    assertClean(pass("\"InputPath\": \"$$.Execution.Input\""));
  }

  @Test
  void resultPathIsAReferencePathIntoTheInput() {
    assertOnlyError(
        pass("\"ResultPath\": \"$.a[*]\""), SCHEMA_VALIDATION_FAILED, "/States/S/ResultPath", "must be a reference path");
    assertOnlyError(
        pass("\"ResultPath\": \"$$.Execution.Name\""),
        SCHEMA_VALIDATION_FAILED, "/States/S/ResultPath", "must be a path into the state input");
    assertClean(pass("\"ResultPath\": \"$.a.b[0]\""));
  }

  @Test
  void pathFieldsAreStrings() {
    assertOnlyError(
        pass("\"InputPath\": 5"), SCHEMA_VALIDATION_FAILED, "/States/S/InputPath", "must be a path string or null, not a number 5");
    assertOnlyError(
        oneState("{\"Type\": \"Wait\", \"SecondsPath\": null, \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/SecondsPath", "must be a path string, not null");
  }

  @Test
  void referencePathFieldsRejectFilters() {
    assertOnlyError(
        oneState("{\"Type\": \"Wait\", \"SecondsPath\": \"$.waits[0:2]\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/SecondsPath", "must be a reference path");
  }

  @Test
  void templatesMustBeObjects() {
    assertOnlyError(pass("\"Parameters\": [1, 2]"), SCHEMA_VALIDATION_FAILED, "/States/S/Parameters", "must be an object");
  }

  @Test
  void aTemplateValueThatLooksLikeAPathUnderAPlainKeyIsAWarning() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(pass("\"Parameters\": {\"job\": {\"name\": \"$.jobName\", \"ok.$\": \"$.x\"}}"));
    Diagnostic warning = find(diagnostics, NO_DOLLAR, "/States/S/Parameters/job/name");
    assertEquals(Diagnostic.Severity.WARNING, warning.severity());
    assertTrue(warning.message().contains("did you mean 'name.$'?"), warning::message);
    assertEquals(1, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }

  @Test
  void everyTemplateIssueIsReportedWhereItIs() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            oneState(
                """
                {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "End": true,
                 "Parameters": {"JobName.$": "$.job[", "Arguments": {"--run id.$": "States.Nope(1)"}},
                 "ResultSelector": {"items": [{"n.$": 5}]}}
                """));
    assertEquals(3, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
    assertTrue(
        find(diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/Parameters/JobName.$")
            .message().startsWith("Invalid payload template in 'Parameters': "));
    find(diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/Parameters/Arguments/--run id.$");
    assertTrue(
        find(diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/ResultSelector/items/0/n.$")
            .message().contains("must be a string holding a path"));
  }

  @Test
  void templatesAreCheckedInEveryFieldThatHoldsOne() {
    String bad = "{\"x.$\": \"nope\"}";
    assertOnlyError(pass("\"Parameters\": " + bad), SCHEMA_VALIDATION_FAILED, "/States/S/Parameters/x.$", "must be a path");
    assertOnlyError(
        oneState("{\"Type\": \"Map\", \"End\": true, \"ItemSelector\": " + bad + ", \"ItemProcessor\":"
            + " {\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Succeed\"}}}}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemSelector/x.$", "must be a path");
    assertOnlyError(
        oneState("{\"Type\": \"Parallel\", \"End\": true, \"ResultSelector\": " + bad + ", \"Branches\":"
            + " [{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Succeed\"}}}]}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ResultSelector/x.$", "must be a path");
    assertOnlyError(
        oneState("{\"Type\": \"Map\", \"End\": true, \"ItemBatcher\": {\"MaxItemsPerBatch\": 5, \"BatchInput\": " + bad
            + "}, \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"},"
            + " \"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Succeed\"}}}}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemBatcher/BatchInput/x.$", "must be a path");
  }

  @Test
  void templatesWithIntrinsicsAndContextPathsAreValid() {
    assertClean(
        pass("\"Parameters\": {\"id.$\": \"States.Format('{}-{}', $$.Execution.Name, $.n)\", \"all.$\": \"$\","
            + " \"list\": [{\"u.$\": \"States.UUID()\"}]}"));
  }

  @Test
  void aTemplateReadingAVariableNoStateAssignsIsWarnedAbout() {
    java.util.List<Diagnostic> diagnostics = DefinitionParser.validate(pass("\"Parameters\": {\"n.$\": \"$count\"}"));
    assertEquals(1, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
    Diagnostic warning = diagnostics.get(0);
    assertEquals(DiagnosticCode.POSSIBLY_UNDEFINED_VARIABLE, warning.code());
    assertEquals(Diagnostic.Severity.WARNING, warning.severity());
    assertEquals("/States/S/Parameters/n.$", warning.location());
    assertTrue(warning.message().startsWith("Variable 'count' is possibly not defined"), warning.message());
  }

  @Test
  void locationsOfTemplateIssuesAreResolvedInsideTheDefinition() {
    assertEquals(
        "/States/S/Parameters/a/b.$/0",
        TemplateLocations.resolve(com.fasterxml.jackson.core.JsonPointer.compile("/States/S/Parameters"), "$['a']['b.$'][0]")
            .toString());
    assertEquals(
        "/States/S/Parameters/it's",
        TemplateLocations.resolve(com.fasterxml.jackson.core.JsonPointer.compile("/States/S/Parameters"), "$['it\\'s']")
            .toString());
    assertEquals(
        "/States/S/Parameters/a/b",
        TemplateLocations.resolve(com.fasterxml.jackson.core.JsonPointer.compile("/States/S/Parameters"), "$.a.b")
            .toString());
    assertEquals(
        "/States/S/Parameters",
        TemplateLocations.resolve(com.fasterxml.jackson.core.JsonPointer.compile("/States/S/Parameters"), "somewhere")
            .toString());
  }
}
