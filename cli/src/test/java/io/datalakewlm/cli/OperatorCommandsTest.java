package io.datalakewlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.local.LocalStepFunctions;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.handler.ActivityException;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.dynamodb.DynamoDbClients;
import io.datalakewlm.workers.store.dynamodb.DynamoDbStore;
import io.datalakewlm.workers.store.dynamodb.Dynalite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code wlm priorities load}, {@code wlm status} and {@code wlm reap} against a real dynalite
 * (one server for the class, fresh tables per test under a new environment), with the state set
 * up through the same handlers the state machines call.
 */
class OperatorCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLES = Path.of("..", "dataset", "examples");
  private static final String EXEC = "arn:aws:states:us-east-1:123456789012:execution:dispatcher:run-1";
  private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();

  private static Dynalite server;
  private static DynamoDbClient client;

  @TempDir Path dir;

  private String env;
  private Workers workers;

  @BeforeAll
  static void startDynalite() {
    server = Dynalite.start();
    client = DynamoDbClients.create(server.endpoint(), "us-east-1", List.of());
  }

  @AfterAll
  static void stopDynalite() {
    client.close();
    server.close();
  }

  @BeforeEach
  void freshTables() {
    env = "c" + ENVIRONMENTS.incrementAndGet();
    DynamoDbStore store = new DynamoDbStore(client, TableDefinitions.fromClasspath(), env, false);
    store.createTables();
    workers = new Workers(store, Clock.systemUTC(), new Workers.Settings(Duration.ZERO, Duration.ofDays(1)));
  }

  private record Result(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  private Result wlm(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--dynalite") && !all.contains("--endpoint-url")) {
      all.addAll(List.of("--endpoint-url", server.endpoint().toString()));
    }
    if (!all.contains("--env")) {
      all.addAll(List.of("--env", env));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Wlm.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  private JsonNode handle(String activity, String json) throws IOException {
    return workers.handlers().handle(activity, JSON.readTree(json));
  }

  @Test
  void loadingAPriorityFileAddsItsEntriesAndLoadingItAgainChangesNothing() throws IOException {
    Path file = EXAMPLES.resolve("priorities.json");
    Result first = wlm("priorities", "load", file.toString());
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains("-> octagon-wlm-" + env), first.out());
    assertTrue(first.out().contains("6 added, 0 changed, 0 unchanged"), first.out());
    assertTrue(first.out().lines().anyMatch(l -> l.matches("\\s+added\\s+engineering\\s+priority 3, weight 2.0, maxInFlight 10")),
        first.out());
    assertEquals(Optional.of(new PriorityEntry("marketing-clickstream", new Priority(6), null, null, "web")),
        workers.priorities().get("marketing-clickstream"));

    Result again = wlm("priorities", "load", file.toString());
    assertTrue(again.out().contains("0 added, 0 changed, 6 unchanged"), again.out());

    Path edited = dir.resolve("priorities.json");
    Files.writeString(edited, Files.readString(file).replace("\"priority\": 3, \"weight\": 2", "\"priority\": 2"));
    Result changed = wlm("priorities", "load", edited.toString());
    assertTrue(changed.out().lines().anyMatch(l -> l.matches(
        "\\s+changed\\s+engineering\\s+priority 3 -> 2, weight 2.0 -> \\(none\\)")), changed.out());
    assertTrue(changed.out().contains("0 added, 1 changed, 5 unchanged"), changed.out());
    assertEquals(new Priority(2), workers.priorities().get("engineering").orElseThrow().priority());
  }

  @Test
  void theOldSdlfFileLoadsForItsTeamAndIsRefusedWithoutOne() {
    Path legacy = EXAMPLES.resolve("wlm-team-dataset-tables-priority.json");
    Result noTeam = wlm("priorities", "load", legacy.toString());
    assertEquals(2, noTeam.exitCode());
    assertTrue(noTeam.err().contains(legacy + ": $: is in the old SDLF shape"), noTeam.err());
    assertTrue(noTeam.err().contains("--team TEAM"), noTeam.err());

    Result loaded = wlm("priorities", "load", legacy.toString(), "--team", "engineering");
    assertEquals(0, loaded.exitCode(), loaded.err());
    assertTrue(loaded.out().contains(": 3 entries (old SDLF shape, team engineering) -> octagon-wlm-" + env), loaded.out());
    assertTrue(loaded.out().contains("3 added"), loaded.out());
    assertEquals(new Priority(1), workers.priorities().get("engineering-legislators-persons").orElseThrow().priority());
    assertEquals(Priority.LOW, workers.priorities().get("engineering-politicians-parties").orElseThrow().priority());
  }

  @Test
  void aBadFileIsRefusedWithFilePathAndFixAndNothingIsWritten() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"entries\": {\"eng\": {\"priority\": \"URGENT\"}, \"ops\": {\"priority\": 2}}}");
    Result result = wlm("priorities", "load", bad.toString());
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains(bad + ": $.entries.eng.priority: "), result.err());
    assertTrue(result.err().contains("Fix: A level from 1 (most urgent) to 9, or HIGH (= 1) or LOW (= 5)."),
        result.err());
    assertEquals("", result.out());
    assertEquals(Optional.empty(), workers.priorities().get("ops"));
  }

  @Test
  void aDryRunPrintsTheChangesWithoutWriting() {
    Result result = wlm("priorities", "load", EXAMPLES.resolve("priorities.json").toString(), "--dry-run");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("6 added, 0 changed, 0 unchanged (dry run: nothing written)"), result.out());
    assertEquals(Optional.empty(), workers.priorities().get("engineering"));
  }

  @Test
  void statusShowsDepthPerPriorityAndSourceSourcesInFlightAndHeldSlots() throws IOException {
    handle("Enqueue", "{\"objectKey\": \"raw/eng/a.json\", \"team\": \"eng\", \"dataset\": \"orders\", \"priority\": 1}");
    handle("Enqueue", "{\"objectKey\": \"raw/eng/b.json\", \"team\": \"eng\", \"dataset\": \"orders\", \"priority\": 1}");
    handle("Enqueue", "{\"objectKey\": \"raw/eng/c.json\", \"team\": \"eng\", \"dataset\": \"logs\", \"priority\": \"LOW\"}");
    handle("Enqueue", "{\"objectKey\": \"raw/mkt/d.json\", \"team\": \"mkt\", \"dataset\": \"clicks\", \"priority\": 1}");
    handle("AcquireSlot", "{\"resource\": \"glue-job:heavy\", \"executionId\": \"" + EXEC
        + "\", \"holder\": \"b-1\", \"limit\": 2, \"leaseSeconds\": 3600}");

    JsonNode status = wlm("status", "--json").json();
    assertEquals(4, status.get("queued").asInt());
    assertEquals(JSON.readTree("""
        [{"stage": "stage_b", "priority": 1, "source": "eng", "queued": 2},
         {"stage": "stage_b", "priority": 1, "source": "mkt", "queued": 1},
         {"stage": "stage_b", "priority": 5, "source": "eng", "queued": 1}]"""), withoutTimes(status.get("queue")));
    assertTrue(status.get("queue").get(0).get("oldestWaitSeconds").asLong() >= 0);
    JsonNode slot = status.get("slots").get(0);
    assertEquals("glue-job:heavy", slot.get("resource").asText());
    assertEquals(1, slot.get("count").asInt());
    assertEquals(2, slot.get("limit").asInt());
    assertEquals(EXEC + "#b-1", slot.get("holders").get(0).get("holderId").asText());
    assertFalse(slot.get("holders").get(0).get("expired").asBoolean());

    handle("SelectBatch", "{\"executionId\": \"" + EXEC + "\", \"maxBatches\": 1}");
    Result text = wlm("status");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().startsWith("Queue wlm-queue-" + env + ": 2 item(s) waiting"), text.out());
    assertTrue(text.out().lines().anyMatch(l -> l.matches("\\s+stage_b\\s+5\\s+eng\\s+1\\s+\\d+s")), text.out());
    assertTrue(text.out().lines().anyMatch(l -> l.matches("\\s+(eng|mkt)\\s+1\\s+none\\s+b-\\w+ \\(59m\\d\\ds\\)")),
        text.out());
    // the selected batch holds one run of its dataset's Glue job
    assertTrue(text.out().lines().anyMatch(l -> l.matches("\\s+stage_b\\s+(eng-orders|mkt-clicks)\\s+1\\s+b-\\w+")),
        text.out());
    assertTrue(text.out().lines().anyMatch(l -> l.matches("\\s+glue-job:heavy\\s+1\\s+2\\s+" + EXEC.replace(".", "\\.")
        + "#b-1\\s+\\S+ \\(in 59m\\d\\ds\\)")), text.out());
  }

  @Test
  void reapReleasesADeadExecutionsSlotAndItemsAndSaysWhat() throws IOException {
    handle("Enqueue", "{\"objectKey\": \"raw/eng/a.json\", \"team\": \"eng\", \"dataset\": \"orders\"}");
    handle("Enqueue", "{\"objectKey\": \"raw/eng/b.json\", \"team\": \"eng\", \"dataset\": \"orders\"}");
    JsonNode batch = handle("SelectBatch", "{\"executionId\": \"" + EXEC + "\"}").get("batches").get(0);
    String batchId = batch.get("batchId").asText();
    handle("AcquireSlot", "{\"resource\": \"glue-job:heavy\", \"executionId\": \"" + EXEC
        + "\", \"holder\": \"" + batchId + "\", \"limit\": 1}");
    assertEquals(0, wlm("status", "--json").json().get("queued").asInt());

    Result reap = wlm("reap", "--execution", EXEC, "--status", "ABORTED");
    assertEquals(0, reap.exitCode(), reap.err());
    assertTrue(reap.out().startsWith("Reaped " + EXEC + " (ABORTED)"), reap.out());
    assertTrue(reap.out().lines().anyMatch(l -> l.matches("\\s+slot\\s+glue-job:heavy\\s+" + EXEC.replace(".", "\\.")
        + "#" + batchId + "\\s+held by the execution")), reap.out());
    assertTrue(reap.out().lines().anyMatch(l -> l.matches("\\s+item\\s+raw/eng/a\\.json\\s+" + batchId
        + "\\s+held by the execution")), reap.out());
    // the dataset's job slot that SelectBatch claimed is released with the Glue job's semaphore slot
    assertTrue(reap.out().lines().anyMatch(l -> l.matches("\\s+job slot\\s+stage_b eng-orders\\s+" + EXEC.replace(".", "\\.")
        + "#" + batchId + "\\s+held by the execution")), reap.out());
    assertTrue(reap.out().contains("2 slot(s) released, 2 item(s) returned to the queue, 0 dead-lettered"), reap.out());

    JsonNode after = wlm("status", "--json").json();
    assertEquals(2, after.get("queued").asInt());
    assertEquals(0, after.get("slots").get(0).get("count").asInt());
    assertEquals(0, after.get("sources").size(), "no source has a batch in flight: " + after);
    assertEquals(0, after.get("jobs").size(), "no dataset has a job run: " + after);

    // Idempotent, and the execution's late acquire is refused by its tombstone.
    assertTrue(wlm("reap", "--execution", EXEC).out().contains("0 slot(s) released, 0 item(s) returned"));
    ActivityException late = assertThrows(ActivityException.class, () -> handle("AcquireSlot",
        "{\"resource\": \"glue-job:heavy\", \"executionId\": \"" + EXEC + "\", \"holder\": \"b-late\"}"));
    assertEquals("Wlm.ExecutionReaped", late.error());
  }

  @Test
  void reapWithoutAnExecutionOnlySweepsAndPrintsTheActivitysOutputAsJson() throws IOException {
    Result result = wlm("reap", "--json");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(JSON.readTree("{\"executionId\": null, \"slotsReleased\": 0, \"itemsReturned\": 0, "
        + "\"itemsDeadLettered\": 0, \"expiredItemsReturned\": 0, \"expiredSlotsReclaimed\": 0}"), result.json());
  }

  @Test
  void anExecutionIdWithAHashIsInvalidInput() {
    Result result = wlm("reap", "--execution", "run#1");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().startsWith("wlm reap: Wlm.InvalidInput: "), result.err());
  }

  @Test
  void aThrowAwayDynaliteLetsACommandBeTried() {
    Result result = wlm("priorities", "load", EXAMPLES.resolve("priorities.json").toString(), "--dynalite");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("on a throw-away dynalite"), result.out());
    assertTrue(result.out().contains("6 added"), result.out());
  }

  @Test
  void missingTablesAreAFailureThatSaysSoAndCreateTablesFixesIt() {
    Result missing = wlm("status", "--env", "nothere" + env);
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("does not exist (create the tables first)"), missing.err());
    Result created = wlm("status", "--env", "nothere" + env, "--create-tables");
    assertEquals(0, created.exitCode(), created.err());
    assertTrue(created.out().contains(": 0 item(s) waiting"), created.out());
  }

  @Test
  void contradictoryOptionsAreInvalidInput() {
    Result both = wlm("status", "--dynalite", "--endpoint-url", "http://127.0.0.1:1");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("give --endpoint-url or --dynalite, not both"), both.err());
    Result badEnv = wlm("status", "--env", "a b");
    assertEquals(2, badEnv.exitCode());
    Result badStatus = wlm("reap", "--status", "DONE");
    assertEquals(2, badStatus.exitCode());
    assertTrue(badStatus.err().contains("FAILED, TIMED_OUT, ABORTED"), badStatus.err());
  }

  // Enqueues the objects (team eng, dataset orders unless the key says mkt) and fails each batch for good.
  private void deadLetter(String... objectKeys) throws IOException {
    for (String key : objectKeys) {
      String dataset = key.contains("/mkt/") ? "\"team\": \"mkt\", \"dataset\": \"clicks\"" : "\"team\": \"eng\", \"dataset\": \"orders\"";
      handle("Enqueue", "{\"objectKey\": \"" + key + "\", " + dataset + "}");
    }
    for (JsonNode batch : handle("SelectBatch", "{\"executionId\": \"" + EXEC + "\", \"maxBatches\": 10}").get("batches")) {
      ObjectNode fail = JSON.createObjectNode().put("executionId", EXEC).put("error", "Glue.JobRunFailed")
          .put("cause", "the job run failed:\nAnalysisException: path s3://raw/eng/orders does not exist at all")
          .put("maxAttempts", 1);
      fail.set("batch", batch);
      workers.handlers().handle("Fail", fail);
    }
  }

  @Test
  void deadLettersAreListedCountedInStatusAndARequeuedOneIsSelectedAndCompleted() throws IOException {
    deadLetter("raw/eng/a.json", "raw/mkt/b.json");
    JsonNode status = wlm("status", "--json").json();
    assertEquals(2, status.get("deadLettered").asInt());
    assertEquals(0, status.get("queued").asInt());
    assertTrue(wlm("status").out().contains("Dead letters: 2 item(s) (wlm dead-letters list)"));

    Result list = wlm("dead-letters", "list");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().startsWith("Dead letters in wlm-queue-" + env + ": 2 item(s)"), list.out());
    assertTrue(list.out().lines().anyMatch(l -> l.matches("\\s+raw/eng/a\\.json\\s+eng-orders\\s+stage_b\\s+5\\s+1\\s+"
        + "\\d+s ago\\s+Glue\\.JobRunFailed\\s+the job run failed: AnalysisException: path s3://raw/eng/\\.\\.\\.")),
        list.out());
    JsonNode onlyEng = wlm("dead-letters", "list", "--dataset", "eng-orders", "--json").json();
    assertEquals(1, onlyEng.get("deadLettered").asInt());
    JsonNode a = onlyEng.get("deadLetters").get(0);
    assertEquals("raw/eng/a.json", a.get("objectKey").asText());
    assertEquals(1, a.get("attempts").asInt());
    assertTrue(a.get("cause").asText().endsWith("does not exist at all"), a.toString());

    Result requeue = wlm("dead-letters", "requeue", "--dataset", "eng-orders");
    assertEquals(0, requeue.exitCode(), requeue.err());
    assertTrue(requeue.out().startsWith("Requeued 1 dead letter(s) on "), requeue.out());
    assertTrue(requeue.out().lines().anyMatch(l -> l.matches("\\s+raw/eng/a\\.json\\s+eng-orders\\s+stage_b\\s+5\\s+"
        + "Glue\\.JobRunFailed")), requeue.out());
    Result again = wlm("dead-letters", "requeue", "--key", "raw/eng/a.json", "--key", "raw/nope.json");
    assertTrue(again.out().startsWith("Requeued 0 dead letter(s)"), again.out());
    assertTrue(again.out().lines().anyMatch(l -> l.matches("\\s+raw/eng/a\\.json\\s+not dead-lettered: it is QUEUED")),
        again.out());
    assertTrue(again.out().lines().anyMatch(l -> l.matches("\\s+raw/nope\\.json\\s+not in the queue.*")), again.out());

    JsonNode batch = handle("SelectBatch", "{\"executionId\": \"" + EXEC + "\"}").get("batches").get(0);
    assertEquals("raw/eng/a.json", batch.get("items").get(0).get("objectKey").asText());
    ObjectNode complete = JSON.createObjectNode().put("executionId", EXEC);
    complete.set("batch", batch);
    assertEquals(1, workers.handlers().handle("Complete", complete).get("completed").asInt());
    assertEquals(ItemStatus.DONE, workers.queue().item("raw/eng/a.json").orElseThrow().status());
    assertEquals(1, wlm("status", "--json").json().get("deadLettered").asInt());
  }

  @Test
  void purgeWithoutYesIsRefusedAndChangesNothingAndWithYesDeletesOnce() throws IOException {
    deadLetter("raw/eng/a.json");
    Result refused = wlm("dead-letters", "purge", "--all");
    assertEquals(2, refused.exitCode());
    assertEquals(1, refused.err().lines().count(), refused.err());
    assertTrue(refused.err().startsWith("wlm dead-letters purge: ") && refused.err().contains("add --yes"), refused.err());
    assertEquals(ItemStatus.DEAD, workers.queue().item("raw/eng/a.json").orElseThrow().status());

    Result purged = wlm("dead-letters", "purge", "--all", "--yes", "--json");
    assertEquals(0, purged.exitCode(), purged.err());
    assertEquals(JSON.readTree("{\"environment\": \"" + env + "\", \"purged\": [{\"objectKey\": \"raw/eng/a.json\", "
        + "\"dataset\": \"eng-orders\", \"stage\": \"stage_b\"}], \"skipped\": []}"), purged.json());
    assertEquals(Optional.empty(), workers.queue().item("raw/eng/a.json"));
    assertTrue(wlm("dead-letters", "purge", "--all", "--yes").out().startsWith("No dead letters on "));
    assertTrue(wlm("dead-letters", "list").out().startsWith("Dead letters in wlm-queue-" + env + ": none"));
  }

  @Test
  void intakeRejectsListsTheObjectsTheIntakeMachineRejectedWithTheirReason() throws IOException {
    WlmStack stack = new WlmStack("us-east-1", LocalStepFunctions.DEFAULT_ACCOUNT, env, java.util.Map.of());
    try (LocalStepFunctions local = LocalStepFunctions.start(LocalStepFunctions.Options.defaults()
        .withDynamoDb(server.endpoint()))) {
      ObjectNode create = JSON.createObjectNode().put("name", stack.stateMachineName("intake"))
          .put("definition", stack.stateMachines().get(stack.stateMachineName("intake"))).put("type", "EXPRESS")
          .put("roleArn", "arn:aws:iam::123456789012:role/intake");
      String intake = local.call("CreateStateMachine", create).path("stateMachineArn").asText();
      for (String key : List.of("raw/sales/orders/a.csv", "raw/hr/people/staff/b.csv")) {
        ObjectNode start = JSON.createObjectNode().put("stateMachineArn", intake).put("input",
            "{\"detail\":{\"bucket\":{\"name\":\"lake-raw\"},\"object\":{\"key\":\"" + key
                + "\",\"size\":7,\"sequencer\":\"0A\"}}}");
        JsonNode run = local.call("StartSyncExecution", start);
        assertEquals("REJECTED", JSON.readTree(run.path("output").asText()).path("outcome").asText(), run.toString());
      }
    }
    Result text = wlm("intake", "rejects", "--bucket", "lake-raw");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("Intake rejects of lake-raw in wlm-intake-rejects-" + env + ": 2 object(s)"), text.out());
    assertTrue(text.out().lines().anyMatch(l -> l.contains("s3://lake-raw/raw/hr/people/staff/b.csv")
        && l.contains("the dataset hr-people is not registered")), text.out());
    JsonNode json = wlm("intake", "rejects", "--bucket", "lake-raw", "--json").json();
    assertEquals(2, json.path("rejected").asInt());
    List<String> reasons = new ArrayList<>();
    json.path("rejects").forEach(r -> reasons.add(r.path("objectKey").asText() + ": " + r.path("reason").asText()));
    assertTrue(reasons.contains("s3://lake-raw/raw/sales/orders/a.csv: the key is not "
        + "<prefix><team>/<dataset>/<table>/<file> under \"raw/\""), reasons.toString());
    assertEquals("Intake rejects of other in wlm-intake-rejects-" + env + ": none",
        wlm("intake", "rejects", "--bucket", "other").out().strip());
    Result bad = wlm("intake", "rejects", "--bucket", "Not_A_Bucket");
    assertEquals(Wlm.INVALID_INPUT, bad.exitCode());
    assertTrue(bad.err().startsWith("wlm intake rejects: --bucket must be an S3 bucket name"), bad.err());
  }

  @Test
  void aDeadLetterSelectionMustBeOneOfAllDatasetOrKeys() {
    Result none = wlm("dead-letters", "requeue");
    assertEquals(2, none.exitCode());
    assertEquals("wlm dead-letters requeue: say which dead letters with one of --all, --dataset TEAM-DATASET or "
        + "--key OBJECT_KEY (repeatable)", none.err().strip());
    Result both = wlm("dead-letters", "purge", "--all", "--key", "raw/a.json", "--yes");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains(", not several"), both.err());
    Result badDataset = wlm("dead-letters", "list", "--dataset", "orders");
    assertEquals(2, badDataset.exitCode());
    assertEquals("wlm dead-letters list: --dataset must be TEAM-DATASET, e.g. engineering-legislators, got 'orders'",
        badDataset.err().strip());
  }

  // The lanes without their clock-dependent fields.
  private static JsonNode withoutTimes(JsonNode lanes) {
    JsonNode copy = lanes.deepCopy();
    copy.forEach(l -> ((com.fasterxml.jackson.databind.node.ObjectNode) l).remove(List.of("oldestEnqueuedAt",
        "oldestWaitSeconds")));
    return copy;
  }
}
