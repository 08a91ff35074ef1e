package io.datalakewlm.simulator.aws;

import static io.datalakewlm.simulator.aws.FakeTaskCall.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.random.DurationDistribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GlueJobsTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private static final RateLimit GENEROUS = new RateLimit(1_000, 1_000);

  private final Scheduler scheduler = Scheduler.virtual(T0);

  private AwsServices account(AwsQuotas quotas) {
    return AwsServices.create(scheduler, quotas, 7);
  }

  private static AwsQuotas generous() {
    return AwsQuotas.defaults().withStartJobRun(GENEROUS).withAssociateKmsKey(GENEROUS);
  }

  @Test
  void aJobRunsOneRunAtATimeByDefaultAndRefusesTheSecondAsAwsDoes() {
    AwsServices aws = account(generous());
    GlueJobs glue = aws.glueJobs();
    glue.define(GlueJobDefinition.of("orders", Duration.ofMinutes(10)));

    JobRun first = glue.startJobRun("orders", 1);
    StatesError refused = assertThrows(StatesError.class, () -> glue.startJobRun("orders", 1));

    assertEquals("Glue.ConcurrentRunsExceededException", refused.error());
    assertTrue(refused.cause().startsWith("Concurrent runs exceeded for orders (Service: AWSGlue; Status Code: 400; "
        + "Error Code: ConcurrentRunsExceededException; Request ID: "), refused.cause());
    assertEquals(JobRunState.RUNNING, first.state());
    scheduler.runUntil(T0.plus(Duration.ofMinutes(10)).toEpochMilli());
    assertEquals(JobRunState.SUCCEEDED, first.state());
    assertEquals(JobRunState.RUNNING, glue.startJobRun("orders", 1).state(), "the slot is free again");
    assertEquals(1, aws.meter().gauge("glue:job/orders").peak());
    assertEquals(1, aws.meter().api(GlueJobs.START_JOB_RUN).errors(GlueJobs.CONCURRENT_RUNS_EXCEEDED));
    assertEquals(3, aws.meter().api(GlueJobs.START_JOB_RUN).calls());
  }

  @Test
  void maxConcurrentRunsAboveOneAllowsThatManyRuns() {
    AwsServices aws = account(generous());
    aws.glueJobs().define(GlueJobDefinition.of("shared", Duration.ofMinutes(5)).withMaxConcurrentRuns(3));
    for (int i = 0; i < 3; i++) {
      aws.glueJobs().startJobRun("shared", 1);
    }
    assertThrows(StatesError.class, () -> aws.glueJobs().startJobRun("shared", 1));
    assertEquals(3, aws.glueJobs().running("shared"));
  }

  @Test
  void theAccountLimitRefusesRunsOfOtherwiseFreeJobs() {
    AwsServices aws = account(generous().withGlueAccountConcurrentRuns(3));
    for (int i = 0; i < 4; i++) {
      aws.glueJobs().define(GlueJobDefinition.of("job-" + i, Duration.ofMinutes(5)));
    }
    for (int i = 0; i < 3; i++) {
      aws.glueJobs().startJobRun("job-" + i, 1);
    }
    StatesError refused = assertThrows(StatesError.class, () -> aws.glueJobs().startJobRun("job-3", 1));
    assertEquals("Glue.ConcurrentRunsExceededException", refused.error());
    assertTrue(refused.cause().contains("account (3)"), refused.cause());
    assertEquals(3, aws.glueJobs().accountGauge().current());
  }

  /** Random start attempts for a simulated day: the limits hold exactly, and are reached. */
  @Test
  void concurrencyLimitsNeverExceededUnderRandomLoad() {
    AwsServices aws = account(generous().withGlueAccountConcurrentRuns(20));
    GlueJobs glue = aws.glueJobs();
    int jobs = 60;
    for (int i = 0; i < jobs; i++) {
      glue.define(new GlueJobDefinition("job-" + i, 1 + i % 3, WorkerType.G_1X, 2, "4.0", null,
          new DurationDistribution.Uniform(Duration.ofMinutes(1), Duration.ofMinutes(30)), Duration.ZERO, 0.1,
          null, "source-" + i % 4));
    }
    List<String> violations = new ArrayList<>();
    glue.addListener(new JobRunListener() {
      @Override
      public void started(JobRun run) {
        if (glue.accountGauge().current() > 20 || glue.running(run.jobName()) > run.job().maxConcurrentRuns()) {
          violations.add(run.id());
        }
      }
    });
    SplittableRandom random = new SplittableRandom(3);
    int[] refused = new int[1];
    for (int i = 0; i < 3_000; i++) {
      String job = "job-" + random.nextInt(jobs);
      scheduler.at(T0.toEpochMilli() + random.nextLong(0, 86_400_000L), () -> {
        try {
          glue.startJobRun(job, 1);
        } catch (StatesError e) {
          refused[0]++;
        }
      });
    }
    scheduler.run();

    assertTrue(violations.isEmpty(), violations.toString());
    assertEquals(20, glue.accountGauge().peak(), "the account limit is reached but never passed");
    assertEquals(0, glue.accountGauge().current(), "every run released its slots");
    for (int i = 0; i < jobs; i++) {
      Gauge gauge = aws.meter().gauge("glue:job/job-" + i);
      assertTrue(gauge.peak() <= gauge.limit());
      assertEquals(0, gauge.current());
    }
    assertTrue(refused[0] > 0);
    assertEquals(refused[0], aws.meter().api(GlueJobs.START_JOB_RUN).totalErrors());
  }

  @Test
  void startJobRunIsThrottledBeyondItsBurst() {
    AwsServices aws = account(AwsQuotas.defaults().withStartJobRun(new RateLimit(2, 10)));
    for (int i = 0; i < 12; i++) {
      aws.glueJobs().define(GlueJobDefinition.of("job-" + i, Duration.ofMinutes(5)));
    }
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      try {
        aws.glueJobs().startJobRun("job-" + i, 1);
      } catch (StatesError e) {
        errors.add(e.error());
      }
    }
    assertEquals(List.of("Glue.ThrottlingException", "Glue.ThrottlingException"), errors);
    scheduler.runUntil(T0.toEpochMilli() + 500);
    assertTrue(aws.glueJobs().startJobRun("job-10", 1).state() == JobRunState.RUNNING, "a token after 1/rate s");
    assertEquals(2, aws.meter().api(GlueJobs.START_JOB_RUN).errors(GlueJobs.THROTTLING));
  }

  @Test
  void aSyncTaskIsSubmittedThenSucceedsWithTheJobRunWhenTheRunEnds() {
    AwsServices aws = account(generous());
    aws.glueJobs().define(GlueJobDefinition.of("orders", Duration.ofSeconds(90)));
    FakeTaskCall call = new FakeTaskCall(scheduler, GlueJobs.SYNC_RESOURCE,
        json("{\"JobName\": \"orders\", \"Arguments\": {\"--object-count\": \"4\"}}"));

    aws.glueJobs().syncHandler().start(call);
    assertEquals("orders", call.submitted.path("JobName").asText());
    String runId = call.submitted.path("JobRunId").asText();
    assertTrue(runId.matches("jr_[0-9a-f]{64}"), runId);
    assertTrue(call.open);

    scheduler.run();
    assertEquals(T0.toEpochMilli() + 90_000, call.answeredAtMillis);
    JsonNode run = call.output;
    assertEquals(runId, run.path("Id").asText());
    assertEquals("SUCCEEDED", run.path("JobRunState").asText());
    assertEquals(90, run.path("ExecutionTime").asInt());
    assertEquals(T0.toEpochMilli(), run.path("StartedOn").asLong());
    assertEquals("4", run.path("Arguments").path("--object-count").asText());
    assertEquals(10.0, run.path("MaxCapacity").asDouble());
    assertEquals(run, aws.glueJobs().getJobRun("orders", runId).toJson());
  }

  @Test
  void aRefusedStartFailsTheSyncTaskWithTheGlueErrorName() {
    AwsServices aws = account(generous());
    aws.glueJobs().define(GlueJobDefinition.of("orders", Duration.ofSeconds(90)));
    aws.glueJobs().startJobRun("orders", 1);
    FakeTaskCall call = new FakeTaskCall(scheduler, GlueJobs.SYNC_RESOURCE, json("{\"JobName\": \"orders\"}"));
    aws.glueJobs().syncHandler().start(call);
    assertEquals("Glue.ConcurrentRunsExceededException", call.error);
    assertNull(call.submitted, "nothing was submitted");
  }

  @Test
  void aThrottledKmsAssociationFailsTheJobRunAndTheSyncTask() {
    AwsServices aws = account(generous().withAssociateKmsKey(new RateLimit(1, 1)));
    aws.glueJobs().define(GlueJobDefinition.of("a", Duration.ofMinutes(5)).withSecurityConfiguration("sdlf-kms"));
    aws.glueJobs().define(GlueJobDefinition.of("b", Duration.ofMinutes(5)).withSecurityConfiguration("sdlf-kms"));
    FakeTaskCall first = new FakeTaskCall(scheduler, GlueJobs.SYNC_RESOURCE, json("{\"JobName\": \"a\"}"));
    FakeTaskCall second = new FakeTaskCall(scheduler, GlueJobs.SYNC_RESOURCE, json("{\"JobName\": \"b\"}"));

    aws.glueJobs().syncHandler().start(first);
    aws.glueJobs().syncHandler().start(second);

    assertTrue(first.open, "the first association fits in the bucket");
    assertTrue(second.submitted.has("JobRunId"), "StartJobRun itself succeeded");
    assertEquals("States.TaskFailed", second.error);
    JsonNode run = json(second.cause);
    assertEquals("FAILED", run.path("JobRunState").asText());
    assertTrue(run.path("ErrorMessage").asText().contains("Error Code: ThrottlingException"), second.cause);
    assertTrue(run.path("ErrorMessage").asText().contains("/aws-glue/jobs-sdlf-kms-role/output"));
    assertEquals("sdlf-kms", run.path("SecurityConfiguration").asText());
    assertEquals(1, aws.glueJobs().accountGauge().current(), "the failed run holds no slot");
    assertEquals(1, aws.meter().api(KmsAssociation.ASSOCIATE_KMS_KEY).errors(KmsAssociation.THROTTLING));
    assertEquals(0, aws.meter().api(GlueJobs.START_JOB_RUN).totalErrors());

    scheduler.runUntil(T0.toEpochMilli() + 1_000);
    assertEquals(JobRunState.RUNNING, aws.glueJobs().startJobRun("b", 1).state(), "a second later it works");
  }

  @Test
  void cancellingASyncTaskStopsTheJobRunAsStepFunctionsDoes() {
    AwsServices aws = account(generous());
    aws.glueJobs().define(GlueJobDefinition.of("orders", Duration.ofHours(1)));
    FakeTaskCall call = new FakeTaskCall(scheduler, GlueJobs.SYNC_RESOURCE, json("{\"JobName\": \"orders\"}"));
    aws.glueJobs().syncHandler().start(call);
    String runId = call.submitted.path("JobRunId").asText();

    scheduler.runUntil(T0.toEpochMilli() + 600_500);
    call.cancel();

    JobRun run = aws.glueJobs().getJobRun("orders", runId);
    assertEquals(JobRunState.STOPPED, run.state());
    assertEquals(601, run.billedSeconds(), "billed per second, rounded up, up to the stop");
    assertEquals(1, aws.meter().api(GlueJobs.BATCH_STOP_JOB_RUN).calls());
    assertEquals(0, aws.glueJobs().running("orders"));
    scheduler.run();
    assertNull(call.output, "the cancelled task is not answered");
    assertEquals(601 * 10.0, aws.meter().usage(CostUnit.GLUE_JOB_DPU_SECONDS));
  }

  @Test
  void theRequestResponseIntegrationAnswersAtOnceAndTheRunGoesOn() {
    AwsServices aws = account(generous());
    aws.glueJobs().define(GlueJobDefinition.of("orders", Duration.ofMinutes(3)));
    FakeTaskCall call = new FakeTaskCall(scheduler, GlueJobs.RESOURCE, json("{\"JobName\": \"orders\"}"));
    aws.glueJobs().requestResponseHandler().start(call);
    assertEquals("orders", call.output.path("JobName").asText());
    String runId = call.output.path("JobRunId").asText();

    FakeTaskCall poll = new FakeTaskCall(scheduler, GlueJobs.GET_JOB_RUN_RESOURCE,
        json("{\"JobName\": \"orders\", \"RunId\": \"" + runId + "\"}"));
    aws.glueJobs().getJobRunHandler().start(poll);
    assertEquals("RUNNING", poll.output.path("JobRun").path("JobRunState").asText());
    scheduler.run();
    assertEquals(JobRunState.SUCCEEDED, aws.glueJobs().getJobRun("orders", runId).state());
  }

  @Test
  void runsFailOrTimeOutAsTheirJobSays() {
    AwsServices aws = account(generous());
    aws.glueJobs().define(new GlueJobDefinition("flaky", 1, WorkerType.G_2X, 5, "4.0", null,
        new DurationDistribution.Fixed(Duration.ofMinutes(10)), Duration.ZERO, 1.0, null, null));
    aws.glueJobs().define(new GlueJobDefinition("slow", 1, WorkerType.G_1X, 2, "4.0", null,
        new DurationDistribution.Fixed(Duration.ofMinutes(10)), Duration.ofMinutes(1), 0, Duration.ofMinutes(30), null));
    JobRun flaky = aws.glueJobs().startJobRun("flaky", 1);
    JobRun slow = aws.glueJobs().startJobRun("slow", 25); // 10 + 25 minutes > 30
    scheduler.run();

    assertEquals(JobRunState.FAILED, flaky.state());
    assertTrue(flaky.completedOnMillis() - flaky.startedOnMillis() <= 600_000);
    assertEquals(JobRunState.TIMEOUT, slow.state());
    assertEquals(30 * 60_000, slow.completedOnMillis() - slow.startedOnMillis());
  }

  @Test
  void invalidRequestsAreRefusedWithGlueNames() {
    AwsServices aws = account(generous());
    aws.glueJobs().define(GlueJobDefinition.of("orders", Duration.ofMinutes(3)));
    assertEquals("Glue.EntityNotFoundException",
        assertThrows(StatesError.class, () -> aws.glueJobs().startJobRun("nope", 1)).error());
    assertEquals("Glue.InvalidInputException", assertThrows(StatesError.class,
        () -> aws.glueJobs().startJobRun(json("{\"JobName\": \"orders\", \"Arguments\": {\"--object-count\": \"x\"}}")))
        .error());
    assertEquals("Glue.InvalidInputException", assertThrows(StatesError.class,
        () -> aws.glueJobs().startJobRun(json("{\"JobName\": \"orders\", \"WorkerType\": \"G.3X\"}"))).error());
    assertEquals(0, aws.glueJobs().startJobRunBucket().granted(), "invalid requests take no token");
  }

  @Test
  void theKthRunOfAJobDrawsTheSameTimeForTheSameSeedWhateverElseRan() {
    List<Long> alone = runTimes(7, false);
    List<Long> withOtherJobs = runTimes(7, true);
    List<Long> otherSeed = runTimes(8, false);
    assertEquals(alone, withOtherJobs);
    assertNotEquals(alone, otherSeed);
  }

  // Runs the job "x" five times in a row, optionally interleaved with runs of another job.
  private static List<Long> runTimes(long seed, boolean interleave) {
    Scheduler clock = Scheduler.virtual(T0);
    AwsServices aws = AwsServices.create(clock, generous(), seed);
    DurationDistribution uniform = new DurationDistribution.Uniform(Duration.ofMinutes(1), Duration.ofMinutes(60));
    aws.glueJobs().define(new GlueJobDefinition("x", 1, WorkerType.G_1X, 2, "4.0", null, uniform, null, 0, null, null));
    aws.glueJobs().define(new GlueJobDefinition("y", 1, WorkerType.G_1X, 2, "4.0", null, uniform, null, 0, null, null));
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      if (interleave) {
        aws.glueJobs().startJobRun("y", 1);
      }
      JobRun run = aws.glueJobs().startJobRun("x", 1);
      clock.run();
      times.add(run.completedOnMillis() - run.startedOnMillis());
      clock.runUntil(clock.nowMillis() + 1_000);
    }
    assertFalse(times.isEmpty());
    return times;
  }
}
