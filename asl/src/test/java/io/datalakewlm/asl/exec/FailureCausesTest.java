package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datalakewlm.asl.task.TaskHandler;
import org.junit.jupiter.api.Test;

/**
 * The error and cause of each runtime failure, run end to end, against the text AWS gives for the
 * same definition and input (as AWS's execution histories on public record show it).
 */
class FailureCausesTest {
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:work";

  // Runs a definition and asserts the execution failed with the error and cause.
  private static void assertFails(String definition, String input, String error, String cause) {
    Execution run = Harness.of(definition).handler(FN, TaskHandler.sync(in -> in)).run(input);
    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals(error, run.error());
    assertEquals(cause, run.cause());
  }

  // A definition whose only state is a Pass with the given fields.
  private static String pass(String fields) {
    return "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", " + fields + ", \"End\": true}}}";
  }

  // A Wait that reads its time from the input.
  private static String waitOn(String fields) {
    return "{\"StartAt\": \"Pause\", \"States\": {\"Pause\": {\"Type\": \"Wait\", " + fields + ", \"End\": true}}}";
  }

  @Test
  void aParametersPathThatSelectsNothing() {
    // An AWS tutorial's history: state 'Check Address', entered at event #7 there (#2 here).
    assertFails(pass("\"Parameters\": {\"address.$\": \"$.application.address\"}"), "{\"flagged\":false}",
        "States.Runtime",
        "An error occurred while executing the state 'S' (entered at the event id #2). The JSONPath "
            + "'$.application.address' specified for the field 'address.$' could not be found in the input "
            + "'{\"flagged\":false}'");
  }

  @Test
  void anIntrinsicArgumentThatSelectsNothingNamesTheWholeCall() {
    assertFails(pass("\"Parameters\": {\"v.$\": \"States.Format('{}', States.Format('{}', $.nope))\"}"),
        "{\"other\":1}", "States.Runtime",
        "An error occurred while executing the state 'S' (entered at the event id #2). The function "
            + "'States.Format('{}', States.Format('{}', $.nope))' had the following error: The JsonPath argument "
            + "for the field '$.nope' could not be found in the input '{\"other\":1}'");
  }

  @Test
  void anOutputPathThatSelectsNothing() {
    assertFails(pass("\"OutputPath\": \"$.Payload\""), "{\"a\":1}", "States.Runtime",
        "An error occurred while executing the state 'S' (entered at the event id #2). "
            + "Invalid path '$.Payload' : No results for path: $['Payload']");
  }

  @Test
  void aChoiceVariableThatSelectsNothing() {
    assertFails("""
        {"StartAt": "IsDataset", "States": {"IsDataset": {"Type": "Choice", "Choices": [
          {"Variable": "$.processing_type", "StringEquals": "dataset", "Next": "Done"}], "Default": "Done"},
          "Done": {"Type": "Succeed"}}}""", "{}", "States.Runtime",
        "An error occurred while executing the state 'IsDataset' (entered at the event id #2). "
            + "Invalid path '$.processing_type': The choice state's condition path references an invalid value.");
  }

  @Test
  void aSecondsPathThatSelectsNothingOrNoWholeNumberOrANegativeOne() {
    String prefix = "An error occurred while executing the state 'Pause' (entered at the event id #2). ";
    assertFails(waitOn("\"SecondsPath\": \"$.delay\""), "{}", "States.Runtime",
        prefix + "The SecondsPath parameter does not reference an input value: $.delay");
    assertFails(waitOn("\"SecondsPath\": \"$.delay\""), "{\"delay\": 1.5}", "States.Runtime",
        prefix + "The SecondsPath parameter cannot be parsed as a long value: $.delay == 1.5");
    assertFails(waitOn("\"SecondsPath\": \"$.delay\""), "{\"delay\": \"soon\"}", "States.Runtime",
        prefix + "The SecondsPath parameter cannot be parsed as a long value: $.delay == soon");
    assertFails(waitOn("\"SecondsPath\": \"$.delay\""), "{\"delay\": -1}", "States.Runtime",
        prefix + "The SecondsPath parameter references a negative value: $.delay == -1");
  }

  @Test
  void aTimestampPathThatSelectsNothingOrNoTimestamp() {
    String prefix = "An error occurred while executing the state 'Pause' (entered at the event id #2). ";
    assertFails(waitOn("\"TimestampPath\": \"$.until\""), "{}", "States.Runtime",
        prefix + "The TimestampPath parameter does not reference an input value: $.until");
    assertFails(waitOn("\"TimestampPath\": \"$.until\""), "{\"until\": \"tomorrow\"}", "States.Runtime",
        prefix + "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time "
            + "format string: $.until == tomorrow");
  }

  @Test
  void theStatePrefixCountsTheEventsBeforeTheState() {
    // Started #1, First entered #2, exited #3, Second entered #4.
    assertFails("""
        {"StartAt": "First", "States": {"First": {"Type": "Pass", "Next": "Second"},
          "Second": {"Type": "Pass", "InputPath": "$.gone", "End": true}}}""", "{}", "States.Runtime",
        "An error occurred while executing the state 'Second' (entered at the event id #4). "
            + "Invalid path '$.gone' : No results for path: $['gone']");
  }

  @Test
  void aFailStateKeepsItsOwnErrorAndCauseWithoutThePrefix() {
    assertFails("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"States.Runtime\", "
        + "\"Cause\": \"as written\"}}}", "{}", "States.Runtime", "as written");
  }

  @Test
  void aStateOutputOver256KibIsDataLimitExceededNamingTheState() {
    String big = "x".repeat(262_144);
    assertFails(pass("\"Result\": \"" + big + "\""), "{}", "States.DataLimitExceeded",
        "The state/task 'S' returned a result with a size exceeding the maximum number of bytes service limit.");
  }

  @Test
  void aTaskResultOver256KibIsDataLimitExceededNamingTheResourceAndStatesAllDoesNotCatchIt() {
    String definition = """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "ResultPath": null,
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Succeed"}}}""".formatted(FN);
    Execution run = Harness.of(definition)
        .handler(FN, TaskHandler.sync(in -> json("\"" + "é".repeat(131_072) + "\""))).run("{}");
    assertEquals("States.DataLimitExceeded", run.error());
    assertEquals("The state/task '" + FN + "' returned a result with a size exceeding the maximum number of bytes "
        + "service limit.", run.cause());
  }

  @Test
  void anOutputOfExactly256KibPasses() {
    // The quotes count: 262,142 characters and two quotes are 262,144 bytes.
    Execution run = Harness.of(pass("\"Result\": \"" + "x".repeat(262_142) + "\"")).run("{}");
    assertEquals(ExecutionStatus.SUCCEEDED, run.status());
  }
}
