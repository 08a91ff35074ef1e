package io.datalakewlm.workers.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.config.WorkerConfig;
import io.datalakewlm.workers.config.WorkerConfigFile;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.poller.InMemoryActivityApi;
import io.datalakewlm.workers.poller.InMemoryActivityApi.Status;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.testing.DynaliteFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker process as `wlm workers` assembles it from a config file: the real handlers on
 * dynalite, the activity API in memory (the SDK client over HTTP is exercised by the local
 * runtime's end-to-end tests).
 */
class WorkerServiceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  private Store store;
  private InMemoryActivityApi api;
  private WorkerService service;

  @BeforeEach
  void setUp() {
    store = new DynaliteFixture().newStore();
    api = new InMemoryActivityApi();
  }

  @AfterEach
  void tearDown() throws Exception {
    api.endPolling();
    if (service != null) {
      service.close();
    }
    store.close();
  }

  @Test
  void activitiesNamedByTheConventionAreServedByTheirHandlersOnDynamoDb() throws Exception {
    WorkerConfig config = WorkerConfigFile.parse("""
        environment: qa
        region: us-east-1
        stepFunctions: {accountId: '123456789012'}
        worker: {name: svc-test, heartbeatSeconds: 5, drainTimeoutSeconds: 10}
        activities:
          Enqueue: {pollers: 1}
          SelectBatch: {}
        """, "qa.yaml");
    service = WorkerService.open(config, store, api, api);
    assertEquals(List.of("arn:aws:states:us-east-1:123456789012:activity:wlm-Enqueue-qa",
            "arn:aws:states:us-east-1:123456789012:activity:wlm-SelectBatch-qa"),
        service.bindings().stream().map(b -> b.activityArn()).toList());
    service.start();

    String enqueue = api.schedule(api.createActivity("wlm-Enqueue-qa"), """
        {"objectKey": "raw/eng/persons/a.json", "team": "eng", "dataset": "legislators", "priority": "HIGH"}
        """);
    assertTrue(api.awaitClosed(enqueue, WAIT));
    assertEquals(Status.SUCCEEDED, api.status(enqueue), api.calls(enqueue).toString());
    assertEquals("svc-test", api.workerName(enqueue));
    Workers reader = new Workers(store, Clock.systemUTC(), Workers.Settings.defaults());
    assertEquals(ItemStatus.QUEUED, reader.queue().item("raw/eng/persons/a.json").orElseThrow().status());

    String select = api.schedule(api.createActivity("wlm-SelectBatch-qa"), "{}");
    assertTrue(api.awaitClosed(select, WAIT));
    assertEquals("Wlm.InvalidInput", api.error(select));
    assertTrue(api.cause(select).contains("executionId"), api.cause(select));

    String selected = api.schedule(service.bindings().get(1).activityArn(),
        "{\"executionId\": \"arn:aws:states:us-east-1:123456789012:execution:dispatcher:run-1\"}");
    assertTrue(api.awaitClosed(selected, WAIT));
    JsonNode batches = JSON.readTree(api.output(selected));
    assertEquals(1, batches.get("itemCount").asInt(), batches.toString());

    service.shutdown();
    api.endPolling();
    assertTrue(service.awaitTermination(WAIT));
    assertTrue(service.poller().drainedCleanly());
  }

  @Test
  void withoutAnAccountIdTheArnsAreLookedUpByName() {
    String arn = api.createActivity("wlm-Reap-qa");
    WorkerConfig config = WorkerConfigFile.parse("environment: qa\nactivities: {Reap: {}}\n", "qa.yaml");
    service = WorkerService.open(config, store, api, api);
    assertEquals(arn, service.bindings().get(0).activityArn());
  }

  @Test
  void anActivityThatDoesNotExistStopsTheStartWithTheFix() {
    WorkerConfig config = WorkerConfigFile.parse("environment: qa\nactivities: {Reap: {}, Fail: {}}\n", "qa.yaml");
    api.createActivity("wlm-Reap-qa");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WorkerService.open(config, store, api, api));
    assertTrue(e.getMessage().startsWith("activity wlm-Fail-qa (handler Fail) does not exist in us-east-1"),
        e.getMessage());
    assertTrue(e.getMessage().contains("activities.Fail.arn"), e.getMessage());
  }
}
