package io.datalakewlm.asl.parse;

import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertClean;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertOnlyError;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.find;
import static io.datalakewlm.asl.parse.DiagnosticAssertions.oneState;
import static io.datalakewlm.asl.parse.DiagnosticCode.INVALID_RESOURCE;
import static io.datalakewlm.asl.parse.DiagnosticCode.NO_PATH;
import static io.datalakewlm.asl.parse.DiagnosticCode.SCHEMA_VALIDATION_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The field rules of Task, Wait, Fail, Pass and Parallel states, and of Retry and Catch. */
class StateRulesTest {
  private static final String LAMBDA = "\"Resource\": \"arn:aws:states:::lambda:invoke\"";

  // A Task state with the given extra fields, alone in a definition.
  private static String task(String fields) {
    return oneState("{\"Type\": \"Task\", " + LAMBDA + ", \"End\": true" + (fields.isEmpty() ? "" : ", " + fields) + "}");
  }

  @Test
  void taskNeedsAResource() {
    assertOnlyError(
        oneState("{\"Type\": \"Task\", \"End\": true}"), SCHEMA_VALIDATION_FAILED, "/States/S", "Field 'Resource' is required");
  }

  @Test
  void taskResourceMustBeAnArn() {
    assertOnlyError(
        oneState("{\"Type\": \"Task\", \"Resource\": \"lambda:invoke\", \"End\": true}"),
        INVALID_RESOURCE, "/States/S/Resource", "must be an ARN");
    assertClean(oneState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:eu-west-1:123456789012:function:f\", \"End\": true}"));
    assertClean(oneState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::glue:startJobRun.sync\", \"End\": true}"));
    assertClean(oneState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::aws-sdk:glue:startCrawler\", \"End\": true}"));
  }

  @Test
  void taskTimeoutIsFixedOrFromAPathNotBoth() {
    assertOnlyError(
        task("\"TimeoutSeconds\": 60, \"TimeoutSecondsPath\": \"$.t\""),
        SCHEMA_VALIDATION_FAILED, "/States/S/TimeoutSecondsPath", "'TimeoutSeconds' and 'TimeoutSecondsPath' cannot both be set");
    assertOnlyError(
        task("\"HeartbeatSeconds\": 6, \"HeartbeatSecondsPath\": \"$.h\""),
        SCHEMA_VALIDATION_FAILED, "/States/S/HeartbeatSecondsPath", "cannot both be set");
  }

  @Test
  void taskTimeoutMustBePositive() {
    assertOnlyError(task("\"TimeoutSeconds\": 0"), SCHEMA_VALIDATION_FAILED, "/States/S/TimeoutSeconds", "between 1 and 99999999");
    assertOnlyError(task("\"TimeoutSeconds\": 1.5"), SCHEMA_VALIDATION_FAILED, "/States/S/TimeoutSeconds", "must be an integer");
  }

  @Test
  void aPathInANumberFieldPointsToThePathVariant() {
    assertOnlyError(
        task("\"TimeoutSeconds\": \"$.timeout\""),
        SCHEMA_VALIDATION_FAILED, "/States/S/TimeoutSeconds", "(to take the value from a path, use 'TimeoutSecondsPath')");
  }

  @Test
  void heartbeatMustBeShorterThanTheTimeout() {
    assertOnlyError(
        task("\"TimeoutSeconds\": 60, \"HeartbeatSeconds\": 60"),
        SCHEMA_VALIDATION_FAILED, "/States/S/HeartbeatSeconds", "HeartbeatSeconds (60) must be smaller than TimeoutSeconds (60)");
    assertOnlyError(
        task("\"HeartbeatSeconds\": 99999999"),
        SCHEMA_VALIDATION_FAILED, "/States/S/HeartbeatSeconds", "TimeoutSeconds (99999999, the default)");
    assertClean(task("\"TimeoutSecondsPath\": \"$.t\", \"HeartbeatSeconds\": 600"));
  }

  @Test
  void credentialsNameOneRole() {
    assertClean(task("\"Credentials\": {\"RoleArn\": \"arn:aws:iam::123456789012:role/r\"}"));
    assertClean(task("\"Credentials\": {\"RoleArn.$\": \"$.role\"}"));
    assertOnlyError(task("\"Credentials\": {}"), SCHEMA_VALIDATION_FAILED, "/States/S/Credentials", "exactly one of 'RoleArn'");
  }

  @Test
  void retrierNeedsNonEmptyErrorEquals() {
    assertOnlyError(
        task("\"Retry\": [{\"MaxAttempts\": 2}]"), SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0", "Field 'ErrorEquals' is required");
    assertOnlyError(
        task("\"Retry\": [{\"ErrorEquals\": []}]"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0/ErrorEquals", "must not be an empty array");
    assertOnlyError(
        task("\"Retry\": [{\"ErrorEquals\": [42]}]"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0/ErrorEquals/0", "must be strings");
  }

  @Test
  void statesAllMustBeAloneAndLast() {
    assertOnlyError(
        task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\", \"Wlm.NoSlot\"]}]"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0/ErrorEquals", "'States.ALL' must appear alone");
    assertOnlyError(
        task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}, {\"ErrorEquals\": [\"Wlm.NoSlot\"]}]"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0/ErrorEquals", "A Retrier with 'States.ALL' must be the last one");
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            """
            {"StartAt": "S", "States": {
              "S": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"},
                              {"ErrorEquals": ["States.Timeout"], "Next": "F"}]},
              "F": {"Type": "Fail"}}}
            """);
    assertError(
        diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/Catch/0/ErrorEquals", "A Catcher with 'States.ALL' must be the last one");
    assertEquals(1, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }

  @Test
  void reservedErrorNamesMustBePredefined() {
    assertOnlyError(
        task("\"Retry\": [{\"ErrorEquals\": [\"States.TimeOut\"]}]"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0/ErrorEquals/0",
        "'States.TimeOut' is not a predefined error name; names starting with 'States.' are reserved"
            + " for the errors Step Functions raises (did you mean 'States.Timeout'?)");
    assertClean(
        task("\"Retry\": [{\"ErrorEquals\": [\"States.Timeout\", \"States.TaskFailed\", \"States.Http.StatusCode.503\","
            + " \"Glue.ConcurrentRunsExceededException\"]}]"));
  }

  @Test
  void retrierNumbersAreInAwsRanges() {
    String retrier = "\"Retry\": [{\"ErrorEquals\": [\"Wlm.NoSlot\"], %s}]";
    assertOnlyError(
        task(retrier.formatted("\"MaxAttempts\": -1")), SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0/MaxAttempts",
        "must be an integer between 0 and 99999999, not -1");
    assertOnlyError(
        task(retrier.formatted("\"BackoffRate\": 0.5")), SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0/BackoffRate",
        "must be at least 1, not 0.5");
    assertOnlyError(
        task(retrier.formatted("\"IntervalSeconds\": 0")), SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0/IntervalSeconds",
        "between 1 and 99999999");
    assertOnlyError(
        task(retrier.formatted("\"MaxDelaySeconds\": 0")), SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0/MaxDelaySeconds",
        "between 1 and 31622400");
    assertOnlyError(
        task(retrier.formatted("\"JitterStrategy\": \"Full\"")), SCHEMA_VALIDATION_FAILED,
        "/States/S/Retry/0/JitterStrategy", "must be one of 'FULL', 'NONE', not 'Full' (did you mean 'FULL'?)");
    assertOnlyError(
        task(retrier.formatted("\"Next\": \"S\"")), SCHEMA_VALIDATION_FAILED, "/States/S/Retry/0/Next",
        "Field 'Next' is not supported in a Retrier");
  }

  @Test
  void catcherNeedsNext() {
    assertOnlyError(
        task("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"]}]"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Catch/0", "Field 'Next' is required");
  }

  @Test
  void waitNeedsExactlyOneDuration() {
    assertOnlyError(
        oneState("{\"Type\": \"Wait\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S", "needs one of 'Seconds', 'Timestamp', 'SecondsPath' or 'TimestampPath'");
    assertOnlyError(
        oneState("{\"Type\": \"Wait\", \"Seconds\": 5, \"SecondsPath\": \"$.s\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/SecondsPath", "exactly one of");
  }

  @Test
  void waitSecondsAreNonNegative() {
    assertOnlyError(
        oneState("{\"Type\": \"Wait\", \"Seconds\": -5, \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Seconds", "between 0 and 99999999");
    assertClean(oneState("{\"Type\": \"Wait\", \"Seconds\": 0, \"End\": true}"));
  }

  @Test
  void waitTimestampIsRfc3339() {
    assertOnlyError(
        oneState("{\"Type\": \"Wait\", \"Timestamp\": \"2024-01-02 03:04:05\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Timestamp", "RFC 3339 timestamp");
    assertOnlyError(
        oneState("{\"Type\": \"Wait\", \"Timestamp\": \"2024-02-30T00:00:00Z\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Timestamp", "RFC 3339 timestamp");
    assertOnlyError(
        oneState("{\"Type\": \"Wait\", \"Timestamp\": \"$.until\", \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Timestamp", "use 'TimestampPath'");
    assertClean(oneState("{\"Type\": \"Wait\", \"Timestamp\": \"2024-01-02T03:04:05.250+01:00\", \"End\": true}"));
  }

  @Test
  void failTakesErrorOrErrorPathNotBoth() {
    assertOnlyError(
        oneState("{\"Type\": \"Fail\", \"Error\": \"E\", \"ErrorPath\": \"$.e\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ErrorPath", "'Error' and 'ErrorPath' cannot both be set");
    assertOnlyError(
        oneState("{\"Type\": \"Fail\", \"Cause\": \"C\", \"CausePath\": \"$.c\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/CausePath", "'Cause' and 'CausePath' cannot both be set");
  }

  @Test
  void failErrorMustNotTakeAReservedName() {
    assertOnlyError(
        oneState("{\"Type\": \"Fail\", \"Error\": \"States.Custom\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Error", "'States.Custom' is not a predefined error name");
  }

  @Test
  void failErrorThatLooksLikeAPathIsAWarning() {
    List<Diagnostic> diagnostics = DefinitionParser.validate(oneState("{\"Type\": \"Fail\", \"Cause\": \"$.cause\"}"));
    assertEquals(1, diagnostics.size());
    Diagnostic warning = find(diagnostics, NO_PATH, "/States/S/Cause");
    assertEquals(Diagnostic.Severity.WARNING, warning.severity());
    assertTrue(warning.message().contains("use 'CausePath'"));
    // a warning alone does not stop the parse
    DefinitionParser.parse(oneState("{\"Type\": \"Fail\", \"Cause\": \"$.cause\"}"));
  }

  @Test
  void failErrorPathTakesOnlyStringIntrinsics() {
    assertOnlyError(
        oneState("{\"Type\": \"Fail\", \"ErrorPath\": \"States.MathRandom(1, 9)\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/ErrorPath", "The intrinsic function States.MathRandom cannot be used in 'ErrorPath'");
  }

  @Test
  void failErrorPathMayBeAStringIntrinsic() {
    io.datalakewlm.asl.model.FailState fail =
        (io.datalakewlm.asl.model.FailState) DefinitionParser.parse(
            oneState("{\"Type\": \"Fail\", \"ErrorPath\": \"States.Format('Wlm.{}', $.kind)\","
                + " \"CausePath\": \"$.cause\"}")).state("S");
    assertTrue(fail.errorFunction() != null);
    assertTrue(fail.errorPath() == null);
    assertEquals("$.cause", fail.causePath().text());
    assertTrue(fail.causeFunction() == null);
    assertOnlyError(
        oneState("{\"Type\": \"Fail\", \"CausePath\": \"States.Format('{}'\"}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/CausePath", "is not a valid intrinsic function");
  }

  @Test
  void passResultWithPathsIsStaticWarning() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(oneState("{\"Type\": \"Pass\", \"Result\": {\"a\": {\"b.$\": \"$.x\"}}, \"End\": true}"));
    Diagnostic warning = find(diagnostics, DiagnosticCode.PASS_RESULT_IS_STATIC, "/States/S/Result/a/b.$");
    assertEquals(Diagnostic.Severity.WARNING, warning.severity());
    assertEquals(1, diagnostics.size());
  }

  @Test
  void parallelNeedsBranches() {
    assertOnlyError(
        oneState("{\"Type\": \"Parallel\", \"End\": true}"), SCHEMA_VALIDATION_FAILED, "/States/S", "Field 'Branches' is required");
    assertOnlyError(
        oneState("{\"Type\": \"Parallel\", \"Branches\": [], \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Branches", "must not be an empty array");
    assertOnlyError(
        oneState("{\"Type\": \"Parallel\", \"Branches\": [\"A\"], \"End\": true}"),
        SCHEMA_VALIDATION_FAILED, "/States/S/Branches/0", "must be an object");
  }

  @Test
  void eachBranchIsAValidStateMachine() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            oneState(
                """
                {"Type": "Parallel", "End": true, "Branches": [
                  {"States": {"A": {"Type": "Succeed"}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}, "QueryLanguage": "JSONPath"}]}
                """));
    assertError(diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/Branches/0", "Field 'StartAt' is required");
    assertError(
        diagnostics, SCHEMA_VALIDATION_FAILED, "/States/S/Branches/1/QueryLanguage",
        "Field 'QueryLanguage' is not supported in a Parallel branch");
    assertEquals(2, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }
}
