package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datalakewlm.asl.history.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitSucceedFailTest {
  private static String waitThenPass(String waitFields) {
    return """
        {"StartAt": "W", "States": {"W": {"Type": "Wait", %s, "Next": "Done"},
          "Done": {"Type": "Succeed"}}}""".formatted(waitFields);
  }

  @Test
  void secondsAdvanceTheVirtualClockWithoutSleeping() {
    Execution run = Harness.of(waitThenPass("\"Seconds\": 3600")).run("{\"a\": 1}");
    assertEquals(List.of(3600.0), Harness.secondsOf(run, EventType.WaitStateExited));
    assertEquals(json("{\"a\":1}"), run.output());
  }

  @Test
  void secondsPathReadsTheDelayFromTheInput() {
    Execution run = Harness.of(waitThenPass("\"SecondsPath\": \"$.delay\"")).run("{\"delay\": 90}");
    assertEquals(List.of(90.0), Harness.secondsOf(run, EventType.WaitStateExited));
  }

  @Test
  void timestampAndTimestampPathWaitUntilTheInstant() {
    // The runtime's virtual clock starts at 2025-01-01T00:00:00Z.
    Execution fixed = Harness.of(waitThenPass("\"Timestamp\": \"2025-01-01T01:00:00Z\"")).run("{}");
    assertEquals(List.of(3600.0), Harness.secondsOf(fixed, EventType.WaitStateExited));
    Execution fromInput = Harness.of(waitThenPass("\"TimestampPath\": \"$.until\"")).run("{\"until\": \"2025-01-01T00:10:00+00:00\"}");
    assertEquals(List.of(600.0), Harness.secondsOf(fromInput, EventType.WaitStateExited));
    Execution past = Harness.of(waitThenPass("\"Timestamp\": \"2020-01-01T00:00:00Z\"")).run("{}");
    assertEquals(List.of(0.0), Harness.secondsOf(past, EventType.WaitStateExited));
  }

  @Test
  void aSecondsPathThatIsNotANonNegativeIntegerIsARuntimeError() {
    Execution run = Harness.of(waitThenPass("\"SecondsPath\": \"$.delay\"")).run("{\"delay\": \"soon\"}");
    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals("States.Runtime", run.error());
  }

  @Test
  void failEndsWithItsErrorAndCause() {
    Execution run = Harness.of("""
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Wlm.Abandoned", "Cause": "missing sales"}}}""").run("{}");
    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals("Wlm.Abandoned", run.error());
    assertEquals("missing sales", run.cause());
    assertEquals(List.of(EventType.ExecutionStarted, EventType.FailStateEntered, EventType.ExecutionFailed), Harness.types(run));
  }

  @Test
  void failReadsErrorAndCauseFromPaths() {
    Execution run = Harness.of("""
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}}}""")
        .run("{\"e\": \"Custom.Error\", \"c\": \"because\"}");
    assertEquals("Custom.Error", run.error());
    assertEquals("because", run.cause());
  }

  @Test
  void succeedOutputsItsFilteredInput() {
    Execution run = Harness.of("""
        {"StartAt": "S", "States": {"S": {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}}}""")
        .run("{\"a\": {\"b\": [1, 2]}}");
    assertEquals(json("[1,2]"), run.output());
  }
}
