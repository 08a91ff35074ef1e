package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datalakewlm.asl.history.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PassAndChoiceTest {
  @Test
  void bracketNamesMayEscapeQuotesAndBackslashes() {
    Execution run = Harness.of("""
        {"StartAt": "P", "States": {"P": {"Type": "Pass",
          "Parameters": {"q.$": "$['it\\\\'s']", "d.$": "$[\\"say \\\\\\"hi\\\\\\"\\"]", "b.$": "$['c\\\\\\\\d']"}, "End": true}}}""")
        .run("{\"it's\": 1, \"say \\\"hi\\\"\": 2, \"c\\\\d\": 3}");
    assertEquals(json("{\"q\": 1, \"d\": 2, \"b\": 3}"), run.output());
  }

  @Test
  void aPassStateContextHasNoRetryCountAsItCannotRetry() {
    Execution run = Harness.of("""
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"state.$": "$$.State"}, "End": true}}}""")
        .run("{}");
    assertEquals(json("{\"state\": {\"EnteredTime\": \"2025-01-01T00:00:00Z\", \"Name\": \"P\"}}"), run.output());
  }

  @Test
  void passInjectsResultAtResultPathAsTheAwsExampleShows() {
    Execution run = Harness.of("""
        {"StartAt": "No-op", "States": {"No-op": {"Type": "Pass",
          "Result": {"x-datum": 0.381018, "y-datum": 622.2269926397355},
          "ResultPath": "$.coords", "End": true}}}""").run("{\"georefOf\": \"Home\"}");
    assertEquals(ExecutionStatus.SUCCEEDED, run.status());
    assertEquals(json("{\"georefOf\":\"Home\",\"coords\":{\"x-datum\":0.381018,\"y-datum\":622.2269926397355}}"), run.output());
  }

  @Test
  void passAppliesInputPathParametersAndOutputPathInOrder() {
    Execution run = Harness.of("""
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.order",
          "Parameters": {"id.$": "$.id", "greeting.$": "States.Format('Hello {}', $.name)", "state.$": "$$.State.Name"},
          "ResultPath": "$.shaped", "OutputPath": "$.shaped", "End": true}}}""")
        .run("{\"order\": {\"id\": 7, \"name\": \"Ada\"}}");
    assertEquals(json("{\"id\":7,\"greeting\":\"Hello Ada\",\"state\":\"P\"}"), run.output());
  }

  @Test
  void nullPathsDiscardAsTheSpecificationSays() {
    Execution run = Harness.of("""
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "ResultPath": null, "Next": "Q"},
          "Q": {"Type": "Pass", "OutputPath": null, "End": true}}}""").run("{\"a\": 1}");
    assertEquals(json("{}"), run.output());
  }

  private static String choice(String rule) {
    return """
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [%s], "Default": "No"},
          "Yes": {"Type": "Pass", "Result": "yes", "End": true},
          "No": {"Type": "Pass", "Result": "no", "End": true}}}""".formatted(rule);
  }

  @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "StringEquals|\"abc\"|\"abc\"|yes",
      "StringEquals|\"abc\"|\"abd\"|no",
      "StringEquals|\"1\"|1|no",
      "StringLessThan|\"b\"|\"a\"|yes",
      "StringGreaterThan|\"b\"|\"c\"|yes",
      "StringLessThanEquals|\"b\"|\"b\"|yes",
      "StringGreaterThanEquals|\"b\"|\"a\"|no",
      "StringMatches|\"log-*.txt\"|\"log-2020-01.txt\"|yes",
      "StringMatches|\"log-*.txt\"|\"log-2020-01.csv\"|no",
      "StringMatches|\"a\\\\*b\"|\"a*b\"|yes",
      "StringMatches|\"a\\\\*b\"|\"axb\"|no",
      "NumericEquals|10|10.0|yes",
      "NumericEquals|10|\"10\"|no",
      "NumericLessThan|10|9.5|yes",
      "NumericGreaterThan|10|11|yes",
      "NumericLessThanEquals|10|10|yes",
      "NumericGreaterThanEquals|10|9|no",
      "BooleanEquals|true|true|yes",
      "BooleanEquals|true|\"true\"|no",
      "TimestampEquals|\"2016-03-14T01:59:00Z\"|\"2016-03-14T02:59:00+01:00\"|yes",
      "TimestampLessThan|\"2016-03-14T01:59:00Z\"|\"2016-03-14T01:58:59Z\"|yes",
      "TimestampGreaterThan|\"2016-03-14T01:59:00Z\"|\"2016-03-14T01:59:01Z\"|yes",
      "TimestampLessThanEquals|\"2016-03-14T01:59:00Z\"|\"2016-03-14T01:59:00Z\"|yes",
      "TimestampGreaterThanEquals|\"2016-03-14T01:59:00Z\"|\"2016-03-14T01:58:00Z\"|no",
      "TimestampEquals|\"2016-03-14T01:59:00Z\"|\"yesterday\"|no",
      "IsNull|true|null|yes",
      "IsNull|false|null|no",
      "IsNumeric|true|1.5|yes",
      "IsString|true|\"s\"|yes",
      "IsString|false|2|yes",
      "IsBoolean|true|false|yes",
      "IsTimestamp|true|\"2016-03-14T01:59:00Z\"|yes",
      "IsTimestamp|true|\"2016-03-14\"|no",
      "IsPresent|true|0|yes"})
  void everyComparisonOperatorFollowsItsType(String operator, String operand, String value, String expected) {
    Execution run = Harness.of(choice("{\"Variable\": \"$.v\", \"%s\": %s, \"Next\": \"Yes\"}".formatted(operator, operand)))
        .run("{\"v\": " + value + "}");
    assertEquals(json("\"" + expected + "\""), run.output());
  }

  @ParameterizedTest(name = "{0}Path on {1} vs {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "StringEquals|\"a\"|\"a\"|yes",
      "NumericLessThan|1|2|yes",
      "NumericGreaterThanEquals|1|2|no",
      "BooleanEquals|true|true|yes",
      "TimestampGreaterThan|\"2020-01-02T00:00:00Z\"|\"2020-01-01T00:00:00Z\"|yes",
      "StringLessThanEquals|\"b\"|\"a\"|no"})
  void pathVariantsCompareWithAnotherValueOfTheInput(String operator, String value, String other, String expected) {
    Execution run = Harness.of(choice("{\"Variable\": \"$.v\", \"%sPath\": \"$.other\", \"Next\": \"Yes\"}".formatted(operator)))
        .run("{\"v\": " + value + ", \"other\": " + other + "}");
    assertEquals(json("\"" + expected + "\""), run.output());
  }

  @Test
  void isPresentIsTheOnlyTestThatToleratesAMissingVariable() {
    Execution present = Harness.of(choice("{\"Variable\": \"$.missing\", \"IsPresent\": false, \"Next\": \"Yes\"}")).run("{}");
    assertEquals(json("\"yes\""), present.output());

    Execution compared = Harness.of(choice("{\"Variable\": \"$.missing\", \"NumericEquals\": 1, \"Next\": \"Yes\"}")).run("{}");
    assertEquals(ExecutionStatus.FAILED, compared.status());
    assertEquals("States.Runtime", compared.error());
    assertEquals("An error occurred while executing the state 'C' (entered at the event id #2). "
        + "Invalid path '$.missing': The choice state's condition path references an invalid value.", compared.cause());
  }

  @Test
  void andOrNotCombineRulesLikeTheAwsExample() {
    String rule = """
        {"And": [{"Variable": "$.value", "IsPresent": true},
                 {"Variable": "$.value", "NumericGreaterThanEquals": 20},
                 {"Not": {"Variable": "$.value", "NumericEquals": 30}},
                 {"Or": [{"Variable": "$.type", "StringEquals": "Private"}, {"Variable": "$.value", "NumericLessThan": 25}]}],
         "Next": "Yes"}""";
    assertEquals(json("\"yes\""), Harness.of(choice(rule)).run("{\"value\": 22, \"type\": \"Public\"}").output());
    assertEquals(json("\"no\""), Harness.of(choice(rule)).run("{\"value\": 30, \"type\": \"Private\"}").output());
    assertEquals(json("\"yes\""), Harness.of(choice(rule)).run("{\"value\": 40, \"type\": \"Private\"}").output());
  }

  @Test
  void firstMatchingRuleWinsAndNoMatchWithoutDefaultFails() {
    Execution first = Harness.of("""
        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
            {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "A"},
            {"Variable": "$.n", "NumericGreaterThan": 0, "Next": "B"}]},
          "A": {"Type": "Pass", "Result": "A", "End": true},
          "B": {"Type": "Pass", "Result": "B", "End": true}}}""").run("{\"n\": 5}");
    assertEquals(json("\"A\""), first.output());

    Execution none = Harness.of("""
        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
            {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "A"}]},
          "A": {"Type": "Pass", "End": true}}}""").run("{\"n\": 0}");
    assertEquals(ExecutionStatus.FAILED, none.status());
    assertEquals("States.NoChoiceMatched", none.error());
    assertEquals(List.of(EventType.ExecutionStarted, EventType.ChoiceStateEntered, EventType.ExecutionFailed), Harness.types(none));
  }

  @Test
  void choiceAppliesInputPathToTheVariableAndOutputPathToTheOutput() {
    Execution run = Harness.of("""
        {"StartAt": "C", "States": {"C": {"Type": "Choice", "InputPath": "$.inner", "OutputPath": "$.keep",
            "Choices": [{"Variable": "$.flag", "BooleanEquals": true, "Next": "Done"}]},
          "Done": {"Type": "Succeed"}}}""").run("{\"inner\": {\"flag\": true, \"keep\": {\"k\": 1}}}");
    assertEquals(json("{\"k\":1}"), run.output());
  }
}
