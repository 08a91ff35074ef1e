package io.datalakewlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.local.LocalStepFunctions;
import io.datalakewlm.workers.store.dynamodb.Dynalite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;

/**
 * The real worker process against the local Step Functions endpoint, end to end, talking to it
 * only through the SDK's own clients ({@code SfnClient}, {@code DynamoDbClient}):
 * <ol>
 *   <li>the endpoint runs at time scale 100 with a dynalite beside it; the test creates the
 *       stack's activities and state machines from the repository's definitions, and a
 *       small arrivals state machine that calls Enqueue for each object;</li>
 *   <li>{@code wlm workers} runs as a separate JVM ("w1"), its DynamoDB behind a relay the test
 *       can stall; 8 objects of 4 datasets (2 teams) are enqueued through the arrivals machine, and 2
 *       more arrive as S3 Object Created events posted to the shipped intake machine (Express), whose
 *       direct DynamoDB writes the endpoint serves from the same dynalite;</li>
 *   <li>the dispatcher starts one worker execution at a time (MaxConcurrency 1); while the first
 *       worker's Glue job runs (emulated), the relay stalls, so w1's next task ("Complete the
 *       batch") hangs on DynamoDB; once
 *       that task is started, w1 is killed (destroyForcibly) and a second worker ("w2") starts;</li>
 *   <li>the task misses its heartbeats (ActivityHeartbeatSeconds 300 s: 3 s of wall time, where a
 *       live worker beats every second), its state retries, w2 runs it, and every object is DONE;</li>
 *   <li>the dispatcher is stopped (as if it died) and the reaper runs with the EventBridge event of
 *       its end: it frees the dispatcher role the dead execution still held; every slot is back
 *       to zero, nothing is queued, leased or dead-lettered.</li>
 * </ol>
 */
class LocalEndToEndTest {
  private static final String ENV = "e2e";
  private static final double TIME_SCALE = 100;
  private static final Duration DEADLINE = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Every template parameter, so the test does not depend on the template's defaults. */
  static final Map<String, String> PARAMETERS = Map.ofEntries(
      Map.entry("GlueJobPrefix", "sdlf-"), Map.entry("CrawlerPrefix", "crawl-"), Map.entry("MaxConcurrency", "1"),
      Map.entry("DependencyWaitSeconds", "3600"), Map.entry("Stage", "stage_b"), Map.entry("Dispatchers", "1"),
      Map.entry("DispatcherLeaseSeconds", "3600"), Map.entry("ActivityTimeoutSeconds", "600"),
      Map.entry("ActivityHeartbeatSeconds", "300"),
      Map.entry("AgingSeconds", "1800"), Map.entry("MaxBatchWaitSeconds", "300"), Map.entry("LeaseSeconds", "21600"),
      Map.entry("IdleWaitSeconds", "60"), Map.entry("BatchesPerWorker", "5"), Map.entry("JobMaxConcurrentRuns", "1"),
      Map.entry("PoolRecoverySeconds", "300"), Map.entry("PollSeconds", "2"), Map.entry("WorkerLeaseSeconds", "86400"),
      Map.entry("CrawlIntervalSeconds", "0"), Map.entry("CrawlLeaseSeconds", "7200"),
      Map.entry("GlueAccountSlots", "45"), Map.entry("JobStartRate", "1"),
      Map.entry("JobStartBurst", "5"), Map.entry("JobRetryIntervalSeconds", "30"),
      Map.entry("JobRetryMaxDelaySeconds", "600"), Map.entry("JobRetryMaxAttempts", "8"),
      Map.entry("CrawlerStartRate", "0.5"), Map.entry("CrawlerStartBurst", "3"),
      Map.entry("CrawlerRetryIntervalSeconds", "60"), Map.entry("CrawlerRetryMaxDelaySeconds", "600"),
      Map.entry("CrawlerRetryMaxAttempts", "10"), Map.entry("MaxItemAttempts", "3"),
      Map.entry("RoundsPerExecution", "20"));

  @TempDir Path dir;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  private final long startNanos = System.nanoTime();

  @AfterEach
  void stopEverything() throws Exception {
    for (Process worker : workers) {
      worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // the workers' own log lines, for whoever reads a failed run
    for (String name : List.of("w1", "w2")) {
      System.out.println("--- " + name + " log ---\n" + read(dir.resolve(name + ".log")).strip());
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void aKilledWorkersTaskIsRetriedOnAnotherWorkerAndNothingIsLost() throws Exception {
    Dynalite dynalite = keep(Dynalite.start());
    LocalStepFunctions local = keep(LocalStepFunctions.start(LocalStepFunctions.Options.defaults()
        .withTimeScale(TIME_SCALE).withGlueTimes(Duration.ofSeconds(300), Duration.ofSeconds(60))
        // a dead worker's polls end soon, so the tasks they would swallow are few
        .withPollTimeout(Duration.ofSeconds(2)).withDynamoDb(dynalite.endpoint())));
    SfnClient sfn = keep(SfnClient.builder().endpointOverride(local.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("e2e", "e2e")))
        .httpClientBuilder(ApacheHttpClient.builder())
        // StartSyncExecution of the intake: no sync- host prefix on a local endpoint
        .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build());
    DynamoDbClient dynamoDb = keep(DynamoDbClient.builder().endpointOverride(dynalite.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("e2e", "e2e")))
        .httpClientBuilder(ApacheHttpClient.builder()).build());
    StallingProxy relay = keep(new StallingProxy(dynalite.endpoint()));

    // 1. the stack, created through the API as sam deploy would
    WlmStack stack = new WlmStack("us-east-1", LocalStepFunctions.DEFAULT_ACCOUNT, ENV, PARAMETERS);
    Map<String, String> activities = new LinkedHashMap<>();
    for (String name : stack.activityNames()) {
      activities.put(name, sfn.createActivity(b -> b.name(name)).activityArn());
    }
    String role = "arn:aws:iam::123456789012:role/wlm-states-" + ENV;
    stack.stateMachines().forEach((name, definition) ->
        sfn.createStateMachine(b -> b.name(name).roleArn(role).definition(definition).type(stack.type(name))));
    String arrivals = sfn.createStateMachine(b -> b.name("wlm-arrivals-" + ENV).roleArn(role)
        .definition(arrivalsDefinition(activities.get("wlm-Enqueue-" + ENV)))).stateMachineArn();
    log("stack created: " + activities.size() + " activities, " + (stack.stateMachines().size() + 1) + " state machines");

    // 2. worker w1 (DynamoDB through the relay), then 8 objects through Enqueue
    Process w1 = startWorker("w1", local, relay.endpoint().toString());
    List<String> objects = new ArrayList<>();
    StringBuilder input = new StringBuilder("{\"objects\":[");
    for (String team : List.of("t1", "t2")) {
      for (String dataset : List.of("a", "b")) {
        for (int n = 1; n <= 2; n++) {
          String key = "raw/" + team + "/" + dataset + "/" + n + ".json";
          objects.add(key);
          input.append(objects.size() == 1 ? "" : ",").append("{\"objectKey\":\"").append(key)
              .append("\",\"team\":\"").append(team).append("\",\"dataset\":\"").append(dataset).append("\"}");
        }
      }
    }
    String feed = sfn.startExecution(b -> b.stateMachineArn(arrivals).input(input + "]}")).executionArn();
    assertEquals(ExecutionStatus.SUCCEEDED, awaitEnd(sfn, feed).status());
    for (String dataset : List.of("t1-a", "t2-b")) {
      dynamoDb.putItem(b -> b.tableName("octagon-Dataset-" + ENV).item(Map.of("name", AttributeValue.fromS(dataset))));
      String key = "raw/" + dataset.replace('-', '/') + "/events/3.json";
      StartSyncExecutionResponse intake = sfn.startSyncExecution(b -> b.stateMachineArn(stack.stateMachineArn("intake"))
          .input("{\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"detail\":{\"bucket\":{\"name\":"
              + "\"lake-raw\"},\"object\":{\"key\":\"" + key + "\",\"size\":9,\"etag\":\"e3\",\"sequencer\":\"03\"}}}"));
      assertEquals("QUEUED", JSON.readTree(intake.output()).path("outcome").asText(), intake.output() + intake.cause());
      objects.add("s3://lake-raw/" + key);
    }
    assertEquals(objects.size(), statuses(dynamoDb).values().stream().filter("QUEUED"::equals).count());
    log("enqueued " + objects.size() + " objects (2 through the intake)");

    // 3. the dispatcher; stall w1's DynamoDB while the first Glue job runs, kill w1 once its next task started
    String dispatcher = sfn.startExecution(b -> b.stateMachineArn(stack.stateMachineArn("dispatcher"))
        .name("dispatcher-1")).executionArn();
    String child = await(() -> firstWorker(sfn, stack), Optional::isPresent, "the first worker's execution")
        .orElseThrow();
    await(() -> history(sfn, child), events -> runningGlueJob(events), "a Glue job run in the first batch");
    relay.stall();
    log("Glue job running in " + child.substring(child.lastIndexOf(':') + 1) + "; w1's DynamoDB stalled");
    List<HistoryEvent> stalledAt = await(() -> history(sfn, child), events -> startedButUnanswered(events).isPresent(),
        "w1 taking its next task");
    HistoryEvent started = startedButUnanswered(stalledAt).orElseThrow();
    String stateOfTask = stateOf(stalledAt, started);
    assertEquals("w1", started.activityStartedEventDetails().workerName());
    w1.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    log("killed w1 in the middle of '" + stateOfTask + "'");
    startWorker("w2", local, dynalite.endpoint().toString());

    // 4. the dead worker's task misses its heartbeats, its state retries on w2, everything completes
    List<HistoryEvent> recovered = await(() -> history(sfn, child),
        events -> retriedOn(events, stateOfTask, "w2"), "the retry of '" + stateOfTask + "' on w2");
    HistoryEvent timedOut = recovered.stream().filter(e -> e.type() == HistoryEventType.ACTIVITY_TIMED_OUT)
        .findFirst().orElseThrow();
    assertEquals("States.HeartbeatTimeout", timedOut.activityTimedOutEventDetails().error());
    log("'" + stateOfTask + "' missed its heartbeats (" + timedOut.activityTimedOutEventDetails().error()
        + ") and was retried on w2");
    await(() -> statuses(dynamoDb), s -> s.size() == objects.size() && s.values().stream().allMatch("DONE"::equals),
        "every object DONE");
    log("all " + objects.size() + " objects DONE");
    // the worker gives its pool slot back once its next selection finds nothing
    Map<String, Long> held = await(() -> withoutZeros(slotsHeld(dynamoDb)), h -> h.size() <= 1, "the worker's slot back");
    assertEquals(Map.of("wlm-dispatcher", 1L), held, "only the running dispatcher holds a slot: " + held);

    // 5. the dispatcher dies; the reaper, started with its end's event, frees what it held
    sfn.stopExecution(b -> b.executionArn(dispatcher).error("Test.Killed").cause("the end-to-end test stopped it"));
    String reaper = sfn.startExecution(b -> b.stateMachineArn(stack.stateMachineArn("reaper")).input(
        "{\"source\":\"aws.states\",\"detail-type\":\"Step Functions Execution Status Change\",\"detail\":{"
            + "\"executionArn\":\"" + dispatcher + "\",\"status\":\"ABORTED\"}}")).executionArn();
    DescribeExecutionResponse reaped = awaitEnd(sfn, reaper);
    assertEquals(ExecutionStatus.SUCCEEDED, reaped.status(), reaped.toString());
    JsonNode report = JSON.readTree(reaped.output());
    assertEquals(1, report.path("slotsReleased").asInt(), report.toString());
    assertEquals(0, report.path("itemsReturned").asInt(), report.toString());
    log("reaper: " + report);
    assertEquals(Map.of(), withoutZeros(slotsHeld(dynamoDb)));
    Map<String, String> finalStatuses = statuses(dynamoDb);
    assertEquals(objects.stream().sorted().toList(), finalStatuses.keySet().stream().sorted().toList());
    assertTrue(finalStatuses.values().stream().allMatch("DONE"::equals), finalStatuses.toString());
    log("slots all zero; nothing queued, leased or dead-lettered");
  }

  // An inline Map over $.objects that enqueues each one; retries a timed-out Enqueue.
  private static String arrivalsDefinition(String enqueueArn) {
    return "{\"StartAt\":\"Enqueue each object\",\"States\":{\"Enqueue each object\":{\"Type\":\"Map\","
        + "\"ItemsPath\":\"$.objects\",\"MaxConcurrency\":4,\"ItemProcessor\":{\"StartAt\":\"Enqueue\",\"States\":{"
        + "\"Enqueue\":{\"Type\":\"Task\",\"Resource\":\"" + enqueueArn + "\",\"TimeoutSeconds\":300,"
        + "\"Retry\":[{\"ErrorEquals\":[\"States.Timeout\",\"Wlm.StoreUnavailable\",\"Wlm.Contention\"],"
        + "\"IntervalSeconds\":2,\"MaxAttempts\":5}],\"End\":true}}},\"End\":true}}}";
  }

  // Starts `wlm workers` in its own JVM and waits until it polls.
  private Process startWorker(String name, LocalStepFunctions local, String dynamoDbEndpoint) throws Exception {
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(config, String.join("\n",
        "environment: " + ENV,
        "region: us-east-1",
        "stepFunctions:",
        "  endpoint: " + local.endpoint(),
        "  accountId: '" + LocalStepFunctions.DEFAULT_ACCOUNT + "'",
        "dynamoDb:",
        "  endpoint: " + dynamoDbEndpoint,
        "  createTables: true",
        "worker:",
        "  name: " + name,
        "  heartbeatSeconds: 1",
        "  drainTimeoutSeconds: 5",
        "  pollers: 1",
        ""));
    Path log = dir.resolve(name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Wlm.class.getName(),
        "workers", "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    workers.add(process);
    await(() -> read(log), text -> text.contains("polling") || !process.isAlive(), name + " polling");
    assertTrue(process.isAlive(), name + " stopped: " + read(log));
    log(name + " polling (pid " + process.pid() + ")");
    return process;
  }

  // The first execution of the worker state machine (the dispatcher starts them), once there is one.
  private static Optional<String> firstWorker(SfnClient sfn, WlmStack stack) {
    return sfn.listExecutions(b -> b.stateMachineArn(stack.stateMachineArn("worker"))).executions().stream()
        .reduce((newer, older) -> older).map(e -> e.executionArn());
  }

  private static List<HistoryEvent> history(SfnClient sfn, String executionArn) {
    return sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn).maxResults(1000)).events().stream()
        .toList();
  }

  // A Glue job run was submitted and has not ended.
  private static boolean runningGlueJob(List<HistoryEvent> events) {
    int open = 0;
    for (HistoryEvent event : events) {
      if (event.type() == HistoryEventType.TASK_SUBMITTED && "glue".equals(event.taskSubmittedEventDetails().resourceType())) {
        open++;
      } else if ((event.type() == HistoryEventType.TASK_SUCCEEDED || event.type() == HistoryEventType.TASK_FAILED)
          && "glue".equals(resourceType(event))) {
        open--;
      }
    }
    return open > 0;
  }

  private static String resourceType(HistoryEvent event) {
    return event.type() == HistoryEventType.TASK_SUCCEEDED ? event.taskSucceededEventDetails().resourceType()
        : event.taskFailedEventDetails().resourceType();
  }

  // The last ActivityStarted that has no answer after it.
  private static Optional<HistoryEvent> startedButUnanswered(List<HistoryEvent> events) {
    HistoryEvent open = null;
    for (HistoryEvent event : events) {
      if (event.type() == HistoryEventType.ACTIVITY_STARTED) {
        open = event;
      } else if (event.type() == HistoryEventType.ACTIVITY_SUCCEEDED || event.type() == HistoryEventType.ACTIVITY_FAILED
          || event.type() == HistoryEventType.ACTIVITY_TIMED_OUT) {
        open = null;
      }
    }
    return Optional.ofNullable(open);
  }

  // The name of the Task state an event belongs to: the last state entered before it.
  private static String stateOf(List<HistoryEvent> events, HistoryEvent event) {
    String state = null;
    for (HistoryEvent e : events) {
      if (e.id() > event.id()) {
        break;
      }
      if (e.type() == HistoryEventType.TASK_STATE_ENTERED) {
        state = e.stateEnteredEventDetails().name();
      }
    }
    return state;
  }

  // After the timeout, the same state scheduled again, started by `worker`, and answered.
  private static boolean retriedOn(List<HistoryEvent> events, String state, String worker) {
    boolean timedOut = false;
    boolean startedOnWorker = false;
    for (HistoryEvent event : events) {
      if (event.type() == HistoryEventType.ACTIVITY_TIMED_OUT && state.equals(stateOf(events, event))) {
        timedOut = true;
      } else if (timedOut && event.type() == HistoryEventType.ACTIVITY_STARTED
          && worker.equals(event.activityStartedEventDetails().workerName()) && state.equals(stateOf(events, event))) {
        startedOnWorker = true;
      } else if (startedOnWorker && event.type() == HistoryEventType.ACTIVITY_SUCCEEDED) {
        return true;
      }
    }
    return false;
  }

  // objectKey → status of every queue item.
  private static Map<String, String> statuses(DynamoDbClient dynamoDb) {
    return dynamoDb.scanPaginator(b -> b.tableName("wlm-queue-" + ENV)).items().stream()
        .collect(Collectors.toMap(i -> i.get("objectKey").s(), i -> i.get("status").s()));
  }

  // Slots held per resource: the semaphores and the per-source in-flight slots.
  private static Map<String, Long> slotsHeld(DynamoDbClient dynamoDb) {
    Map<String, Long> held = new LinkedHashMap<>();
    for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(b -> b.tableName("wlm-semaphores-" + ENV)).items()) {
      if (item.containsKey("count")) {
        held.put(item.get("resource").s(), Long.parseLong(item.get("count").n()));
      }
    }
    for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(b -> b.tableName("wlm-lanes-" + ENV)).items()) {
      if (item.get("name").s().startsWith("slot#") && item.containsKey("count")) {
        held.put(item.get("name").s(), Long.parseLong(item.get("count").n()));
      }
    }
    return held;
  }

  private static Map<String, Long> withoutZeros(Map<String, Long> held) {
    return held.entrySet().stream().filter(e -> e.getValue() != 0)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn) {
    return await(() -> sfn.describeExecution(b -> b.executionArn(executionArn)),
        d -> d.status() != ExecutionStatus.RUNNING, "the end of " + executionArn);
  }

  // Polls `probe` until `done` holds, failing after the deadline with the last value seen.
  private static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("no " + what + " within " + DEADLINE + "; last seen: " + last);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = probe.get();
    }
    return last;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  private void log(String event) {
    System.out.printf("%6.1f s  %s%n", (System.nanoTime() - startNanos) / 1e9, event);
  }
}
