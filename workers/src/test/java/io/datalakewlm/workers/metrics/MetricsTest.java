package io.datalakewlm.workers.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.handler.ActivityException;
import io.datalakewlm.workers.store.memory.InMemoryStore;
import io.datalakewlm.workers.testing.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workers' metrics as CloudWatch would read them: every line the handlers write is parsed
 * with Jackson and checked against the Embedded Metric Format (namespace, dimension sets whose
 * names are string members, metric definitions with CloudWatch units, values as numbers or
 * arrays of at most 100), then its values are checked against what the scenario did.
 */
class MetricsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The units CloudWatch accepts in a metric definition. */
  private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
      "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
      "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
      "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
      "None");
  private static final String DISPATCHER = "arn:aws:states:us-east-1:123456789012:execution:wlm-dispatcher-test:d1";
  private static final String WORKER_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:wlm-worker-test";

  private ManualClock clock;
  private Workers workers;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    clock = ManualClock.at("2024-03-01T08:00:00Z");
    workers = new Workers(new InMemoryStore(), clock, Workers.Settings.defaults(),
        new Metrics(clock, "test", lines::add));
  }

  @Test
  void aGlueRefusalIsCountedByErrorNameAndADeadLetterWithItsError() throws Exception {
    enqueue("k1", "eng", "orders", "HIGH");
    JsonNode batch = call("SelectBatch", "{\"executionId\": \"e1\"}").get("batches").get(0);
    lines.clear();
    call("Fail", "{\"executionId\": \"e1\", \"batch\": " + batch
        + ", \"error\": \"Glue.ConcurrentRunsExceededException\", \"cause\": \"full\", \"maxAttempts\": 1}");
    List<JsonNode> refusals = documents("Refusals");
    assertEquals(1, refusals.size());
    JsonNode refusal = refusals.get(0);
    assertEquals("Glue.ConcurrentRunsExceededException", refusal.get("ErrorName").asText());
    assertEquals(1, refusal.get("Refusals").asInt());
    assertEquals(List.of(List.of("Environment"), List.of("Environment", "ErrorName")), dimensionSets(refusal));
    assertEquals("Count", unitOf(refusal, "Refusals"));
    assertEquals(Instant.parse("2024-03-01T08:00:00Z").toEpochMilli(), refusal.at("/_aws/Timestamp").asLong());
    assertTrue(documents("DeadLetters").isEmpty(), "a refused batch never ran: it is requeued, not dead-lettered");

    JsonNode again = call("SelectBatch", "{\"executionId\": \"e2\"}").get("batches").get(0);
    lines.clear();
    call("Fail", "{\"executionId\": \"e2\", \"batch\": " + again
        + ", \"error\": \"Glue.JobRunFailed\", \"cause\": \"bad data\", \"maxAttempts\": 1}");
    assertTrue(documents("Refusals").isEmpty(), "a failed job run is no refusal");
    JsonNode dead = documents("DeadLetters").get(0);
    assertEquals(1, dead.get("DeadLetters").asInt());
    assertEquals("Glue.JobRunFailed", dead.get("ErrorName").asText());
  }

  @Test
  void aFullSemaphoreAndABusyCrawlerAreRefusals() throws Exception {
    call("AcquireSlot", "{\"resource\": \"glue-job:heavy\", \"executionId\": \"e1\", \"limit\": 1}");
    ActivityException full = org.junit.jupiter.api.Assertions.assertThrows(ActivityException.class,
        () -> call("AcquireSlot", "{\"resource\": \"glue-job:heavy\", \"executionId\": \"e2\", \"limit\": 1}"));
    assertEquals("Wlm.NoSlot", full.error());
    call("CrawlFinished", "{\"crawlerName\": \"sdlf-eng-orders\", \"crawlerPrefix\": \"sdlf-\", \"busy\": true}");
    List<String> names = documents("Refusals").stream().map(d -> d.get("ErrorName").asText()).toList();
    assertEquals(List.of("Wlm.NoSlot", "Glue.CrawlerRunningException"), names);
  }

  @Test
  void aDispatchedBatchCarriesEachItemsWaitUntilItsJobStarts() throws Exception {
    enqueue("k1", "eng", "orders", "HIGH");
    clock.advanceSeconds(30);
    enqueue("k2", "eng", "orders", "HIGH");
    clock.advanceSeconds(60);
    call("SelectBatch", "{\"executionId\": \"e1\", \"jobStart\": {\"rate\": 0.1, \"burst\": 1}}");
    call("SelectBatch", "{\"executionId\": \"e1\"}"); // nothing left: no line
    JsonNode dispatched = documents("BatchesDispatched").get(0);
    assertEquals(1, documents("BatchesDispatched").size());
    assertEquals(1, dispatched.get("BatchesDispatched").asInt());
    assertEquals(2, dispatched.get("ItemsDispatched").asInt());
    assertEquals("[90.0,60.0]", dispatched.get("DispatchLatency").toString());
    assertEquals("Seconds", unitOf(dispatched, "DispatchLatency"));
    assertEquals("1", dispatched.get("Priority").asText());
    assertEquals("eng", dispatched.get("Source").asText());
    assertEquals(List.of(List.of("Environment"), List.of("Environment", "Priority"), List.of("Environment", "Source")),
        dimensionSets(dispatched));

    enqueue("k3", "eng", "invoices", "HIGH"); // orders' job runs its one batch: another dataset
    lines.clear();
    JsonNode paced = call("SelectBatch", "{\"executionId\": \"e2\", \"jobStart\": {\"rate\": 0.1, \"burst\": 1}}");
    long wait = paced.get("startInSeconds").asLong();
    assertTrue(wait > 0, "the bucket's one token went to the first batch");
    assertEquals((double) wait, documents("BatchesDispatched").get(0).get("DispatchLatency").asDouble(),
        "the job starts after its start token");
  }

  @Test
  void theDispatchersLookTakesTheGaugesOncePerPeriod() throws Exception {
    enqueue("a1", "eng", "orders", "HIGH");
    enqueue("b1", "mkt", "clicks", "HIGH");
    enqueue("c1", "mkt", "views", "LOW");
    clock.advanceSeconds(120);
    enqueue("c2", "mkt", "views", "LOW");
    call("SelectBatch", "{\"executionId\": \"e1\", \"maxBatches\": 1}"); // takes one priority-1 dataset
    lines.clear();
    plan();
    Map<String, JsonNode> byPriority = byDimension("Priority");
    assertEquals(9, byPriority.size(), "every level, empty ones as 0");
    assertEquals(1, byPriority.get("1").get("QueueDepth").asInt());
    assertEquals(120.0, byPriority.get("1").get("OldestWait").asDouble());
    assertEquals(2, byPriority.get("5").get("QueueDepth").asInt());
    assertEquals(120.0, byPriority.get("5").get("OldestWait").asDouble());
    assertEquals(0, byPriority.get("3").get("QueueDepth").asInt());
    assertFalse(byPriority.get("3").has("OldestWait"), "no wait where nothing waits");
    assertEquals("Seconds", unitOf(byPriority.get("1"), "OldestWait"));
    Map<String, JsonNode> bySource = byDimension("Source");
    assertEquals(3, bySource.get("mkt").get("QueueDepth").asInt() + bySource.get("eng").get("QueueDepth").asInt());
    JsonNode pool = byDimension("Resource").get("glue-account");
    assertEquals(50, pool.get("SlotLimit").asInt());
    assertEquals(2, pool.get("SlotsHeld").asInt(), "the slots reserved for the two ready batches' workers");
    assertEquals(1, documents("Activity").size());

    lines.clear();
    clock.advanceSeconds(30);
    plan();
    assertTrue(documents("QueueDepth").isEmpty(), "within the period the look reads nothing more");
    clock.advanceSeconds(30);
    plan();
    assertEquals(9 + 2, documents("QueueDepth").size());
  }

  @Test
  void aLargeBatchsLatenciesAreSplitIntoDocumentsOfAtMostOneHundredValues() throws Exception {
    EmfDocument document = new EmfDocument(Metrics.NAMESPACE, clock.instant(), List.of(List.of("Environment")),
        Map.of("Environment", "test"), List.of(Measure.of("BatchesDispatched", Unit.COUNT, 1),
            new Measure("DispatchLatency", Unit.SECONDS, IntStream.range(0, 250).mapToObj(i -> (double) i).toList())));
    List<String> out = document.lines();
    assertEquals(3, out.size());
    int samples = 0;
    for (String line : out) {
      JsonNode node = checked(line);
      samples += node.get("DispatchLatency").size();
    }
    assertEquals(250, samples);
    assertEquals(1, checked(out.get(0)).get("BatchesDispatched").asInt());
    assertFalse(checked(out.get(1)).has("BatchesDispatched"), "a count is not repeated in the split documents");
  }

  private JsonNode call(String activity, String json) throws Exception {
    return workers.handlers().handle(activity, JSON.readTree(json));
  }

  private void enqueue(String key, String team, String dataset, String priority) throws Exception {
    call("Enqueue", "{\"objectKey\": \"" + key + "\", \"team\": \"" + team + "\", \"dataset\": \"" + dataset
        + "\", \"priority\": \"" + priority + "\"}");
  }

  private void plan() throws Exception {
    call("PlanWorkers", "{\"executionId\": \"" + DISPATCHER + "\", \"round\": 1, \"workerStateMachineArn\": \""
        + WORKER_MACHINE + "\", \"pool\": {\"resource\": \"glue-account\", \"limit\": 50}}");
  }

  // The documents written so far that define the metric, each checked as EMF.
  private List<JsonNode> documents(String metric) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (String line : List.copyOf(lines)) {
      JsonNode node = checked(line);
      for (JsonNode definition : node.at("/_aws/CloudWatchMetrics/0/Metrics")) {
        if (definition.get("Name").asText().equals(metric)) {
          found.add(node);
        }
      }
    }
    return found;
  }

  // The gauge documents of a dimension by its value.
  private Map<String, JsonNode> byDimension(String dimension) throws Exception {
    Map<String, JsonNode> found = new java.util.TreeMap<>();
    for (JsonNode node : documents(dimension.equals("Resource") ? "SlotsHeld" : "QueueDepth")) {
      if (node.has(dimension)) {
        found.put(node.get(dimension).asText(), node);
      }
    }
    return found;
  }

  // Parses one line and checks it is an EMF document of the workers' namespace and environment.
  private static JsonNode checked(String line) throws Exception {
    assertFalse(line.contains("\n"), "one document per line");
    JsonNode node = JSON.readTree(line);
    assertTrue(node.at("/_aws/Timestamp").isIntegralNumber(), line);
    JsonNode directives = node.at("/_aws/CloudWatchMetrics");
    assertEquals(1, directives.size(), line);
    JsonNode directive = directives.get(0);
    assertEquals("DatalakeWlm", directive.get("Namespace").asText());
    assertEquals("test", node.get("Environment").asText());
    for (JsonNode set : directive.get("Dimensions")) {
      assertTrue(set.isArray() && set.size() >= 1 && set.size() <= 30, line);
      for (JsonNode name : set) {
        assertTrue(node.path(name.asText()).isTextual(), "dimension " + name + " is a string member: " + line);
      }
    }
    JsonNode definitions = directive.get("Metrics");
    assertTrue(definitions.size() >= 1 && definitions.size() <= 100, line);
    Set<String> names = new HashSet<>();
    for (JsonNode definition : definitions) {
      String name = definition.get("Name").asText();
      assertTrue(names.add(name), "defined once: " + name);
      assertTrue(UNITS.contains(definition.get("Unit").asText()), line);
      for (JsonNode set : directive.get("Dimensions")) {
        List<String> dimensions = new ArrayList<>();
        set.forEach(n -> dimensions.add(n.asText()));
        assertTrue(Metrics.PUBLISHED.getOrDefault(name, Set.of()).contains(dimensions),
            "the catalogue wlm validate checks dashboards against lists " + name + " by " + dimensions);
      }
      JsonNode value = node.get(name);
      assertTrue(value != null && (value.isNumber() || value.isArray() && value.size() <= 100), line);
      if (value.isArray()) {
        value.forEach(v -> assertTrue(v.isNumber(), line));
      }
    }
    return node;
  }

  // The dimension sets of a document.
  private static List<List<String>> dimensionSets(JsonNode node) {
    List<List<String>> sets = new ArrayList<>();
    for (JsonNode set : node.at("/_aws/CloudWatchMetrics/0/Dimensions")) {
      List<String> names = new ArrayList<>();
      set.forEach(n -> names.add(n.asText()));
      sets.add(names);
    }
    return sets;
  }

  // The unit a document defines for a metric.
  private static String unitOf(JsonNode node, String metric) {
    for (JsonNode definition : node.at("/_aws/CloudWatchMetrics/0/Metrics")) {
      if (definition.get("Name").asText().equals(metric)) {
        return definition.get("Unit").asText();
      }
    }
    return null;
  }
}
