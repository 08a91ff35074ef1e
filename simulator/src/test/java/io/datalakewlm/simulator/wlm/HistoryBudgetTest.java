package io.datalakewlm.simulator.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.task.TaskHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployed worker and dispatcher stay under Step Functions' 25,000-event history quota at the
 * template's largest {@code BatchesPerWorker} and {@code RoundsPerExecution}: each runs on the
 * local runtime (which counts events as AWS does) with task answers that send it down its longest
 * path every batch or round, short of retries.
 *
 * <p>Caveat: retries are not in this bound. Every retried attempt adds three events (scheduled,
 * started, failed); the figures printed say how many retries an execution can absorb at the
 * maximum. The template's retry counts ({@code JobRetryMaxAttempts}, {@code CrawlerRetryMaxAttempts})
 * go up to 99,999,999, so no hand-over count alone bounds a history full of retries.
 */
class HistoryBudgetTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Test
  void aWorkerAtMostBatchesPerWorkerOnItsLongestPathStaysUnderTheLimit() {
    int batches = maxValue("BatchesPerWorker");
    LocalDeployment deployment = deployment(Map.of("BatchesPerWorker", String.valueOf(batches)));
    int[] started = {0};
    Map<String, TaskHandler> answers = Map.of(
        "Take a worker slot", call -> call.succeed(JSON.objectNode().put("renewBy", "2099-01-01T00:00:00Z")),
        "Select a batch", call -> call.succeed(selection(call.input(), batches)),
        // a .sync run: submitted, then its end (TaskSubmitted is one event more than a plain task)
        "Run the Glue job", call -> {
          call.submitted(JSON.objectNode().put("JobRunId", "jr"));
          call.succeed(JSON.objectNode().put("Id", "jr").put("JobRunState", "SUCCEEDED"));
        },
        "Look at the crawler", call -> call.succeed(JSON.objectNode().set("Crawler",
            JSON.objectNode().put("Name", "c").put("State", "READY"))),
        "Complete the batch", call -> call.succeed(JSON.objectNode().set("crawl",
            JSON.objectNode().put("action", "check").put("waitSeconds", 0).put("crawlerName", "c").put("claimId", "b"))),
        // the longest crawl branch: another claim held, the crawler found READY, the check left to a crawl execution
        "Look at the crawler again", call -> call.succeed(JSON.objectNode().set("Crawler",
            JSON.objectNode().put("Name", "c").put("State", "READY"))),
        "Leave the check to a crawl execution", call -> call.succeed(JSON.objectNode().put("ExecutionArn", "check")),
        "Give the slot to a fresh worker", call -> call.succeed(JSON.objectNode()),
        "Start a fresh worker", call -> {
          started[0]++;
          call.succeed(JSON.objectNode().put("ExecutionArn", "next"));
        });

    Execution worker = run(deployment, "worker", answers);

    assertEquals(ExecutionStatus.SUCCEEDED, worker.status(), () -> worker.error() + ": " + worker.cause());
    assertEquals(1, started[0], "the worker hands over to a fresh one");
    report("worker", "BatchesPerWorker", batches, worker);
    assertTrue(worker.eventCount() < StatesRuntime.HISTORY_LIMIT,
        "worker history of " + worker.eventCount() + " events at BatchesPerWorker=" + batches);
  }

  @Test
  void aDispatcherAtMostRoundsPerExecutionStartingTenWorkersARoundStaysUnderTheLimit() {
    int rounds = maxValue("RoundsPerExecution");
    LocalDeployment deployment = deployment(Map.of("RoundsPerExecution", String.valueOf(rounds)));
    int[] workers = {0};
    int[] successors = {0};
    Map<String, TaskHandler> answers = Map.of(
        "Claim the dispatcher role", call -> call.succeed(JSON.objectNode()),
        // the planner starts at most 10 workers a round (PlanWorkersHandler's maxWorkers default)
        "Wait for work", call -> call.succeed(plan(10)),
        "Start a worker", call -> {
          workers[0]++;
          call.succeed(JSON.objectNode().put("ExecutionArn", "w"));
        },
        "Release the dispatcher role", call -> call.succeed(JSON.objectNode()),
        "Start the next dispatcher", call -> {
          successors[0]++;
          call.succeed(JSON.objectNode().put("ExecutionArn", "next"));
        });

    Execution dispatcher = run(deployment, "dispatcher", answers);

    assertEquals(ExecutionStatus.SUCCEEDED, dispatcher.status(), () -> dispatcher.error() + ": " + dispatcher.cause());
    assertEquals(10 * rounds, workers[0]);
    assertEquals(1, successors[0]);
    report("dispatcher", "RoundsPerExecution", rounds, dispatcher);
    assertTrue(dispatcher.eventCount() < StatesRuntime.HISTORY_LIMIT,
        "dispatcher history of " + dispatcher.eventCount() + " events at RoundsPerExecution=" + rounds);
  }

  // Runs one execution of a deployed machine with the given answers per state, history off.
  private static Execution run(LocalDeployment deployment, String machine, Map<String, TaskHandler> answers) {
    StatesRuntime runtime = StatesRuntime.builder().recordHistory(false)
        .resolver((resource, stateName) -> answers.get(stateName)).build();
    Execution execution = runtime.start(deployment.machine(machine), deployment.arn(machine), "budget", JSON.objectNode());
    runtime.scheduler().run();
    return execution;
  }

  // Prints the measured figure and the retries that would still fit (three events each).
  private static void report(String machine, String knob, int value, Execution execution) {
    long spare = StatesRuntime.HISTORY_LIMIT - execution.eventCount();
    System.out.printf("%s at %s=%d, longest path without retries: %,d history events (%,d spare, room for %,d retries)%n",
        machine, knob, value, execution.eventCount(), spare, spare / 3);
  }

  // SelectBatch's answer: a batch to run after a token wait until the worker has handled `batches`.
  private static ObjectNode selection(JsonNode input, int batches) {
    int handled = input.path("handled").asInt();
    ObjectNode answer = JSON.objectNode();
    boolean handOver = handled >= batches;
    answer.put("found", !handOver).put("startInSeconds", 1).put("handled", handOver ? handled : handled + 1)
        .put("handOver", handOver);
    ObjectNode batch = answer.putObject("batch");
    answer.putObject("crawl").put("action", "check").put("waitSeconds", 0).put("crawlerName", "c").put("claimId", "b");
    batch.put("jobName", "job").put("batchId", "b" + handled).put("team", "t").put("dataset", "d").put("itemCount", 1)
        .put("crawlerName", "c");
    batch.putArray("items").addObject().put("objectKey", "s3://bucket/key");
    return answer;
  }

  private static ObjectNode plan(int count) {
    ObjectNode plan = JSON.objectNode().put("count", count);
    ArrayNode names = plan.putArray("workers");
    for (int i = 0; i < count; i++) {
      names.addObject().put("name", "w-" + i);
    }
    return plan;
  }

  private static LocalDeployment deployment(Map<String, String> overrides) {
    return new LocalDeployment("us-east-1", "123456789012", "test", overrides);
  }

  // A parameter's MaxValue in the packaged sam-template.yaml.
  private static int maxValue(String parameter) {
    try (InputStream in = HistoryBudgetTest.class.getResourceAsStream("/sam-template.yaml")) {
      JsonNode value = new ObjectMapper(new YAMLFactory()).readTree(in).path("Parameters").path(parameter).path("MaxValue");
      assertTrue(value.isNumber(), parameter + " has a MaxValue");
      return value.asInt();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
