package io.datalakewlm.asl.parse;

import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertClean;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertOnlyError;
import static io.datalakewlm.asl.parse.DiagnosticCode.SCHEMA_VALIDATION_FAILED;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of a Choice state and its rules. */
class ChoiceRulesTest {

  // A Choice state C whose only rule is `rule` plus "Next": "Done".
  private static String choice(String rule) {
    return """
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [%s]},
          "Done": {"Type": "Succeed"}}}
        """.formatted(rule);
  }

  @Test
  void choicesAreRequiredAndNotEmpty() {
    assertOnlyError(
        "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Default\": \"D\"}, \"D\": {\"Type\": \"Succeed\"}}}",
        SCHEMA_VALIDATION_FAILED, "/States/C", "Field 'Choices' is required");
    assertOnlyError(
        "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": [], \"Default\": \"D\"},"
            + " \"D\": {\"Type\": \"Succeed\"}}}",
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices", "must not be an empty array");
  }

  @Test
  void topLevelRulesNeedNext() {
    assertError(
        DefinitionParser.validate(choice("{\"Variable\": \"$.x\", \"IsPresent\": true}")),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0", "Field 'Next' is required");
  }

  @Test
  void nestedRulesMustNotHaveNext() {
    assertOnlyError(
        choice("{\"Not\": {\"Variable\": \"$.x\", \"IsNull\": true, \"Next\": \"Done\"}, \"Next\": \"Done\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/Not/Next", "'Next' belongs on the top-level rules");
  }

  @Test
  void aRuleNeedsAnOperator() {
    assertOnlyError(
        choice("{\"Variable\": \"$.x\", \"Next\": \"Done\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0", "needs a 'Variable' and one comparison operator");
  }

  @Test
  void aRuleTakesExactlyOneOperator() {
    assertOnlyError(
        choice("{\"Variable\": \"$.x\", \"StringEquals\": \"a\", \"IsPresent\": true, \"Next\": \"Done\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0", "exactly one operator, but this one has StringEquals, IsPresent");
  }

  @Test
  void aComparisonNeedsAVariable() {
    assertOnlyError(
        choice("{\"StringEquals\": \"a\", \"Next\": \"Done\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0", "Field 'Variable' is required");
  }

  @Test
  void combinatorsTakeNoVariable() {
    assertOnlyError(
        choice("{\"Variable\": \"$.x\", \"And\": [{\"Variable\": \"$.x\", \"IsNull\": false}], \"Next\": \"Done\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/Variable", "'Variable' cannot be used with 'And'");
  }

  @Test
  void andOrNeedNonEmptyListsOfRules() {
    assertOnlyError(
        choice("{\"Or\": [], \"Next\": \"Done\"}"), SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/Or", "must not be an empty array");
    assertOnlyError(
        choice("{\"And\": [{\"Variable\": \"$.x\"}], \"Next\": \"Done\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/And/0", "needs a 'Variable' and one comparison operator");
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "StringEquals | 5 | must be a string, not a number 5",
        "StringLessThan | true | must be a string, not a boolean true",
        "NumericEquals | \"5\" | must be a number, not a string \"5\"",
        "NumericGreaterThanEquals | null | must be a number, not null",
        "BooleanEquals | \"true\" | must be a boolean (true or false), not a string",
        "IsNull | \"yes\" | must be a boolean (true or false), not a string",
        "IsTimestamp | 1 | must be a boolean (true or false), not a number",
        "TimestampEquals | 5 | must be a timestamp string, not a number",
        "TimestampLessThan | \"2024-01-01\" | must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z",
        "StringEqualsPath | \"x\" | is not a valid JSONPath",
        "NumericLessThanPath | 5 | must be a path string, not a number"
      })
  void operandsHaveTheOperatorsType(String operator, String operand, String message) {
    assertOnlyError(
        choice("{\"Variable\": \"$.x\", \"" + operator + "\": " + operand + ", \"Next\": \"Done\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/" + operator, message);
  }

  @Test
  void everyOperatorAcceptsItsType() {
    assertClean(
        choice(
            """
            {"And": [
              {"Variable": "$.s", "StringGreaterThanEquals": "m"},
              {"Variable": "$.s", "StringMatches": "log-*.txt"},
              {"Variable": "$.n", "NumericLessThan": 1.5},
              {"Variable": "$.b", "BooleanEqualsPath": "$.other"},
              {"Variable": "$.t", "TimestampGreaterThan": "2024-01-01T00:00:00Z"},
              {"Variable": "$$.Execution.Input.x", "IsString": false},
              {"Not": {"Variable": "$.x", "IsNumeric": true}}],
             "Next": "Done"}
            """));
  }

  @Test
  void stringMatchesEscapesOnlyStarAndBackslash() {
    assertClean(choice("{\"Variable\": \"$.x\", \"StringMatches\": \"a\\\\*b\\\\\\\\c*\", \"Next\": \"Done\"}"));
    assertOnlyError(
        choice("{\"Variable\": \"$.x\", \"StringMatches\": \"a\\\\db\", \"Next\": \"Done\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/StringMatches", "escapes neither '*' nor '\\'");
  }

  @Test
  void unknownOperatorSuggestsTheNearOne() {
    assertError(
        DefinitionParser.validate(choice("{\"Variable\": \"$.x\", \"StringEqual\": \"a\", \"Next\": \"Done\"}")),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/StringEqual", "(did you mean 'StringEquals'?)");
  }

  @Test
  void typeTestsHaveNoPathVariant() {
    assertError(
        DefinitionParser.validate(choice("{\"Variable\": \"$.x\", \"IsNullPath\": \"$.y\", \"Next\": \"Done\"}")),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/IsNullPath", "Field 'IsNullPath' is not supported in a Choice rule");
  }

  @Test
  void variableMustBeAPath() {
    assertOnlyError(
        choice("{\"Variable\": \"x\", \"IsPresent\": true, \"Next\": \"Done\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/Variable", "is not a valid JSONPath");
  }
}
