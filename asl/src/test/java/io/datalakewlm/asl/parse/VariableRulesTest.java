package io.datalakewlm.asl.parse;

import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertClean;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertOnlyError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.find;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.oneState;
import static io.datalakewlm.asl.parse.DiagnosticCode.DUPLICATE_VARIABLE_NAME;
import static io.datalakewlm.asl.parse.DiagnosticCode.POSSIBLY_UNDEFINED_VARIABLE;
import static io.datalakewlm.asl.parse.DiagnosticCode.SCHEMA_VALIDATION_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Variable names, scopes and reads, as the validator checks them in both dialects. */
class VariableRulesTest {

  /** One warning (and nothing else) with {@code code} at {@code location}. */
  private static Diagnostic onlyWarning(String json, DiagnosticCode code, String location) {
    List<Diagnostic> diagnostics = DefinitionParser.validate(json);
    assertEquals(1, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
    Diagnostic warning = find(diagnostics, code, location);
    assertFalse(warning.isError(), () -> "not a warning: " + warning);
    return warning;
  }

  @Test
  void assignedVariablesCanBeReadInBothDialects() {
    assertClean(
        """
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Assign": {"x": 1, "y.$": "$.y", "z.$": "States.Format('{}', $.y)"}, "Next": "B"},
          "B": {"Type": "Pass", "Parameters": {"x.$": "$x", "both.$": "States.Array($x, $y)", "lit.$": "States.Format('$notRead {}', $z)"},
            "Next": "C"},
          "C": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $x + $y %}", "Next": "D"},
          "D": {"Type": "Choice", "Choices": [{"Variable": "$x", "NumericEquals": 1, "Next": "E"}], "Default": "E"},
          "E": {"Type": "Succeed"}}}
        """);
  }

  @Test
  void invalidNamesAreRejected() {
    for (String name : List.of("1x", "a-b", "states", "")) {
      List<Diagnostic> diagnostics = DefinitionParser.validate(oneState("{\"Type\": \"Pass\", \"Assign\": {\"" + name + "\": 1}, \"End\": true}"));
      Diagnostic error = find(diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/Assign/" + name);
      assertTrue(error.message().startsWith("Invalid variable name '" + name + "'"), error.message());
    }
    assertOnlyError(oneState("{\"Type\": \"Pass\", \"Assign\": {\"" + "v".repeat(81) + "\": 1}, \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Assign/" + "v".repeat(81), "1 to 80 characters");
    assertClean(oneState("{\"Type\": \"Pass\", \"Assign\": {\"_private\": 1, \"naïve2\": 2}, \"End\": true}"));
  }

  @Test
  void aReadOfAVariableNoStateAssignsIsWarnedAbout() {
    Diagnostic warning = onlyWarning(
        "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S\", \"States\": {\"S\": "
            + "{\"Type\": \"Pass\", \"Output\": {\"n\": \"{% $missing %}\"}, \"End\": true}}}",
        POSSIBLY_UNDEFINED_VARIABLE, "/States/S/Output/n");
    assertTrue(warning.message().startsWith("Variable 'missing' is possibly not defined"), warning.message());
    onlyWarning(oneState("{\"Type\": \"Pass\", \"InputPath\": \"$batch.items\", \"End\": true}"),
        POSSIBLY_UNDEFINED_VARIABLE, "/States/S/InputPath");
    assertClean("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S\", \"States\": {\"S\": "
        + "{\"Type\": \"Pass\", \"Output\": \"{% ($local := 2; $map([1], function($v) {$v * $local})) %}\", \"End\": true}}}");
  }

  @Test
  void innerScopesReadOuterVariablesButDoNotReassignThem() {
    String definition = """
        {"StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Assign": {"total": 0}, "Next": "Each"},
          "Each": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Inner", "States": {
            "Inner": {"Type": "Pass", "Parameters": {"t.$": "$total"}, "Assign": {%s}, "End": true}}}}}}""";
    assertClean(definition.formatted("\"mine\": 1"));
    Diagnostic error = assertOnlyError(definition.formatted("\"total\": 1"),
        DUPLICATE_VARIABLE_NAME, "/States/Each/ItemProcessor/States/Inner/Assign/total",
        "The variable name 'total' was already defined in a parent scope (at /States/Init/Assign/total)");
    assertTrue(error.isError());
  }

  @Test
  void siblingBranchesDoNotSeeEachOthersVariables() {
    onlyWarning(
        """
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"fromA": 1}, "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Pass", "Parameters": {"a.$": "$fromA"}, "End": true}}}]}}}
        """,
        POSSIBLY_UNDEFINED_VARIABLE, "/States/P/Branches/1/States/B/Parameters/a.$");
  }

  @Test
  void aDistributedMapCannotReadOuterVariables() {
    Diagnostic warning = onlyWarning(
        """
        {"StartAt": "Init", "States": {
          "Init": {"Type": "Pass", "Assign": {"limit": 5}, "Next": "Each"},
          "Each": {"Type": "Map", "End": true, "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Parameters": {"l.$": "$limit"}, "End": true}}}}}}
        """,
        POSSIBLY_UNDEFINED_VARIABLE, "/States/Each/ItemProcessor/States/Inner/Parameters/l.$");
    assertTrue(warning.message().contains("Distributed Map's child executions cannot read outer variables"), warning.message());
  }
}
