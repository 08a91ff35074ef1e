package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.handler.ActivityException;
import io.datalakewlm.workers.pool.WorkerPool;
import io.datalakewlm.workers.semaphore.SemaphoreState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worker pool, through the activities the dispatcher and the workers call: PlanWorkers
 * reserves a slot per worker to start, no more than batches are ready and slots are free; a
 * worker claims its reserved slot; an unclaimed reservation expires; ShrinkPool lowers the ceiling
 * and gives the worker's slot back; the ceiling grows back by one per recovery period.
 */
public abstract class PoolContract extends QueueSupport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:wlm-worker-test";
  private static final String DISPATCHER = "arn:aws:states:us-east-1:123456789012:execution:wlm-dispatcher-test:d1";

  private JsonNode call(String activity, String input) {
    try {
      return workers.handlers().handle(activity, JSON.readTree(input));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private JsonNode plan(int round, int limit) {
    return call("PlanWorkers", "{\"executionId\": \"" + DISPATCHER + "\", \"round\": " + round
        + ", \"workerStateMachineArn\": \"" + MACHINE + "\", \"pool\": {\"resource\": \"glue-account\", \"limit\": "
        + limit + ", \"reserveSeconds\": 300, \"recoverySeconds\": 600}, \"maxWorkers\": 10, \"maxBatchWaitSeconds\": 0}");
  }

  private List<String> names(JsonNode plan) {
    List<String> names = new ArrayList<>();
    plan.get("workers").forEach(w -> names.add(w.get("name").asText()));
    return names;
  }

  private JsonNode takeSlot(String workerName) {
    return call("AcquireSlot", "{\"resource\": \"glue-account\", \"executionId\": \""
        + WorkerPool.executionArn(MACHINE, workerName) + "\", \"holder\": \"worker\", \"limit\": 3, \"leaseSeconds\": 86400}");
  }

  private SemaphoreState pool() {
    return workers.semaphores().state("glue-account").orElseThrow();
  }

  private void datasetsReady(int n) {
    for (int i = 1; i <= n; i++) {
      enqueue("raw/eng/d" + i + "/1.json", "eng", "d" + i);
    }
  }

  @Test
  void aPlanStartsOneWorkerPerReadyBatchUpToTheFreeSlotsAndNotTwice() {
    datasetsReady(5);
    JsonNode first = plan(1, 3);
    assertEquals(3, first.get("count").asInt(), "three slots for five ready batches: " + first);
    assertEquals(3, pool().count(), "their slots are reserved at once");
    // a second look before they run starts nobody else: the pool is full of reservations
    assertEquals(0, plan(2, 3).get("count").asInt());
    for (String name : names(first)) {
      assertTrue(takeSlot(name).path("alreadyHeld").asBoolean(), name + " claims the slot reserved for it");
    }
    assertEquals(3, pool().count());
  }

  @Test
  void aReservationNoWorkerClaimedExpiresAndItsSlotIsPlannedAgain() {
    datasetsReady(2);
    assertEquals(2, plan(1, 2).get("count").asInt());
    clock.advance(Duration.ofMinutes(6)); // neither worker started
    JsonNode again = plan(2, 2);
    assertEquals(2, again.get("count").asInt(), again.toString());
    assertEquals(2, pool().count(), "the expired reservations made room, never more than the limit");
  }

  @Test
  void shrinkingGivesTheWorkersSlotBackAndTheCeilingGrowsBackOnePerRecovery() {
    datasetsReady(4);
    List<String> started = names(plan(1, 3));
    started.forEach(this::takeSlot);
    JsonNode shrunk = call("ShrinkPool", "{\"resource\": \"glue-account\", \"executionId\": \""
        + WorkerPool.executionArn(MACHINE, started.get(0)) + "\"}");
    assertEquals(2, shrunk.get("ceiling").asInt(), shrunk.toString());
    assertEquals(2, pool().count(), "the refused worker's slot is back");
    JsonNode retried = call("ShrinkPool", "{\"resource\": \"glue-account\", \"executionId\": \""
        + WorkerPool.executionArn(MACHINE, started.get(0)) + "\"}");
    assertEquals(2, retried.get("ceiling").asInt(), "a retried call does not shrink twice: " + retried);
    ActivityException full = org.junit.jupiter.api.Assertions.assertThrows(ActivityException.class,
        () -> takeSlot("w-other"));
    assertEquals("Wlm.NoSlot", full.error(), "the ceiling holds the pool at 2 though the limit is 3");
    assertEquals(0, plan(2, 3).get("count").asInt(), "nothing to start below the ceiling");
    clock.advance(Duration.ofMinutes(11));
    assertEquals(1, plan(3, 3).get("count").asInt(), "one recovery period without a refusal: one slot more");
    assertEquals(3, pool().count());
  }
}
