package io.datalakewlm.asl.exec;

import static io.datalakewlm.asl.exec.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.task.TaskHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskTest {
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:work";
  private static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:work";

  private static String task(String extra) {
    String recovered = extra.contains("Recovered") ? ", \"Recovered\": {\"Type\": \"Pass\", \"End\": true}" : "";
    return """
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "%s" %s, "End": true}%s}}""".formatted(FN, extra, recovered);
  }

  /** Fails the first {@code failures} calls with {@code error}, then answers {"ok": true}. */
  private static TaskHandler failing(int failures, String error) {
    AtomicInteger calls = new AtomicInteger();
    return TaskHandler.sync(input -> {
      if (calls.getAndIncrement() < failures) {
        throw new StatesError(error, "attempt " + calls.get());
      }
      return json("{\"ok\": true}");
    });
  }

  @Test
  void resultSelectorResultPathAndOutputPathShapeTheTaskResult() {
    Execution run = Harness.of("""
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
          "Parameters": {"cluster.$": "$.cluster"},
          "ResultSelector": {"id.$": "$.ClusterId", "state.$": "$.Status.State"},
          "ResultPath": "$.result", "OutputPath": "$.result", "End": true}}}""".formatted(FN))
        .handler(FN, TaskHandler.sync(input -> json("{\"ClusterId\": \"j-1\", \"Status\": {\"State\": \"WAITING\"}, \"Cluster\": \"" + input.get("cluster").asText() + "\"}")))
        .run("{\"cluster\": \"c1\"}");
    assertEquals(json("{\"id\":\"j-1\",\"state\":\"WAITING\"}"), run.output());
  }

  @Test
  void retriesBackOffExponentiallyAndSucceed() {
    Execution run = Harness.of(task(", \"Retry\": [{\"ErrorEquals\": [\"Busy\"], \"IntervalSeconds\": 2, \"MaxAttempts\": 3, \"BackoffRate\": 2}]"))
        .handler(FN, failing(3, "Busy")).run("{}");
    assertEquals(ExecutionStatus.SUCCEEDED, run.status());
    assertEquals(List.of(0.0, 2.0, 6.0, 14.0), Harness.secondsOf(run, EventType.LambdaFunctionScheduled));
  }

  @Test
  void maxDelaySecondsCapsTheBackoff() {
    Execution run = Harness.of(task(", \"Retry\": [{\"ErrorEquals\": [\"Busy\"], \"IntervalSeconds\": 10, \"MaxAttempts\": 4, \"BackoffRate\": 3, \"MaxDelaySeconds\": 20}]"))
        .handler(FN, failing(4, "Busy")).run("{}");
    assertEquals(List.of(0.0, 10.0, 30.0, 50.0, 70.0), Harness.secondsOf(run, EventType.LambdaFunctionScheduled));
  }

  @Test
  void fullJitterDrawsEachDelayBelowTheBackoffAndRepeatsPerSeed() {
    String definition = task(", \"Retry\": [{\"ErrorEquals\": [\"Busy\"], \"IntervalSeconds\": 10, \"MaxAttempts\": 3, \"JitterStrategy\": \"FULL\"}]");
    List<Double> first = Harness.secondsOf(Harness.of(definition).handler(FN, failing(3, "Busy")).seed(7).run("{}"), EventType.LambdaFunctionScheduled);
    List<Double> again = Harness.secondsOf(Harness.of(definition).handler(FN, failing(3, "Busy")).seed(7).run("{}"), EventType.LambdaFunctionScheduled);
    List<Double> other = Harness.secondsOf(Harness.of(definition).handler(FN, failing(3, "Busy")).seed(8).run("{}"), EventType.LambdaFunctionScheduled);
    assertEquals(first, again);
    assertNotEquals(first, other);
    double[] ceilings = {10, 20, 40};
    for (int i = 1; i < first.size(); i++) {
      double delay = first.get(i) - first.get(i - 1);
      assertTrue(delay >= 0 && delay <= ceilings[i - 1], "delay " + delay + " above " + ceilings[i - 1]);
    }
  }

  @Test
  void exhaustedRetriesFallToTheCatcherWithTheErrorAtResultPath() {
    Execution run = Harness.of(task(", \"Retry\": [{\"ErrorEquals\": [\"Busy\"], \"MaxAttempts\": 1}],"
        + " \"Catch\": [{\"ErrorEquals\": [\"Busy\"], \"ResultPath\": \"$.error\", \"Next\": \"Recovered\"}]"))
        .handler(FN, failing(5, "Busy")).run("{\"keep\": 1}");
    assertEquals(ExecutionStatus.SUCCEEDED, run.status());
    assertEquals(json("{\"keep\":1,\"error\":{\"Error\":\"Busy\",\"Cause\":\"attempt 2\"}}"), run.output());
    assertEquals(2, Harness.events(run, EventType.LambdaFunctionFailed).size());
  }

  @Test
  void theFirstMatchingRetrierDecidesAloneAndMaxAttemptsZeroNeverRetries() {
    Execution run = Harness.of(task(", \"Retry\": [{\"ErrorEquals\": [\"Busy\"], \"MaxAttempts\": 0},"
        + " {\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 5}]"))
        .handler(FN, failing(1, "Busy")).run("{}");
    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals("Busy", run.error());
    assertEquals(1, Harness.events(run, EventType.LambdaFunctionScheduled).size());
  }

  @Test
  void taskFailedMatchesEveryErrorButTimeouts() {
    Execution caught = Harness.of(task(", \"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Recovered\"}]"))
        .handler(FN, failing(1, "Anything")).run("{}");
    assertEquals(ExecutionStatus.SUCCEEDED, caught.status());

    Execution timedOut = Harness.of(task(", \"TimeoutSeconds\": 5, \"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Recovered\"}]"))
        .handler(FN, call -> {}).run("{}");
    assertEquals(ExecutionStatus.FAILED, timedOut.status());
    assertEquals("States.Timeout", timedOut.error());
    assertEquals(List.of(5.0), Harness.secondsOf(timedOut, EventType.LambdaFunctionTimedOut));
  }

  @Test
  void timeoutSecondsPathReadsTheLimitFromTheInput() {
    Execution run = Harness.of(task(", \"TimeoutSecondsPath\": \"$.limit\""))
        .handler(FN, call -> call.after(60_000, () -> call.succeed(json("{}")))).run("{\"limit\": 30}");
    assertEquals("States.Timeout", run.error());
    assertEquals(List.of(30.0), Harness.secondsOf(run, EventType.LambdaFunctionTimedOut));
  }

  @Test
  void heartbeatsKeepALongTaskAliveAndTheirAbsenceTimesItOut() {
    String definition = """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
          "HeartbeatSeconds": 10, "TimeoutSeconds": 300, "End": true}}}""".formatted(ACTIVITY);
    Execution alive = Harness.of(definition).handler(ACTIVITY, call -> {
      call.started("worker-1");
      for (int t = 8; t < 100; t += 8) {
        call.after(t * 1000L, call::heartbeat);
      }
      call.after(100_000, () -> call.succeed(json("\"done\"")));
    }).run("{}");
    assertEquals(ExecutionStatus.SUCCEEDED, alive.status());
    assertEquals(List.of(EventType.ActivityScheduled, EventType.ActivityStarted, EventType.ActivitySucceeded),
        Harness.types(alive).stream().filter(t -> t.name().startsWith("Activity")).toList());

    Execution silent = Harness.of(definition).handler(ACTIVITY, call -> {
      call.started("worker-1");
      call.after(100_000, () -> call.succeed(json("\"done\"")));
    }).run("{}");
    assertEquals("States.HeartbeatTimeout", silent.error());
    assertEquals(List.of(10.0), Harness.secondsOf(silent, EventType.ActivityTimedOut));
  }

  @Test
  void aHeartbeatTimeoutIsAlsoAStatesTimeoutForRetriers() {
    AtomicInteger calls = new AtomicInteger();
    Execution run = Harness.of("""
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "HeartbeatSeconds": 10,
          "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 1}], "End": true}}}""".formatted(ACTIVITY))
        .handler(ACTIVITY, call -> {
          call.started("w");
          if (calls.getAndIncrement() > 0) {
            call.succeed(json("1"));
          }
        }).run("{}");
    assertEquals(ExecutionStatus.SUCCEEDED, run.status());
    assertEquals(2, calls.get());
  }

  @Test
  void retryCountIsVisibleInTheContextObject() {
    List<JsonNode> seen = new ArrayList<>();
    Harness.of(task(", \"Parameters\": {\"retry.$\": \"$$.State.RetryCount\"}, \"Retry\": [{\"ErrorEquals\": [\"Busy\"], \"MaxAttempts\": 2}]"))
        .handler(FN, call -> {
          seen.add(call.input().get("retry"));
          if (seen.size() < 3) {
            call.fail("Busy", "again");
          } else {
            call.succeed(json("{}"));
          }
        }).run("{}");
    assertEquals(List.of(json("0"), json("1"), json("2")), seen);
  }

  @Test
  void aRuntimeErrorIsNeverCaughtEvenByStatesAll() {
    Execution run = Harness.of(task(", \"OutputPath\": \"$.missing\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Recovered\"}]"))
        .handler(FN, TaskHandler.sync(input -> json("{}"))).run("{}");
    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals("States.Runtime", run.error());
  }

  @Test
  void aParametersPathThatSelectsNothingIsAStatesRuntimeThatNoCatchRecovers() {
    // As on AWS: not the States.ParameterPathFailure of the specification, and States.ALL does not match it.
    Execution run = Harness.of(task(", \"Parameters\": {\"x.$\": \"$.nope\"}, \"Catch\": [{\"ErrorEquals\": [\"States.ParameterPathFailure\"], \"Next\": \"Recovered\"}, {\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Recovered\"}]"))
        .handler(FN, TaskHandler.sync(input -> json("{}"))).run("{}");
    assertEquals(ExecutionStatus.FAILED, run.status());
    assertEquals("States.Runtime", run.error());
  }

  @Test
  void aResultPathThatCannotBeAppliedIsAResultPathMatchFailure() {
    Execution run = Harness.of(task(", \"ResultPath\": \"$.a.b\""))
        .handler(FN, TaskHandler.sync(input -> json("1"))).run("{\"a\": \"text\"}");
    assertEquals("States.ResultPathMatchFailure", run.error());
  }

  @Test
  void aTaskWithoutLocalHandlerFailsNamingTheState() {
    Execution run = Harness.of(task("")).run("{}");
    assertEquals("States.Runtime", run.error());
    assertTrue(run.cause().contains("'T'"), run.cause());
  }

  @Test
  void serviceIntegrationsRecordTaskEventsWithResourceTypeAndSubmission() {
    String glue = "arn:aws:states:::glue:startJobRun.sync";
    Execution run = Harness.of("""
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "Parameters": {"JobName": "j"}, "End": true}}}""".formatted(glue))
        .handler(glue, call -> {
          call.submitted(json("{\"JobRunId\": \"jr_1\"}"));
          call.after(600_000, () -> call.succeed(json("{\"JobRunState\": \"SUCCEEDED\"}")));
        }).run("{}");
    assertEquals(List.of(EventType.ExecutionStarted, EventType.TaskStateEntered, EventType.TaskScheduled, EventType.TaskStarted,
        EventType.TaskSubmitted, EventType.TaskSucceeded, EventType.TaskStateExited, EventType.ExecutionSucceeded), Harness.types(run));
    var scheduled = Harness.events(run, EventType.TaskScheduled).get(0).details();
    assertEquals("glue", scheduled.get("resourceType").asText());
    assertEquals("startJobRun.sync", scheduled.get("resource").asText());
    assertEquals(json("{\"JobName\":\"j\"}"), json(scheduled.get("parameters").asText()));
    assertEquals(List.of(600.0), Harness.secondsOf(run, EventType.TaskSucceeded));
  }
}
