package io.datalakewlm.workers.poller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.handler.ActivityException;
import io.datalakewlm.workers.handler.ActivityHandler;
import io.datalakewlm.workers.handler.ErrorNames;
import io.datalakewlm.workers.poller.ActivityApiException.Kind;
import io.datalakewlm.workers.poller.InMemoryActivityApi.Operation;
import io.datalakewlm.workers.poller.InMemoryActivityApi.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poller against the in-memory activity API: what reaches Step Functions for each outcome of
 * a handler, heartbeats, retries, the capacity bound and graceful shutdown. Nothing sleeps to let
 * time pass: tests wait on latches and on the twin's conditions, each with a generous timeout.
 */
class ActivityPollerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private InMemoryActivityApi api;
  private String arn;
  private ActivityPoller poller;

  @BeforeEach
  void setUp() {
    api = new InMemoryActivityApi();
    arn = api.createActivity("wlm-Echo-test");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (poller != null) {
      poller.shutdown();
      api.endPolling();
      assertTrue(poller.awaitTermination(WAIT), "the poller did not stop");
    }
  }

  private static ActivityPoller.Options options() {
    return ActivityPoller.Options.defaults().withWorkerName("test-host:42")
        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
  }

  private ActivityPoller start(ActivityHandler handler, int pollers, int maxConcurrent, ActivityPoller.Options options) {
    poller = new ActivityPoller(api, List.of(new ActivityPoller.Binding(arn, "Echo", handler, pollers, maxConcurrent)),
        options);
    poller.start();
    return poller;
  }

  private ActivityPoller start(ActivityHandler handler) {
    return start(handler, 1, 1, options());
  }

  private void awaitClosed(String token) throws InterruptedException {
    assertTrue(api.awaitClosed(token, WAIT), "the task was not reported; calls: " + api.calls(token));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aHandlersOutputIsReportedWithSendTaskSuccess() throws InterruptedException {
    start(input -> JSON.createObjectNode().put("echo", input.get("n").asInt() + 1));
    String token = api.schedule(arn, "{\"n\": 41}");
    awaitClosed(token);
    assertEquals(Status.SUCCEEDED, api.status(token));
    assertEquals(json("{\"echo\": 42}"), json(api.output(token)));
    assertEquals("test-host:42", api.workerName(token));
  }

  @Test
  void anActivityExceptionIsReportedWithItsErrorAndCause() throws InterruptedException {
    start(input -> {
      throw new ActivityException(ErrorNames.NO_SLOT, "glue-job:heavy: 1 of 1 slots held");
    });
    String token = api.schedule(arn, "{}");
    awaitClosed(token);
    assertEquals(Status.FAILED, api.status(token));
    assertEquals("Wlm.NoSlot", api.error(token));
    assertEquals("glue-job:heavy: 1 of 1 slots held", api.cause(token));
  }

  @Test
  void anUnexpectedExceptionIsAWorkerErrorWhoseCauseNamesItWithoutAStackTrace() throws InterruptedException {
    start(input -> {
      throw new IllegalStateException("the catalog answered nonsense", new java.io.IOException("connection reset"));
    });
    String token = api.schedule(arn, "{}");
    awaitClosed(token);
    assertEquals(ErrorNames.WORKER_ERROR, api.error(token));
    assertEquals("IllegalStateException: the catalog answered nonsense; caused by IOException: connection reset",
        api.cause(token));
  }

  @Test
  void errorAndCauseAreCutToTheLimitsOfSendTaskFailure() throws InterruptedException {
    String longName = "Wlm." + "E".repeat(400);
    String longCause = "x".repeat(40_000);
    start(input -> {
      throw new ActivityException(longName, longCause);
    });
    String token = api.schedule(arn, "{}");
    awaitClosed(token);
    // The twin refuses an over-long error or cause as the service does, so the task would stay open otherwise.
    assertEquals(Status.FAILED, api.status(token));
    assertEquals(longName.substring(0, TaskFailure.MAX_ERROR), api.error(token));
    assertEquals(TaskFailure.MAX_CAUSE, api.cause(token).length());
    assertTrue(api.cause(token).endsWith("(truncated)"));
  }

  @Test
  void inputThatIsNotJsonFailsAsInvalidInputWithoutCallingTheHandler() throws InterruptedException {
    CountDownLatch called = new CountDownLatch(1);
    start(input -> {
      called.countDown();
      return input;
    });
    String token = api.schedule(arn, "{not json");
    awaitClosed(token);
    assertEquals(ErrorNames.INVALID_INPUT, api.error(token));
    assertTrue(api.cause(token).startsWith("Echo: the task input is not JSON"), api.cause(token));
    assertEquals(1, called.getCount());
  }

  @Test
  void outputOverTheLimitIsReportedAsInvalidOutput() throws InterruptedException {
    start(input -> JSON.createObjectNode().put("blob", "y".repeat(300_000)));
    String token = api.schedule(arn, "{}");
    awaitClosed(token);
    assertEquals(ErrorNames.INVALID_OUTPUT, api.error(token));
  }

  @Test
  void outputRefusedByTheServiceIsReportedAsInvalidOutput() throws InterruptedException {
    api.failNext(Operation.SEND_TASK_SUCCESS, 1, Kind.INVALID_OUTPUT, "InvalidOutput");
    start(input -> input);
    String token = api.schedule(arn, "{}");
    awaitClosed(token);
    assertEquals(ErrorNames.INVALID_OUTPUT, api.error(token));
    assertTrue(api.cause(token).contains("InvalidOutput"), api.cause(token));
  }

  @Test
  void heartbeatsAreSentWhileASlowHandlerRunsAndStopWithIt() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    start(input -> {
      await(release);
      return input;
    }, 1, 1, options().withHeartbeatInterval(Duration.ofMillis(10)));
    String token = api.schedule(arn, "{\"slow\": true}");
    assertTrue(api.awaitHeartbeats(token, 3, WAIT), "no heartbeats while the handler ran");
    assertEquals(Status.RUNNING, api.status(token));
    release.countDown();
    awaitClosed(token);
    assertEquals(Status.SUCCEEDED, api.status(token));
    poller.shutdown();
    api.endPolling();
    assertTrue(poller.awaitTermination(WAIT));
    // After the report no heartbeat may follow: the service would answer TaskTimedOut.
    List<InMemoryActivityApi.Call> calls = api.calls(token);
    assertEquals(Operation.SEND_TASK_SUCCESS, calls.get(calls.size() - 1).operation(), calls.toString());
    assertTrue(poller.stats().get(0).heartbeats() >= 3);
  }

  @Test
  void aTaskThatTimedOutWhileItsHandlerRanHasItsResultDropped() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    start(input -> {
      started.countDown();
      await(release);
      return input;
    }, 1, 1, options().withHeartbeatInterval(Duration.ofMillis(10)));
    String token = api.schedule(arn, "{}");
    assertTrue(started.await(10, TimeUnit.SECONDS));
    api.timeOut(token);
    assertTrue(api.awaitRefusedHeartbeat(token, WAIT), "the heartbeat did not learn that the task is gone");
    release.countDown();
    poller.shutdown();
    api.endPolling();
    assertTrue(poller.awaitTermination(WAIT));
    assertTrue(api.calls(token).stream().noneMatch(c -> c.operation() == Operation.SEND_TASK_SUCCESS
        || c.operation() == Operation.SEND_TASK_FAILURE), api.calls(token).toString());
    assertEquals(1, poller.stats().get(0).dropped());
  }

  @Test
  void aSuccessAnsweredTaskTimedOutIsDroppedNotRetried() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    start(input -> {
      started.countDown();
      await(release);
      return input;
    });
    String token = api.schedule(arn, "{}");
    assertTrue(started.await(10, TimeUnit.SECONDS));
    api.timeOut(token);
    release.countDown();
    poller.shutdown();
    api.endPolling();
    assertTrue(poller.awaitTermination(WAIT));
    List<InMemoryActivityApi.Call> calls = api.calls(token);
    assertEquals(1, calls.size(), calls.toString());
    assertEquals("TaskTimedOut", calls.get(0).refused());
    assertEquals(1, poller.stats().get(0).dropped());
  }

  @Test
  void throttledPollsAreRetriedAndTheTaskStillRuns() throws InterruptedException {
    api.failNext(Operation.GET_ACTIVITY_TASK, 3, Kind.RETRYABLE, "ThrottlingException");
    start(input -> input);
    String token = api.schedule(arn, "{\"a\": 1}");
    awaitClosed(token);
    assertEquals(Status.SUCCEEDED, api.status(token));
    assertEquals(3, api.calls().stream().filter(c -> "ThrottlingException".equals(c.refused())).count());
    assertTrue(poller.stats().get(0).apiErrors() >= 3);
  }

  @Test
  void aReportThatFailsTransientlyIsRetriedUntilItIsDelivered() throws InterruptedException {
    api.failNext(Operation.SEND_TASK_SUCCESS, 2, Kind.RETRYABLE, "ServiceUnavailable");
    start(input -> input);
    String token = api.schedule(arn, "{\"a\": 1}");
    awaitClosed(token);
    assertEquals(Status.SUCCEEDED, api.status(token));
    assertEquals(3, api.calls(token).size());
  }

  @Test
  void severalPollersWaitAtOnceAndRunTasksInParallel() throws InterruptedException {
    CountDownLatch allRunning = new CountDownLatch(3);
    start(input -> {
      allRunning.countDown();
      await(allRunning); // returns only when three handlers run at the same time
      return input;
    }, 3, 3, options());
    assertTrue(api.awaitWaitingPolls(arn, 3, WAIT), "three polls should wait at once");
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tokens.add(api.schedule(arn, "{\"i\": " + i + "}"));
    }
    for (String token : tokens) {
      awaitClosed(token);
      assertEquals(Status.SUCCEEDED, api.status(token));
    }
    assertTrue(api.calls().stream().filter(c -> c.operation() == Operation.GET_ACTIVITY_TASK)
        .allMatch(c -> "test-host:42".equals(c.workerName())));
  }

  @Test
  void noTaskIsFetchedBeyondTheActivitysConcurrency() throws InterruptedException {
    CountDownLatch twoRunning = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    start(input -> {
      twoRunning.countDown();
      await(release);
      return input;
    }, 2, 2, options());
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tokens.add(api.schedule(arn, "{}"));
    }
    assertTrue(twoRunning.await(10, TimeUnit.SECONDS));
    // Both permits are held by running tasks: no poll may be waiting and the third task stays queued.
    assertEquals(0, api.waitingPolls(arn));
    assertEquals(2, api.running(arn));
    assertEquals(1, tokens.stream().filter(t -> api.status(t) == Status.QUEUED).count());
    release.countDown();
    for (String token : tokens) {
      awaitClosed(token);
    }
  }

  @Test
  void shutdownFinishesTheTasksInFlightBeforeTerminating() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(input -> {
      started.countDown();
      await(release);
      return JSON.createObjectNode().put("done", true);
    });
    String token = api.schedule(arn, "{}");
    assertTrue(started.await(10, TimeUnit.SECONDS));
    poller.shutdown();
    api.endPolling();
    assertFalse(poller.awaitTermination(Duration.ZERO), "terminated with a task still running");
    release.countDown();
    assertTrue(poller.awaitTermination(WAIT));
    assertTrue(poller.drainedCleanly());
    assertEquals(Status.SUCCEEDED, api.status(token));
  }

  @Test
  void aTaskReturnedByAPollInFlightAtShutdownIsStillRun() throws InterruptedException {
    start(input -> JSON.createObjectNode().put("ran", true));
    assertTrue(api.awaitWaitingPolls(arn, 1, WAIT));
    poller.shutdown();
    // Step Functions hands the task to the poll that was waiting: dropping it would lose it until its timeout.
    String token = api.schedule(arn, "{}");
    awaitClosed(token);
    assertEquals(Status.SUCCEEDED, api.status(token));
    api.endPolling();
    assertTrue(poller.awaitTermination(WAIT));
    assertTrue(poller.drainedCleanly());
    long pollsAfter = api.calls().stream().filter(c -> c.operation() == Operation.GET_ACTIVITY_TASK).count();
    assertEquals(1, pollsAfter, "no new poll may start after shutdown");
  }

  @Test
  void tasksStillRunningAtTheDrainTimeoutAreFailedAsWorkerStoppedAndInterrupted() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    start(input -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return input;
    }, 1, 1, options().withDrainTimeout(Duration.ofMillis(50)));
    String token = api.schedule(arn, "{}");
    assertTrue(started.await(10, TimeUnit.SECONDS));
    poller.shutdown();
    api.endPolling();
    assertTrue(poller.awaitTermination(WAIT));
    assertFalse(poller.drainedCleanly());
    assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the handler thread was not interrupted");
    assertEquals(Status.FAILED, api.status(token));
    assertEquals(ErrorNames.WORKER_STOPPED, api.error(token));
    assertTrue(api.cause(token).contains("test-host:42"), api.cause(token));
    // The handler returned after the interrupt, but the task was reported once only.
    assertEquals(1, api.calls(token).size(), api.calls(token).toString());
  }

  @Test
  void eachActivityIsServedByItsOwnHandler() throws InterruptedException {
    String other = api.createActivity("wlm-Other-test");
    poller = new ActivityPoller(api, List.of(
        new ActivityPoller.Binding(arn, "Echo", input -> JSON.createObjectNode().put("by", "echo"), 1, 1),
        new ActivityPoller.Binding(other, "Other", input -> JSON.createObjectNode().put("by", "other"), 2, 2)),
        options());
    poller.start();
    String a = api.schedule(arn, "{}");
    String b = api.schedule(other, "{}");
    awaitClosed(a);
    awaitClosed(b);
    assertEquals("echo", json(api.output(a)).get("by").asText());
    assertEquals("other", json(api.output(b)).get("by").asText());
    poller.shutdown();
    api.endPolling();
    assertTrue(poller.awaitTermination(WAIT));
    // Counted once the report returned, hence read after termination.
    assertEquals(List.of(1L, 1L), poller.stats().stream().map(ActivityPoller.ActivityStats::succeeded).toList());
  }

  @Test
  void aPollerThatNeverStartedTerminatesAtOnce() throws InterruptedException {
    ActivityPoller idle = new ActivityPoller(api, List.of(new ActivityPoller.Binding(arn, "Echo", i -> i, 1, 1)),
        options());
    idle.shutdown();
    assertTrue(idle.awaitTermination(Duration.ZERO));
  }

  @Test
  void theWorkerNameIsHostAndPidCutToTheApiLimit() {
    String name = ActivityPoller.defaultWorkerName();
    assertTrue(name.endsWith(":" + ProcessHandle.current().pid()), name);
    assertTrue(name.length() <= 80);
    assertEquals(80, ActivityPoller.Options.defaults().withWorkerName("w".repeat(100)).workerName().length());
  }

  // Blocks a handler until released; an interrupt ends the wait (the drain timeout).
  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the handler");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
