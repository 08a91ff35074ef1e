package io.datalakewlm.asl.parse;

import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertOnlyError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.oneState;
import static io.datalakewlm.asl.parse.DiagnosticCode.SCHEMA_VALIDATION_FAILED;
import static io.datalakewlm.asl.parse.DiagnosticCode.UNSUPPORTED_FEATURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JSONata and workflow variables are valid States Language that this runtime does not run yet:
 * each use gets one clear error instead of being accepted and half-run.
 */
class UnsupportedFeaturesTest {

  @Test
  void aJsonataStateMachineIsReportedOnce() {
    String json =
        """
        {"QueryLanguage": "JSONata", "StartAt": "S", "States": {
          "S": {"Type": "Pass", "End": true}}}
        """;
    assertOnlyError(json, UNSUPPORTED_FEATURE, "/QueryLanguage", "this runtime does not support JSONata yet");
    assertThrows(InvalidDefinitionException.class, () -> DefinitionParser.parse(json));
  }

  @Test
  void aJsonataStateAndEachOfItsJsonataFieldsAreReported() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            oneState(
                "{\"Type\": \"Task\", \"QueryLanguage\": \"JSONata\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                    + " \"Arguments\": {\"FunctionName\": \"f\"}, \"Output\": \"{% $states.result %}\", \"End\": true}"));
    assertError(diagnostics, UNSUPPORTED_FEATURE, "/States/S/QueryLanguage", "does not support JSONata yet");
    assertError(diagnostics, UNSUPPORTED_FEATURE, "/States/S/Arguments", "Field 'Arguments' is valid, but this runtime does not support JSONata yet");
    assertError(diagnostics, UNSUPPORTED_FEATURE, "/States/S/Output", "does not support JSONata yet");
    assertEquals(3, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }

  @Test
  void jsonPathFieldsInAJsonataStateAreRejected() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            oneState("{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\", \"InputPath\": \"$.a\", \"End\": true}"));
    assertError(
        diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/InputPath",
        "The QueryLanguage is 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage");
  }

  @Test
  void aJsonPathStateCannotSitInAJsonataStateMachine() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            """
            {"QueryLanguage": "JSONata", "StartAt": "S", "States": {
              "S": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}
            """);
    assertError(diagnostics, UNSUPPORTED_FEATURE, "/QueryLanguage", "does not support JSONata yet");
    assertError(
        diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/QueryLanguage",
        "cannot use QueryLanguage 'JSONPath' when the state machine's QueryLanguage is 'JSONata'");
    assertEquals(2, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }

  @Test
  void statesInsideAJsonataMapAreStillChecked() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            oneState(
                """
                {"Type": "Map", "QueryLanguage": "JSONata", "End": true, "ItemProcessor": {
                  "StartAt": "W", "States": {"W": {"Type": "Pass", "Next": "Gone"}}}}
                """));
    assertError(diagnostics, UNSUPPORTED_FEATURE, "/States/S/QueryLanguage", "JSONata");
    assertError(
        diagnostics, DiagnosticCode.MISSING_TRANSITION_TARGET, "/States/S/ItemProcessor/States/W/Next", "Missing 'Next' target: Gone");
  }

  @Test
  void assignIsReportedAsWorkflowVariables() {
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"Assign\": {\"count\": 1}, \"End\": true}"),
        UNSUPPORTED_FEATURE, "/States/S/Assign", "this runtime does not support workflow variables yet");
  }

  @Test
  void aJsonataOnlyFieldInAJsonPathStateIsASchemaError() {
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"Output\": {\"a\": 1}, \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Output",
        "The QueryLanguage is 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage"
            + " (and this runtime does not run JSONata yet)");
    assertOnlyError(
        """
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Condition": "{% true %}", "Next": "D"}]},
          "D": {"Type": "Succeed"}}}
        """,
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/Condition", "only supported for the 'JSONata' QueryLanguage");
  }

  @Test
  void readingAWorkflowVariableIsUnsupported() {
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"InputPath\": \"$batch.items\", \"End\": true}"),
        UNSUPPORTED_FEATURE, "/States/S/InputPath", "reads the workflow variable '$batch'");
  }

  @Test
  void anUnknownQueryLanguageIsASchemaError() {
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONPATH\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/QueryLanguage", "must be one of 'JSONPath', 'JSONata', not 'JSONPATH' (did you mean 'JSONPath'?)");
  }
}
