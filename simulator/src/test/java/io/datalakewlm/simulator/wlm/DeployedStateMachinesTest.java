package io.datalakewlm.simulator.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.aws.AwsQuotas;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.simulator.aws.CrawlerDefinition;
import io.datalakewlm.simulator.aws.GlueJobDefinition;
import io.datalakewlm.simulator.aws.JobRun;
import io.datalakewlm.simulator.aws.JobRunListener;
import io.datalakewlm.simulator.random.DurationDistribution;
import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.dynamodb.DynamoDbClients;
import io.datalakewlm.workers.store.dynamodb.DynamoDbStore;
import io.datalakewlm.workers.store.dynamodb.Dynalite;
import io.datalakewlm.workers.store.memory.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The deployed state machines, end to end on one virtual clock: the dispatcher, the workers, the
 * crawl machine, the reaper and the dependency stage from {@code statemachines/} and {@code stageA/},
 * the real worker handlers on a store, and the emulated Glue jobs and crawlers. Runs on the
 * in-memory twin and on dynalite.
 */
class DeployedStateMachinesTest {
  private static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");
  private static Dynalite dynalite;
  private static int environments;

  @AfterAll
  static void stopDynalite() {
    if (dynalite != null) {
      dynalite.close();
    }
  }

  private static Store memory() {
    return new InMemoryStore(TableDefinitions.fromClasspath());
  }

  private static synchronized Store dynamo() {
    if (dynalite == null) {
      dynalite = Dynalite.start();
    }
    DynamoDbStore store = new DynamoDbStore(DynamoDbClients.create(dynalite.endpoint(), "us-east-1", List.of()),
        TableDefinitions.fromClasspath(), "e2e" + (++environments), false);
    store.createTables();
    return store;
  }

  /** The knobs this test pins; every other parameter takes the template's default. */
  private static final Map<String, String> KNOBS = Map.of(
      "GlueJobPrefix", "sdlf-", "CrawlerPrefix", "crawl-", "MaxConcurrency", "4", "DependencyWaitSeconds", "3600");
  private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:";

  /** A small account: two atomic datasets of team "eng", one aggregate over them. */
  private static final class World {
    final Scheduler scheduler = Scheduler.virtual(T0);
    final AwsServices aws = AwsServices.create(scheduler, AwsQuotas.defaults(), 7);
    final LocalWlm wlm;
    final List<JobRun> runs = new ArrayList<>();
    final Map<String, Execution> executions = new java.util.HashMap<>();

    World(Store store) {
      for (String dataset : List.of("orders", "customers", "sales-summary", "churn-summary")) {
        aws.glueJobs().define(GlueJobDefinition.of("sdlf-eng-" + dataset, Duration.ofMinutes(10)));
        aws.crawlers().define(new CrawlerDefinition("crawl-eng-" + dataset,
            new DurationDistribution.Fixed(Duration.ofMinutes(3)), 2, "eng"));
      }
      aws.glueJobs().addListener(new JobRunListener() {
        @Override
        public void ended(JobRun run) {
          runs.add(run);
        }
      });
      wlm = new LocalWlm(scheduler, aws, store, KNOBS, LocalWlm.Options.defaults(7));
      wlm.runtime().addListener(new io.datalakewlm.asl.exec.ExecutionListener() {
        @Override
        public void onFinished(Execution execution) {
          executions.put(execution.arn(), execution);
        }
      });
      var workers = wlm.workers();
      workers.priorities().put(new PriorityEntry("eng", Priority.LOW, 1.0, null, null));
      workers.datasets().put(new DatasetConfig("eng-orders", "main", 1, Map.of(), Map.of("stage_b", 5), Map.of(), Map.of()));
      workers.datasets().put(new DatasetConfig("eng-sales-summary", "aggregate", 1, Map.of(), Map.of(), Map.of(),
          Map.of("orders", "eng-orders", "customers", "eng-customers")));
      workers.datasets().put(new DatasetConfig("eng-churn-summary", "aggregate", 1, Map.of(), Map.of(), Map.of(),
          Map.of("orders", "eng-orders", "clicks", "eng-clickstream")));
    }

    void enqueue(String dataset, int objects) {
      for (int i = 0; i < objects; i++) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("objectKey", "raw/eng/" + dataset + "/part-" + i + ".json");
        item.put("team", "eng");
        item.put("dataset", dataset);
        wlm.call("Enqueue", item);
      }
    }

    void runFor(Duration duration) {
      scheduler.runUntil(scheduler.nowMillis() + duration.toMillis());
    }

    ItemStatus status(String dataset, int i) {
      return wlm.workers().queue().item("raw/eng/" + dataset + "/part-" + i + ".json").orElseThrow().status();
    }

    int slotsHeld(String resource) {
      return wlm.workers().semaphores().state(resource).map(s -> s.count()).orElse(0);
    }

    int jobSlotsHeld(String dataset) {
      return wlm.workers().queue().lanes().get("stage_b", "eng-" + dataset).map(l -> l.holders().size()).orElse(0);
    }

    Execution finished(String arn) {
      return executions.get(arn);
    }

    List<Execution> running(String machine) {
      return wlm.runtime().executions().stream()
          .filter(e -> e.stateMachineArn().endsWith(":" + machine) && e.status() == ExecutionStatus.RUNNING).toList();
    }
  }

  private static void everyItemCompletesAndEverySlotIsGivenBack(Supplier<Store> stores) {
    World world = new World(stores.get());
    world.enqueue("orders", 12);
    world.enqueue("customers", 3);
    world.wlm.startSchedules();
    world.runFor(Duration.ofHours(3));

    for (int i = 0; i < 12; i++) {
      assertEquals(ItemStatus.DONE, world.status("orders", i), "orders part " + i);
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(ItemStatus.DONE, world.status("customers", i), "customers part " + i);
    }
    assertEquals(0, world.slotsHeld("glue-account"));
    assertEquals(0, world.jobSlotsHeld("orders"));
    assertEquals(0, world.jobSlotsHeld("customers"));
    // orders' max_items_process is 5: 12 objects take three runs of its job, never two at once.
    List<JobRun> orders = world.runs.stream().filter(r -> r.jobName().equals("sdlf-eng-orders")).toList();
    assertEquals(3, orders.size());
    assertEquals(12, orders.stream().mapToInt(JobRun::objects).sum());
    assertEquals(1, world.aws.meter().gauge("glue:job/sdlf-eng-orders").peak());
    assertEquals(0, world.aws.meter().api("glue:StartJobRun").totalErrors());
  }

  @Test
  void everyItemCompletesAndEverySlotIsGivenBackInMemory() {
    everyItemCompletesAndEverySlotIsGivenBack(DeployedStateMachinesTest::memory);
  }

  @Test
  void everyItemCompletesAndEverySlotIsGivenBackOnDynalite() {
    everyItemCompletesAndEverySlotIsGivenBack(DeployedStateMachinesTest::dynamo);
  }

  private static void theAggregateWaitsForItsDependenciesOrGivesUpNamingThem(Supplier<Store> stores) {
    World world = new World(stores.get());
    world.wlm.startSchedules();
    // At 00:00 the aggregates' stage starts: orders has not landed yet.
    Execution sales = world.wlm.startDailyDependencyStage("eng", "sales-summary");
    Execution churn = world.wlm.startDailyDependencyStage("eng", "churn-summary");
    world.runFor(Duration.ofMinutes(30));
    world.enqueue("orders", 2);
    world.enqueue("customers", 1);
    world.runFor(Duration.ofHours(5));

    assertEquals(ExecutionStatus.SUCCEEDED, sales.status());
    Execution salesStage = world.finished(EXECUTION + "wlm-dependency-stage-sim:eng-sales-summary-2025-01-06");
    assertEquals(ExecutionStatus.SUCCEEDED, salesStage.status(), salesStage.error() + ": " + salesStage.cause());
    assertTrue(world.runs.stream().anyMatch(r -> r.jobName().equals("sdlf-eng-sales-summary")),
        "the aggregate's transformation ran once its dependencies completed");
    JobRun aggregate = world.runs.stream().filter(r -> r.jobName().equals("sdlf-eng-sales-summary")).findFirst().orElseThrow();
    JobRun lastDependency = world.runs.stream().filter(r -> !r.jobName().contains("summary")).reduce((a, b) -> b).orElseThrow();
    assertTrue(aggregate.startedOnMillis() >= lastDependency.completedOnMillis(), "after its dependencies");

    Execution churnStage = world.finished(EXECUTION + "wlm-dependency-stage-sim:eng-churn-summary-2025-01-06");
    assertEquals(ExecutionStatus.FAILED, churnStage.status());
    assertEquals("Wlm.DependenciesMissing", churnStage.error());
    assertTrue(churnStage.cause().contains("eng-clickstream"), churnStage.cause());
    // Three checks (the default retry count of 2 after the first), an hour apart (plus the
    // workers' answer time on each check).
    Duration gaveUpAfter = Duration.between(churnStage.startDate(), churnStage.stopDate());
    assertTrue(gaveUpAfter.compareTo(Duration.ofHours(2)) >= 0 && gaveUpAfter.compareTo(Duration.ofHours(2).plusMinutes(1)) < 0,
        gaveUpAfter.toString());
    assertEquals(ExecutionStatus.SUCCEEDED, churn.status());

    // A second start the same day is refused by name and ends quietly.
    Execution again = world.wlm.startDailyDependencyStage("eng", "churn-summary");
    world.runFor(Duration.ofMinutes(1));
    assertEquals(ExecutionStatus.SUCCEEDED, again.status());
    assertEquals(2, world.executions.values().stream()
        .filter(e -> e.stateMachineArn().endsWith(":wlm-dependency-stage-sim")).count());
  }

  @Test
  void theAggregateWaitsForItsDependenciesOrGivesUpNamingThemInMemory() {
    theAggregateWaitsForItsDependenciesOrGivesUpNamingThem(DeployedStateMachinesTest::memory);
  }

  @Test
  void theAggregateWaitsForItsDependenciesOrGivesUpNamingThemOnDynalite() {
    theAggregateWaitsForItsDependenciesOrGivesUpNamingThem(DeployedStateMachinesTest::dynamo);
  }

  @Test
  void aWorkerThatDiesIsReapedAndItsBatchIsDoneByAnother() {
    World world = new World(memory());
    world.enqueue("orders", 5);
    world.wlm.startSchedules();
    world.runFor(Duration.ofMinutes(2));
    List<Execution> workers = world.running("wlm-worker-sim");
    assertEquals(1, workers.size(), "one batch of five: one worker");
    assertEquals(1, world.jobSlotsHeld("orders"));
    workers.get(0).stop("Operator.Stopped", "killed mid-batch");
    world.runFor(Duration.ofSeconds(30));
    var pool = world.wlm.workers().semaphores().state("glue-account").orElseThrow();
    assertTrue(pool.holders().keySet().stream().noneMatch(h -> h.startsWith(workers.get(0).arn())),
        "the reaper gave the dead worker's pool slot back: " + pool.holders());
    assertTrue(world.wlm.workers().queue().lanes().get("stage_b", "eng-orders").orElseThrow().holders().keySet()
        .stream().noneMatch(h -> h.startsWith(workers.get(0).arn())), "and its batch's job slot");
    world.runFor(Duration.ofHours(2));
    for (int i = 0; i < 5; i++) {
      assertEquals(ItemStatus.DONE, world.status("orders", i), "orders part " + i);
      assertEquals(1, world.wlm.workers().queue().item("raw/eng/orders/part-" + i + ".json").orElseThrow().attempts(),
          "the dead worker's run counted as one attempt");
    }
    assertEquals(0, world.slotsHeld("glue-account"), "nothing leaked");
    assertEquals(0, world.jobSlotsHeld("orders"));
    assertEquals(1, world.aws.meter().gauge("glue:job/sdlf-eng-orders").peak(), "the stopped run never overlapped the next");
  }

  @Test
  void aDispatcherThatDiesIsReapedAndTheWatchdogStartsTheNext() {
    World world = new World(memory());
    world.wlm.startSchedules();
    world.runFor(Duration.ofMinutes(1));
    List<Execution> dispatchers = world.running("wlm-dispatcher-sim");
    assertEquals(1, dispatchers.size());
    dispatchers.get(0).stop("Operator.Stopped", "killed while waiting for work");
    world.runFor(Duration.ofMinutes(1));
    assertEquals(0, world.slotsHeld("wlm-dispatcher"), "the reaper gave the role back");
    world.runFor(Duration.ofMinutes(5));
    var role = world.wlm.workers().semaphores().state("wlm-dispatcher").orElseThrow();
    assertEquals(1, role.count(), "one dispatcher holds the role");
    assertTrue(role.holders().keySet().stream().noneMatch(h -> h.startsWith(dispatchers.get(0).arn())),
        "the watchdog's next start took over: " + role.holders());
    world.enqueue("customers", 2);
    world.runFor(Duration.ofMinutes(30));
    assertEquals(ItemStatus.DONE, world.status("customers", 1));
  }
}
