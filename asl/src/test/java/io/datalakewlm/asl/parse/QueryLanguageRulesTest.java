package io.datalakewlm.asl.parse;

import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertClean;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertOnlyError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.oneState;
import static io.datalakewlm.asl.parse.DiagnosticCode.INVALID_JSONATA_EXPRESSION;
import static io.datalakewlm.asl.parse.DiagnosticCode.SCHEMA_VALIDATION_FAILED;
import static io.datalakewlm.asl.parse.DiagnosticCode.UNSUPPORTED_JSONATA_EXPRESSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.model.TaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two dialects in the validator: which fields each accepts, how they mix, and the checks of
 * JSONata values (syntax, what an expression may read, literal-or-expression fields).
 */
class QueryLanguageRulesTest {
  private static final String LAMBDA = "arn:aws:states:::lambda:invoke";

  /** A definition in JSONata with one state named S. */
  private static String jsonata(String state) {
    return "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S\", \"States\": {\"S\": " + state + "}}";
  }

  @Test
  void aJsonataStateMachineUsingEveryFieldIsValid() {
    assertClean(
        """
        {"QueryLanguage": "JSONata", "StartAt": "Task", "States": {
          "Task": {"Type": "Task", "Resource": "%s", "Arguments": {"FunctionName": "f", "Payload": "{%% $states.input %%}"},
            "TimeoutSeconds": "{%% $states.input.timeout %%}", "HeartbeatSeconds": 10,
            "Output": "{%% $states.result.Payload %%}", "Assign": {"count": "{%% $count($states.result.Payload.items) %%}"},
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed", "Output": "{%% $states.errorOutput %%}",
              "Assign": {"reason": "{%% $states.errorOutput.Cause %%}"}}],
            "Next": "Choose"},
          "Choose": {"Type": "Choice", "Choices": [
              {"Condition": "{%% $count > 1 %%}", "Next": "Wait", "Assign": {"many": true}, "Output": {"n": "{%% $count %%}"}}],
            "Default": "Each", "Assign": {"many": false}},
          "Wait": {"Type": "Wait", "Seconds": "{%% $count * 2 %%}", "Next": "Each"},
          "Each": {"Type": "Map", "Items": "{%% $states.input.items %%}", "MaxConcurrency": "{%% 2 %%}",
            "ItemSelector": {"item": "{%% $states.context.Map.Item.Value %%}", "index": "{%% $states.context.Map.Item.Index %%}"},
            "ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Pass", "Output": "{%% $states.input.item %%}", "End": true}}},
            "Next": "Both"},
          "Both": {"Type": "Parallel", "Arguments": "{%% $states.input %%}", "Branches": [
            {"StartAt": "B", "States": {"B": {"Type": "Succeed", "Output": {"many": "{%% $many %%}"}}}}], "Next": "Done"},
          "Done": {"Type": "Succeed", "Output": "{%% $states.input %%}"},
          "Failed": {"Type": "Fail", "Error": "{%% 'Task.' & $reason %%}", "Cause": "the task failed"}}}
        """.formatted(LAMBDA));
  }

  @Test
  void aJsonataStateMayStandInAJsonPathStateMachineButNotTheReverse() {
    assertClean(
        """
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Parameters": {"x.$": "$.x"}, "Next": "B"},
          "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.x + 1 %}", "End": true}}}
        """);
    assertOnlyError(
        jsonata("{\"Type\": \"Pass\", \"QueryLanguage\": \"JSONPath\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/QueryLanguage",
        "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
  }

  @Test
  void fieldsOfTheOtherDialectAreRejectedWithAwsMessage() {
    List<Diagnostic> diagnostics = DefinitionParser.validate(jsonata(
        "{\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"InputPath\": \"$.a\", \"Parameters\": {}, \"ResultPath\": \"$.r\", \"End\": true}"));
    for (String field : List.of("InputPath", "Parameters", "ResultPath")) {
      assertError(diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/" + field,
          "The QueryLanguage is set to 'JSONata', but field '" + field + "' is only supported for the 'JSONPath' QueryLanguage");
    }
    assertEquals(3, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"Output\": {\"a\": 1}, \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Output",
        "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage");
    assertOnlyError(
        """
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Condition": "{% true %}", "Next": "D"}]},
          "D": {"Type": "Succeed"}}}
        """,
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/Condition", "only supported for the 'JSONata' QueryLanguage");
    assertOnlyError(
        jsonata("{\"Type\": \"Map\", \"ItemsPath\": \"$.items\", \"End\": true, \"ItemProcessor\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Succeed\"}}}}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ItemsPath", "only supported for the 'JSONPath' QueryLanguage");
  }

  @Test
  void statesInsideAJsonataMapFollowTheStateMachineNotTheMap() {
    String map = """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "QueryLanguage": "JSONata", "Items": [1, 2], "End": true,
          "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", %s, "End": true}}}}}}""";
    assertClean(map.formatted("\"Parameters\": {\"v.$\": \"$\"}"));
    assertOnlyError(map.formatted("\"Output\": \"{% $states.input %}\""),
        SCHEMA_VALIDATION_FAILED, "/States/M/ItemProcessor/States/P/Output", "only supported for the 'JSONata' QueryLanguage");
    StateMachine machine = DefinitionParser.parse(map.formatted("\"Parameters\": {\"v.$\": \"$\"}"));
    MapState built = (MapState) machine.state("M");
    assertEquals(QueryLanguage.JSONATA, built.queryLanguage());
    assertEquals(QueryLanguage.JSONPATH, built.processor().state("P").queryLanguage());
  }

  @Test
  void aSyntaxErrorIsReportedWhereTheExpressionIs() {
    Diagnostic error = assertOnlyError(
        jsonata("{\"Type\": \"Pass\", \"Output\": {\"v\": [1, \"{% a[1,2) %}\"]}, \"End\": true}"),
        INVALID_JSONATA_EXPRESSION, "/States/S/Output/v/1", "Invalid JSONata expression {% a[1,2) %}");
    assertEquals("1:99", String.valueOf(error.position()), "the column of the array element");
    assertOnlyError(jsonata("{\"Type\": \"Pass\", \"Output\": \"{%  %}\", \"End\": true}"),
        INVALID_JSONATA_EXPRESSION, "/States/S/Output", "empty");
  }

  @Test
  void whatAnExpressionMayReadIsCheckedAsAwsChecksIt() {
    assertOnlyError(jsonata("{\"Type\": \"Pass\", \"Output\": \"{% $$.Execution.Id %}\", \"End\": true}"),
        UNSUPPORTED_JSONATA_EXPRESSION, "/States/S/Output", "Reference to '$$' is not supported.");
    assertOnlyError(jsonata("{\"Type\": \"Pass\", \"Output\": {\"v\": \"{% phone %}\"}, \"End\": true}"),
        UNSUPPORTED_JSONATA_EXPRESSION, "/States/S/Output/v", "Reference to 'phone' at the top level is not supported.");
    assertClean(jsonata(
        "{\"Type\": \"Pass\", \"Output\": \"{% $states.input.items[price > 3].{'n': name} ~> $map(function($v) {$v.n}) %}\", \"End\": true}"));
    assertOnlyError(
        jsonata("{\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"Arguments\": {\"r\": \"{% $states.result %}\"}, \"End\": true}"),
        UNSUPPORTED_JSONATA_EXPRESSION, "/States/S/Arguments/r", "Field '$states.result' does not exist here");
    assertOnlyError(jsonata("{\"Type\": \"Pass\", \"Assign\": {\"r\": \"{% $states.result %}\"}, \"End\": true}"),
        UNSUPPORTED_JSONATA_EXPRESSION, "/States/S/Assign/r", "Field '$states.result' does not exist here");
    assertOnlyError(
        jsonata("{\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"Output\": \"{% $states.errorOutput %}\", \"End\": true}"),
        UNSUPPORTED_JSONATA_EXPRESSION, "/States/S/Output", "Field '$states.errorOutput' does not exist here");
    assertOnlyError(jsonata("{\"Type\": \"Pass\", \"Output\": \"{% $states.inputs %}\", \"End\": true}"),
        UNSUPPORTED_JSONATA_EXPRESSION, "/States/S/Output", "Unknown field '$states.inputs'");
  }

  @Test
  void literalOrExpressionFieldsCheckTheirLiterals() {
    assertOnlyError(jsonata("{\"Type\": \"Wait\", \"Seconds\": \"ten\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Seconds", "Field 'Seconds' must be an integer");
    assertOnlyError(jsonata("{\"Type\": \"Wait\", \"Timestamp\": \"tomorrow\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Timestamp", "must be an RFC 3339 timestamp");
    assertClean(jsonata("{\"Type\": \"Wait\", \"Timestamp\": \"{% $states.input.when %}\", \"End\": true}"));
    assertOnlyError(jsonata("{\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"TimeoutSeconds\": 0, \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/TimeoutSeconds", "must be an integer between 1 and 99999999");
    assertOnlyError(jsonata("{\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"Arguments\": [1], \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Arguments", "must be an object or a JSONata expression");
    assertOnlyError(
        jsonata("{\"Type\": \"Map\", \"Items\": {\"a\": 1}, \"End\": true, \"ItemProcessor\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Succeed\"}}}}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Items", "must be an array or a JSONata expression");
    assertOnlyError(
        """
        {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Condition": "yes", "Next": "D"}]}, "D": {"Type": "Succeed"}}}
        """,
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/Condition", "must be a JSONata expression string");
    assertOnlyError(jsonata("{\"Type\": \"Fail\", \"Error\": \"States.Mine\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Error", "'States.Mine' is not a predefined error name");
  }

  @Test
  void theModelKeepsLiteralsAndCompilesExpressions() {
    StateMachine machine = DefinitionParser.parse(jsonata(
        "{\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"TimeoutSeconds\": \"{% $states.input.t %}\", \"HeartbeatSeconds\": 5, \"End\": true}"));
    TaskState task = (TaskState) machine.state("S");
    assertEquals(QueryLanguage.JSONATA, machine.queryLanguage());
    assertNull(task.timeoutSeconds());
    assertEquals("$states.input.t", task.timeoutExpression().text());
    assertEquals("TimeoutSeconds", task.timeoutExpression().field());
    assertEquals(5, task.heartbeatSeconds());
  }
}
