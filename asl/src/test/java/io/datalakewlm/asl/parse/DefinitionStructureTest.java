package io.datalakewlm.asl.parse;

import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertClean;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertOnlyError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.oneState;
import static io.datalakewlm.asl.parse.DiagnosticCode.DUPLICATE_STATE_NAME;
import static io.datalakewlm.asl.parse.DiagnosticCode.INVALID_JSON_DESCRIPTION;
import static io.datalakewlm.asl.parse.DiagnosticCode.INVALID_STATE_NAME;
import static io.datalakewlm.asl.parse.DiagnosticCode.MISSING_DESCRIPTION;
import static io.datalakewlm.asl.parse.DiagnosticCode.MISSING_END_STATE;
import static io.datalakewlm.asl.parse.DiagnosticCode.MISSING_TRANSITION_TARGET;
import static io.datalakewlm.asl.parse.DiagnosticCode.SCHEMA_VALIDATION_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules about the shape of a definition as a whole: JSON syntax, top-level fields, state
 * names, Next/End, transitions, reachability and terminal states.
 */
class DefinitionStructureTest {

  @Test
  void emptyTextIsAMissingDescription() {
    Diagnostic diagnostic = assertOnlyError("  \n", MISSING_DESCRIPTION, "", "empty");
    assertNull(diagnostic.position());
  }

  @Test
  void syntaxErrorIsReportedAtItsLineAndColumn() {
    Diagnostic diagnostic =
        assertOnlyError(
            """
            {"StartAt": "S",
             "States": {"S": {"Type": "Succeed"} "T": {}}}
            """,
            INVALID_JSON_DESCRIPTION, "", "not valid JSON");
    assertEquals(new Diagnostic.Position(2, 38), diagnostic.position());
  }

  @Test
  void contentAfterTheDefinitionIsASyntaxError() {
    assertOnlyError(oneState("{\"Type\": \"Succeed\"}") + " {}", INVALID_JSON_DESCRIPTION, "", "after the end");
  }

  @Test
  void definitionMustBeAnObject() {
    assertOnlyError("[1]", SCHEMA_VALIDATION_FAILED, "", "must be a JSON object");
  }

  @Test
  void startAtIsRequired() {
    assertOnlyError(
        "{\"States\": {\"S\": {\"Type\": \"Succeed\"}}}", SCHEMA_VALIDATION_FAILED, "", "Field 'StartAt' is required");
  }

  @Test
  void startAtMustNameAState() {
    assertOnlyError(
        "{\"StartAt\": \"Begin\", \"States\": {\"Begin \": {\"Type\": \"Succeed\"}}}",
        MISSING_TRANSITION_TARGET, "/StartAt", "Missing 'StartAt' target: Begin (did you mean 'Begin '?)");
  }

  @Test
  void statesMustNotBeEmpty() {
    assertOnlyError("{\"StartAt\": \"S\", \"States\": {}}", SCHEMA_VALIDATION_FAILED, "/States", "at least one state");
  }

  @Test
  void unknownTopLevelFieldSuggestsTheNearName() {
    assertOnlyError(
        "{\"Coment\": \"x\", \"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}",
        SCHEMA_VALIDATION_FAILED, "/Coment", "Field 'Coment' is not supported in the state machine (did you mean 'Comment'?)");
  }

  @Test
  void topLevelTimeoutMustBePositive() {
    assertOnlyError(
        "{\"TimeoutSeconds\": 0, \"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}",
        SCHEMA_VALIDATION_FAILED, "/TimeoutSeconds", "must be an integer between 1 and 99999999, not 0");
  }

  @Test
  void versionMustBeOnePointZero() {
    assertOnlyError(
        "{\"Version\": \"2.0\", \"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}",
        SCHEMA_VALIDATION_FAILED, "/Version", "must be '1.0'");
  }

  @Test
  void stateNamesAreAtMostEightyCharacters() {
    String name = "N".repeat(81);
    assertOnlyError(
        "{\"StartAt\": \"" + name + "\", \"States\": {\"" + name + "\": {\"Type\": \"Succeed\"}}}",
        INVALID_STATE_NAME, "/States/" + name, "1 to 80 characters");
    assertClean("{\"StartAt\": \"" + "N".repeat(80) + "\", \"States\": {\"" + "N".repeat(80) + "\": {\"Type\": \"Succeed\"}}}");
  }

  @Test
  void aStateNameUsedTwiceInOneStatesObjectIsADuplicate() {
    Diagnostic diagnostic =
        assertOnlyError(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Succeed"},
              "A": {"Type": "Pass", "End": true}}}
            """,
            DUPLICATE_STATE_NAME, "/States/A", "defined twice");
    assertEquals(new Diagnostic.Position(3, 3), diagnostic.position());
  }

  @Test
  void aStateNameRepeatedInsideAnItemProcessorIsADuplicateToo() {
    assertOnlyError(
        """
        {"StartAt": "M", "States": {
          "M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "W", "States": {
            "W": {"Type": "Succeed"}, "W": {"Type": "Succeed"}}}}}}
        """,
        DUPLICATE_STATE_NAME, "/States/M/ItemProcessor/States/W", "defined twice");
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"States\": {\"a\": 1, \"a\": 2}}}"),
        INVALID_JSON_DESCRIPTION, "/States/S/Parameters/States/a", "Duplicate field 'a'");
  }

  @Test
  void stateNamesMustBeUniqueAcrossBranches() {
    assertOnlyError(
        """
        {"StartAt": "A", "States": {
          "A": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}]}}}
        """,
        DUPLICATE_STATE_NAME, "/States/A/Branches/0/States/A", "first defined at /States/A");
  }

  @Test
  void aRepeatedKeyIsRejected() {
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"End\": true, \"End\": true}"),
        INVALID_JSON_DESCRIPTION, "/States/S/End", "Duplicate field 'End'");
  }

  @Test
  void typeIsRequired() {
    assertOnlyError(oneState("{\"End\": true}"), SCHEMA_VALIDATION_FAILED, "/States/S", "Field 'Type' is required");
  }

  @Test
  void unknownStateTypeSuggestsTheNearType() {
    assertOnlyError(
        oneState("{\"Type\": \"Taks\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Type", "Unknown state type 'Taks'");
    assertError(
        DefinitionParser.validate(oneState("{\"Type\": \"succeed\"}")),
        SCHEMA_VALIDATION_FAILED, "/States/S/Type", "(did you mean 'Succeed'?)");
  }

  @Test
  void stateMustBeAnObject() {
    assertOnlyError(oneState("\"Pass\""), SCHEMA_VALIDATION_FAILED, "/States/S", "must be a JSON object");
  }

  @Test
  void unknownFieldOfAStateSuggestsTheNearName() {
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"ResultPat\": \"$.x\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ResultPat", "is not supported in a Pass state (did you mean 'ResultPath'?)");
  }

  @Test
  void fieldsOfOtherStateTypesAreRejected() {
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"TimeoutSeconds\": 5, \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/TimeoutSeconds", "Field 'TimeoutSeconds' is not supported in a Pass state");
    assertOnlyError(
        oneState("{\"Type\": \"Wait\", \"Seconds\": 1, \"Retry\": [], \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Retry", "Field 'Retry' is not supported in a Wait state");
    assertOnlyError(
        oneState("{\"Type\": \"Fail\", \"InputPath\": \"$\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/InputPath", "Field 'InputPath' is not supported in a Fail state");
  }

  @Test
  void wrongFieldTypeNamesTheTypes() {
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"Comment\": 5, \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Comment", "Field 'Comment' must be a string, not a number 5");
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"End\": \"true\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/End", "must be a boolean (true or false), not a string \"true\"");
  }

  @Test
  void aStateCannotHaveBothNextAndEnd() {
    assertOnlyError(
        "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", \"Next\": \"T\", \"End\": true},"
            + " \"T\": {\"Type\": \"Succeed\"}}}",
        SCHEMA_VALIDATION_FAILED, "/States/S/End", "cannot have both 'Next' and 'End'");
  }

  @Test
  void aStateNeedsNextOrEnd() {
    assertOnlyError(oneState("{\"Type\": \"Pass\"}"), SCHEMA_VALIDATION_FAILED, "/States/S", "needs 'Next'");
    assertOnlyError(
        oneState("{\"Type\": \"Pass\", \"End\": false}"), SCHEMA_VALIDATION_FAILED, "/States/S/End", "\"End\": false needs a 'Next'");
  }

  @Test
  void terminalStateTypesHaveNeitherNextNorEnd() {
    assertOnlyError(
        oneState("{\"Type\": \"Succeed\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/End", "Field 'End' is not supported in a Succeed state");
    assertOnlyError(
        oneState("{\"Type\": \"Fail\", \"Next\": \"S\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Next", "Field 'Next' is not supported in a Fail state");
  }

  @Test
  void nextMustNameAStateOfTheSameScope() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Next": "Finished"},
              "Finish": {"Type": "Succeed"}}}
            """);
    assertError(
        diagnostics, MISSING_TRANSITION_TARGET, "/States/A/Next",
        "Missing 'Next' target: Finished (did you mean 'Finish'?)");
    assertError(diagnostics, MISSING_TRANSITION_TARGET, "/States/Finish", "not reachable");
    assertEquals(2, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }

  @Test
  void transitionsCannotLeaveABranch() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            """
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "Next": "Done", "Branches": [
                {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Next": "Done"}}}]},
              "Done": {"Type": "Succeed"}}}
            """);
    assertError(
        diagnostics, MISSING_TRANSITION_TARGET, "/States/P/Branches/0/States/Inner/Next",
        "state 'Done' is defined at /States/Done, in another scope");
    assertError(diagnostics, MISSING_END_STATE, "/States/P/Branches/0", "has no terminal state");
    assertEquals(2, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }

  @Test
  void catcherAndDefaultTargetsAreChecked() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}]},
              "C": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}],
                    "Default": "Retry"},
              "Done": {"Type": "Succeed"}}}
            """);
    assertError(diagnostics, MISSING_TRANSITION_TARGET, "/States/T/Catch/0/Next", "Missing 'Next' target: Recover");
    assertError(diagnostics, MISSING_TRANSITION_TARGET, "/States/C/Default", "Missing 'Default' target: Retry");
    assertEquals(2, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }

  @Test
  void unreachableStatesAreReported() {
    assertOnlyError(
        """
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "End": true},
          "Orphan": {"Type": "Succeed"}}}
        """,
        MISSING_TRANSITION_TARGET, "/States/Orphan", "State 'Orphan' is not reachable");
  }

  @Test
  void statesReachedOnlyThroughCatchersAndChoicesAreReachable() {
    assertClean(
        """
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}]},
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.retry", "BooleanEquals": true, "Next": "T"}],
                "Default": "F"},
          "F": {"Type": "Fail"}}}
        """);
  }

  @Test
  void aLoopWithoutATerminalStateIsMissingItsEnd() {
    assertOnlyError(
        """
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Next": "B"},
          "B": {"Type": "Wait", "Seconds": 1, "Next": "A"}}}
        """,
        MISSING_END_STATE, "", "Workflow has no terminal state");
  }
}
