package io.datalakewlm.simulator.aws;

import static io.datalakewlm.simulator.aws.FakeTaskCall.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The emulated errors drive a state machine's Retry and Catch as AWS's would. */
class GlueThroughRuntimeTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  // Run (glue .sync, Retry on ConcurrentRunsExceeded every 60 s, Catch TaskFailed → Failed).
  private static StateMachine machine() {
    return DefinitionParser.parse("""
        {"StartAt": "Run", "States": {
          "Run": {"Type": "Task", "Resource": "%s", "End": true,
            "Retry": [{"ErrorEquals": ["Glue.ConcurrentRunsExceededException"], "IntervalSeconds": 60, "MaxAttempts": 10, "BackoffRate": 1.0}],
            "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Failed"}]},
          "Failed": {"Type": "Fail", "Error": "JobFailed", "Cause": "the job failed"}}}""".formatted(GlueJobs.SYNC_RESOURCE));
  }

  @Test
  void aRefusedRunIsRetriedAndAFailedRunIsCaught() {
    Scheduler scheduler = Scheduler.virtual(T0);
    AwsServices aws = AwsServices.create(scheduler, AwsQuotas.defaults(), 5);
    aws.glueJobs().define(GlueJobDefinition.of("orders", Duration.ofSeconds(150)));
    aws.glueJobs().define(GlueJobDefinition.of("secure", Duration.ofSeconds(150)).withSecurityConfiguration("kms"));
    StatesRuntime runtime = StatesRuntime.builder().scheduler(scheduler)
        .resolver(aws.register(new Resources())).seed(5).build();
    runtime.addListener(aws.transitionCounter());
    for (int i = 0; i < 6; i++) { // drain the KMS bucket (5 per second) so the sixth run fails
      aws.kms().associate("/other");
    }

    Execution first = runtime.start(machine(), json("{\"JobName\": \"orders\"}"));
    Execution second = runtime.start(machine(), json("{\"JobName\": \"orders\"}"));
    Execution encrypted = runtime.start(machine(), json("{\"JobName\": \"secure\"}"));
    scheduler.run();

    assertEquals(ExecutionStatus.SUCCEEDED, first.status());
    assertEquals("SUCCEEDED", first.output().path("JobRunState").asText());
    assertEquals(ExecutionStatus.SUCCEEDED, second.status(), "retried until the first run ended");
    assertEquals(T0.plusSeconds(180 + 150), second.stopDate(), "three retries 60 s apart, then 150 s");
    assertEquals(ExecutionStatus.FAILED, encrypted.status());
    assertEquals("JobFailed", encrypted.error());
    assertEquals(3, aws.meter().api(GlueJobs.START_JOB_RUN).errors(GlueJobs.CONCURRENT_RUNS_EXCEEDED));
    assertEquals(1 + 1 + 3 + 2, aws.transitionCounter().transitions(), "states entered plus three retries");
  }
}
