package io.datalakewlm.simulator.aws;

import static io.datalakewlm.simulator.aws.FakeTaskCall.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Glue job run queuing ({@code JobRunQueuingEnabled}): WAITING instead of ConcurrentRunsExceededException. */
class GlueJobQueuingTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private static final long MINUTE = 60_000;
  private static final RateLimit GENEROUS = new RateLimit(1_000, 1_000);

  private final Scheduler scheduler = Scheduler.virtual(T0);

  private AwsServices account(int accountRuns) {
    return AwsServices.create(scheduler,
        AwsQuotas.defaults().withStartJobRun(GENEROUS).withAssociateKmsKey(GENEROUS).withGlueAccountConcurrentRuns(accountRuns), 7);
  }

  private static JsonNode queued(String job) {
    ObjectNode request = (ObjectNode) json("{\"Arguments\": {\"--object-count\": \"1\"}, \"JobRunQueuingEnabled\": true}");
    return request.put("JobName", job);
  }

  private long at(long minutes) {
    return T0.toEpochMilli() + minutes * MINUTE;
  }

  @Test
  void overTheAccountQuotaAQueuedRunWaitsAndStartsFirstInFirstOutAsSlotsFree() {
    AwsServices aws = account(2);
    GlueJobs glue = aws.glueJobs();
    int[] minutes = {10, 20, 5, 5, 5};
    for (int i = 0; i < minutes.length; i++) {
      glue.define(GlueJobDefinition.of("job-" + i, Duration.ofMinutes(minutes[i])));
    }
    JobRun[] runs = new JobRun[minutes.length];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = glue.startJobRun(queued("job-" + i));
    }

    assertEquals(0, aws.meter().api(GlueJobs.START_JOB_RUN).totalErrors(), "no ConcurrentRunsExceededException");
    assertEquals(JobRunState.RUNNING, runs[1].state());
    for (int i = 2; i < runs.length; i++) {
      assertEquals(JobRunState.WAITING, runs[i].state());
      assertEquals("Max concurrent job runs per account exceeded (2)", runs[i].stateDetail());
      assertEquals("WAITING", runs[i].toJson().path("JobRunState").asText());
      assertTrue(runs[i].toJson().path("JobRunQueuingEnabled").asBoolean());
    }
    assertEquals(3, glue.waiting());
    assertEquals(2, glue.accountGauge().current(), "waiting runs hold no slot");

    scheduler.run();

    // job-0 ends at 10 → job-2 starts; job-2 ends at 15 → job-3; job-1 ends at 20 → job-4.
    long[] started = {0, 0, 10, 15, 20};
    for (int i = 0; i < runs.length; i++) {
      assertEquals(JobRunState.SUCCEEDED, runs[i].state(), "job-" + i);
      assertEquals(at(started[i]), runs[i].startedOnMillis(), "job-" + i + " starts when a slot frees, oldest first");
      assertEquals(T0.toEpochMilli(), runs[i].submittedOnMillis());
      assertEquals(minutes[i] * 60L, runs[i].billedSeconds(), "billed from RUNNING, not while WAITING");
      assertEquals(minutes[i] * 60L, runs[i].toJson().path("ExecutionTime").asLong());
      assertEquals(T0.toEpochMilli(), runs[i].toJson().path("StartedOn").asLong());
    }
    assertEquals(2, glue.accountGauge().peak());
    assertEquals(3, aws.meter().gauge(GlueJobs.WAITING_GAUGE).peak());
    assertEquals(0, glue.waiting());
  }

  @Test
  void aJobsMaxConcurrentRunsHoldsItsRunsBackWithoutBlockingOtherJobs() {
    AwsServices aws = account(10);
    GlueJobs glue = aws.glueJobs();
    glue.define(GlueJobDefinition.of("shared", Duration.ofMinutes(10)).withMaxConcurrentRuns(2));
    glue.define(GlueJobDefinition.of("other", Duration.ofMinutes(10)));

    JobRun first = glue.startJobRun(queued("shared"));
    JobRun second = glue.startJobRun(queued("shared"));
    JobRun third = glue.startJobRun(queued("shared"));
    JobRun other = glue.startJobRun(queued("other"));

    assertEquals(JobRunState.WAITING, third.state());
    assertEquals("Max concurrent runs exceeded for job shared (2)", third.stateDetail());
    assertEquals(JobRunState.RUNNING, other.state(), "a later run of a free job passes the one held by its job's limit");
    scheduler.run();
    assertEquals(at(10), third.startedOnMillis());
    assertEquals(2, aws.meter().gauge("glue:job/shared").peak(), "MaxConcurrentRuns honoured");
    assertEquals(JobRunState.SUCCEEDED, first.state());
    assertEquals(JobRunState.SUCCEEDED, second.state());
  }

  @Test
  void throttlingStillRefusesAQueuedRequestBeforeAnyQuota() {
    AwsServices aws = AwsServices.create(scheduler,
        AwsQuotas.defaults().withStartJobRun(new RateLimit(1, 2)).withAssociateKmsKey(GENEROUS).withGlueAccountConcurrentRuns(1), 7);
    aws.glueJobs().define(GlueJobDefinition.of("orders", Duration.ofMinutes(10)).withMaxConcurrentRuns(5));

    aws.glueJobs().startJobRun(queued("orders"));
    JobRun waiting = aws.glueJobs().startJobRun(queued("orders"));
    StatesError throttled = assertThrows(StatesError.class, () -> aws.glueJobs().startJobRun(queued("orders")));

    assertEquals(JobRunState.WAITING, waiting.state());
    assertEquals("Glue.ThrottlingException", throttled.error());
    ApiStats api = aws.meter().api(GlueJobs.START_JOB_RUN);
    assertEquals(1, api.errors(GlueJobs.THROTTLING));
    assertEquals(0, api.errors(GlueJobs.CONCURRENT_RUNS_EXCEEDED));
  }

  @Test
  void withoutQueuingTheSameRequestIsRefusedAsBefore() {
    AwsServices aws = account(1);
    aws.glueJobs().define(GlueJobDefinition.of("a", Duration.ofMinutes(10)));
    aws.glueJobs().define(GlueJobDefinition.of("b", Duration.ofMinutes(10)));
    aws.glueJobs().startJobRun(queued("a"));
    ObjectNode plain = (ObjectNode) queued("b");
    plain.put("JobRunQueuingEnabled", false);
    StatesError refused = assertThrows(StatesError.class, () -> aws.glueJobs().startJobRun(plain));
    assertEquals("Glue.ConcurrentRunsExceededException", refused.error());
    assertNull(aws.meter().gauge(GlueJobs.WAITING_GAUGE), "no run ever waited");
  }

  @Test
  void aRunStillWaitingAfterTheMaximumWaitFailsAndCostsNothing() {
    AwsServices aws = AwsServices.create(scheduler, AwsQuotas.defaults().withStartJobRun(GENEROUS)
        .withAssociateKmsKey(GENEROUS).withGlueAccountConcurrentRuns(1).withGlueQueuedRunMaxWaitHours(1), 7);
    aws.glueJobs().define(GlueJobDefinition.of("long", Duration.ofHours(3)));
    aws.glueJobs().define(GlueJobDefinition.of("short", Duration.ofMinutes(5)));
    aws.glueJobs().startJobRun(queued("long"));
    JobRun starved = aws.glueJobs().startJobRun(queued("short"));

    scheduler.runUntil(at(59));
    assertEquals(JobRunState.WAITING, starved.state());
    scheduler.runUntil(at(60));
    assertEquals(JobRunState.FAILED, starved.state());
    assertEquals(at(60), starved.completedOnMillis());
    assertEquals("Job run waited for resources for 1h and was not started", starved.errorMessage());
    assertEquals(0, starved.billedSeconds());
    assertEquals(0, starved.toJson().path("ExecutionTime").asLong());
    assertEquals(0, aws.glueJobs().waiting());
  }

  @Test
  void aSyncTaskWaitsThroughWaitingAndCancellingItStopsTheWaitingRun() {
    AwsServices aws = account(1);
    aws.glueJobs().define(GlueJobDefinition.of("a", Duration.ofMinutes(10)));
    aws.glueJobs().define(GlueJobDefinition.of("b", Duration.ofMinutes(10)));
    aws.glueJobs().define(GlueJobDefinition.of("c", Duration.ofMinutes(10)));
    FakeTaskCall running = new FakeTaskCall(scheduler, GlueJobs.SYNC_RESOURCE, queued("a"));
    FakeTaskCall waits = new FakeTaskCall(scheduler, GlueJobs.SYNC_RESOURCE, queued("b"));
    FakeTaskCall cancelled = new FakeTaskCall(scheduler, GlueJobs.SYNC_RESOURCE, queued("c"));
    aws.glueJobs().syncHandler().start(running);
    aws.glueJobs().syncHandler().start(waits);
    aws.glueJobs().syncHandler().start(cancelled);

    assertTrue(waits.open && waits.submitted != null, "submitted, not refused");
    String cancelledId = cancelled.submitted.path("JobRunId").asText();
    cancelled.cancel();
    JobRun stopped = aws.glueJobs().getJobRun("c", cancelledId);
    assertEquals(JobRunState.STOPPED, stopped.state());
    assertEquals(1, aws.glueJobs().waiting());

    scheduler.run();
    assertEquals(at(20), waits.answeredAtMillis, "answers when the run, started at 10, ends");
    assertEquals("SUCCEEDED", waits.output.path("JobRunState").asText());
    assertFalse(waits.open);
    assertEquals(0, stopped.billedSeconds());
  }
}
