package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.pacing.TokenBuckets;
import io.datalakewlm.workers.queue.DatasetLane;
import io.datalakewlm.workers.queue.EnqueueRequest;
import io.datalakewlm.workers.queue.SelectRequest;
import io.datalakewlm.workers.pool.WorkerPool;
import io.datalakewlm.workers.semaphore.AcquireOutcome;
import io.datalakewlm.workers.semaphore.CountingSemaphore;
import io.datalakewlm.workers.semaphore.SemaphoreState;
import io.datalakewlm.workers.semaphore.Semaphores;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sixteen threads at once against the store: the invariants hold whatever the interleaving.
 * The assertions are about state, never about timing.
 */
public abstract class ConcurrencyContract extends QueueSupport {

  private static final int THREADS = 16;
  private static final String GLUE = "glue-job:heavy";

  private ExecutorService pool;

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
  }

  /** Runs one task per thread, all released at once; rethrows the first failure. */
  private void runAll(ThreadTask task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        start.await();
        task.run(thread, new Random(thread * 7919L + 1));
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
  }

  @FunctionalInterface
  private interface ThreadTask {
    void run(int thread, Random random) throws Exception;
  }

  private int perThread() {
    return Math.max(2, fixture().concurrencyOps() / THREADS);
  }

  @Test
  void aSemaphoreNeverExceedsItsLimitAndEndsEmpty() throws Exception {
    int limit = 3;
    workers.semaphores().define(GLUE, limit);
    AtomicInteger inUse = new AtomicInteger();
    AtomicInteger maxInUse = new AtomicInteger();
    AtomicInteger acquired = new AtomicInteger();
    runAll((thread, random) -> {
      for (int op = 0; op < perThread(); op++) {
        String execution = "e" + thread;
        AcquireOutcome outcome = workers.semaphores().acquire(GLUE, execution, "op" + op, Duration.ofHours(1), null);
        if (outcome instanceof AcquireOutcome.Acquired) {
          int now = inUse.incrementAndGet();
          maxInUse.accumulateAndGet(now, Math::max);
          acquired.incrementAndGet();
          SemaphoreState stored = workers.semaphores().state(GLUE).orElseThrow();
          assertTrue(stored.count() <= limit, "stored count " + stored.count());
          assertEquals(stored.count(), stored.holders().size());
          inUse.decrementAndGet();
          assertTrue(workers.semaphores().release(GLUE, execution, "op" + op));
        }
      }
    });
    assertTrue(maxInUse.get() <= limit, "at most " + limit + " held at once, saw " + maxInUse.get());
    assertTrue(acquired.get() > 0);
    SemaphoreState end = workers.semaphores().state(GLUE).orElseThrow();
    assertEquals(0, end.count());
    assertTrue(end.holders().isEmpty());
  }

  @Test
  void theWorkerPoolNeverExceedsItsLimitWhileReservingShrinkingAndGrowingAndEndsEmpty() throws Exception {
    int limit = 4;
    String resource = "glue-account";
    workers.semaphores().define(resource, limit);
    CountingSemaphore pool = workers.semaphores().semaphoreOf(resource);
    AtomicInteger held = new AtomicInteger();
    runAll((thread, random) -> {
      for (int op = 0; op < perThread(); op++) {
        String execution = "w" + thread + "-" + op;
        String holder = Semaphores.holderId(execution, WorkerPool.HOLDER);
        if (random.nextBoolean()) {
          pool.reserve(List.of(holder), clock.instant().plusSeconds(300)); // the dispatcher's plan
        }
        AcquireOutcome outcome = workers.semaphores().acquire(resource, execution, WorkerPool.HOLDER,
            Duration.ofHours(1), null);
        SemaphoreState stored = workers.semaphores().state(resource).orElseThrow();
        assertTrue(stored.count() <= limit, "stored count " + stored.count());
        assertEquals(stored.count(), stored.holders().size(), "count and holders agree");
        if (outcome instanceof AcquireOutcome.Acquired) {
          held.incrementAndGet();
          if (random.nextInt(4) == 0) {
            pool.shrink(holder, 1); // Glue refused: the ceiling goes down, the slot is given back
          } else {
            workers.semaphores().release(resource, execution, WorkerPool.HOLDER);
          }
          pool.grow(Duration.ZERO);
        } else {
          workers.semaphores().release(resource, execution, WorkerPool.HOLDER); // an unclaimed reservation
        }
      }
    });
    assertTrue(held.get() > 0);
    SemaphoreState end = workers.semaphores().state(resource).orElseThrow();
    assertEquals(0, end.count(), "every worker gave its slot back: " + end.holders());
    assertTrue(end.holders().isEmpty());
  }

  @Test
  void aTokenBucketNeverIssuesMoreThanBurstPlusRateTimesT() throws Exception {
    BigDecimal rate = new BigDecimal("5");
    BigDecimal burst = new BigDecimal("3");
    long t0 = clock.millis();
    workers.buckets().define("glue:StartCrawler", new TokenBuckets.Definition(rate, burst));
    ConcurrentLinkedQueue<Long> usableAt = new ConcurrentLinkedQueue<>();
    runAll((thread, random) -> {
      for (int op = 0; op < perThread(); op++) {
        clock.advance(Duration.ofMillis(random.nextInt(60)));
        TokenBuckets.Grant grant = workers.buckets().take("glue:StartCrawler", null).orElseThrow();
        usableAt.add(grant.usableAt().toEpochMilli());
      }
    });
    List<Long> times = new ArrayList<>(usableAt);
    Collections.sort(times);
    assertEquals(THREADS * perThread(), times.size());
    for (int i = 0; i < times.size(); i++) {
      double allowed = burst.doubleValue() + rate.doubleValue() * (times.get(i) - t0) / 1000.0;
      assertTrue(i + 1 <= allowed + 1e-9, "token " + (i + 1) + " usable at +" + (times.get(i) - t0)
          + " ms exceeds burst + rate x t = " + allowed);
    }
  }

  @Test
  void noItemIsLeasedTwiceWithSelectorsRacing() throws Exception {
    int items = fixture().concurrencyOps() / 2;
    for (int i = 0; i < items; i++) {
      workers.queue().enqueue(new EnqueueRequest("k" + i, "team" + (i % 4), "d" + (i % 10), null, null, "stage_b",
          null, ""));
    }
    ConcurrentLinkedQueue<String> leased = new ConcurrentLinkedQueue<>();
    runAll((thread, random) -> {
      for (int round = 0; round < 50; round++) {
        List<Batch> batches = workers.selector().select(new SelectRequest("sel-" + thread + "-" + round, "stage_b",
            2, 1000, Duration.ZERO, Duration.ZERO, Duration.ofHours(1), 20)).batches();
        batches.forEach(b -> b.items().forEach(i -> leased.add(i.objectKey())));
        if (batches.isEmpty() && leased.size() >= items) {
          return;
        }
      }
    });
    List<String> all = new ArrayList<>(leased);
    Set<String> distinct = new HashSet<>(all);
    assertEquals(all.size(), distinct.size(), "an item was leased twice");
    assertEquals(items, distinct.size(), "every item was leased once");
    Map<String, Integer> listed = new HashMap<>();
    for (DatasetLane lane : workers.queue().lanes().read()) {
      lane.holders().values().forEach(h -> h.keys().keySet().forEach(k -> listed.merge(k, 1, Integer::sum)));
    }
    for (String key : distinct) {
      assertEquals(ItemStatus.QUEUED, workers.queue().item(key).orElseThrow().status(), "held items are not written");
      assertEquals(1, listed.getOrDefault(key, 0), key + " is listed by exactly one holder");
    }
  }

  @Test
  void afterKillingHoldersAtRandomAndReapingNoSlotOrItemIsLeakedOrLost() throws Exception {
    int items = fixture().concurrencyOps() / 4;
    workers.semaphores().define(GLUE, 4);
    for (int i = 0; i < items; i++) {
      workers.queue().enqueue(new EnqueueRequest("k" + i, "team" + (i % 3), "d" + (i % 7), null, null, "stage_b",
          null, ""));
    }
    ConcurrentLinkedQueue<String> killed = new ConcurrentLinkedQueue<>();
    runAll((thread, random) -> {
      for (int round = 0; round < perThread(); round++) {
        String execution = "x-" + thread + "-" + round;
        List<Batch> batches = workers.selector().select(new SelectRequest(execution, "stage_b", 1, 5, Duration.ZERO,
            Duration.ZERO, Duration.ofHours(1), 10)).batches();
        if (batches.isEmpty()) {
          continue;
        }
        Batch batch = batches.get(0);
        AcquireOutcome slot = workers.semaphores().acquire(GLUE, execution, batch.batchId(), Duration.ofHours(1), null);
        if (random.nextInt(3) == 0) {
          killed.add(execution); // dies holding its leases and maybe a slot
          if (random.nextBoolean()) {
            // a reaper races with the dying execution's own late calls
            workers.reaper().reap(execution, "FAILED", "killed", 1000);
            workers.semaphores().acquire(GLUE, execution, "late", Duration.ofHours(1), null);
          }
          continue;
        }
        List<String> keys = batch.items().stream().map(WorkItem::objectKey).toList();
        if (slot instanceof AcquireOutcome.Acquired) {
          workers.queue().complete(execution, batch.batchId(), keys);
          workers.semaphores().release(GLUE, execution, batch.batchId());
        } else {
          workers.queue().fail(execution, batch.batchId(), keys, "Wlm.NoSlot", "full", 1000, false);
        }
      }
    });
    for (String execution : killed) {
      workers.reaper().reap(execution, "FAILED", "killed", 1000);
    }
    for (DatasetLane lane : workers.queue().lanes().read()) {
      assertEquals(Map.of(), lane.holders(), "a crashed holder leaked on " + lane.datasetName());
      assertEquals(0, lane.held(), "items still counted as held on " + lane.datasetName());
    }
    SemaphoreState glue = workers.semaphores().state(GLUE).orElseThrow();
    assertEquals(0, glue.count(), "glue slots leaked: " + glue.holders());
    assertTrue(glue.holders().isEmpty());
    for (Item slot : store.query(Query.of(Table.LANES, null, "lanes", 1000)).items()) {
      if (slot.string("name").startsWith("slot#")) {
        assertEquals(0, slot.longValue("count"), "source slot leaked: " + slot);
      }
    }
    int done = 0;
    for (int i = 0; i < items; i++) {
      ItemStatus status = workers.queue().item("k" + i).orElseThrow().status();
      assertTrue(status == ItemStatus.DONE || status == ItemStatus.QUEUED, "k" + i + " is " + status);
      done += status == ItemStatus.DONE ? 1 : 0;
    }
    int drained = 0;
    for (int round = 0; round < items; round++) {
      List<Batch> rest = workers.selector().select(new SelectRequest("drain-" + round, "stage_b", 50, 1000,
          Duration.ZERO, Duration.ZERO, Duration.ofHours(1), 100)).batches();
      if (rest.isEmpty()) {
        break;
      }
      for (Batch b : rest) {
        drained += workers.queue().complete("drain-" + round, b.batchId(),
            b.items().stream().map(WorkItem::objectKey).toList()).done().size();
      }
    }
    assertEquals(items, done + drained, "every item is done exactly once after the drain");
  }

  @Test
  void lateAcquiresRacingTheirReapNeverLeakASlot() throws Exception {
    workers.semaphores().define(GLUE, THREADS * perThread());
    workers.semaphores().define("account-pool", THREADS * perThread());
    int executions = THREADS / 2;
    runAll((thread, random) -> {
      if (thread < executions) {
        // a dying execution whose acquires are still arriving
        for (int op = 0; op < perThread(); op++) {
          workers.semaphores().acquire(op % 2 == 0 ? GLUE : "account-pool", "late-" + thread, "h" + op,
              Duration.ofHours(1), null);
        }
      } else {
        // the cleanup of that execution, fired while its acquires are in flight
        for (int spin = random.nextInt(perThread()); spin > 0; spin--) {
          workers.semaphores().state(GLUE);
        }
        workers.reaper().reap("late-" + (thread - executions), "ABORTED", "race", 3);
      }
    });
    for (String resource : List.of(GLUE, "account-pool")) {
      SemaphoreState state = workers.semaphores().state(resource).orElseThrow();
      assertEquals(0, state.count(), resource + ": holders left after their executions were reaped: " + state.holders());
      assertTrue(state.holders().isEmpty());
    }
  }

  @Test
  void requeuesRacingEachOtherAndADispatcherLeaseEachDeadLetterOnceAndLoseNone() throws Exception {
    int items = Math.max(8, fixture().concurrencyOps() / 8);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      keys.add("k" + i);
      workers.queue().enqueue(new EnqueueRequest("k" + i, "team" + (i % 2), "d" + (i % 3), null, null, "stage_b",
          null, ""));
    }
    deadLetterAll("stage_b");
    assertEquals(items, workers.queue().deadLetters().count());
    int requeuers = THREADS / 4;
    ConcurrentLinkedQueue<String> requeued = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> leased = new ConcurrentLinkedQueue<>();
    AtomicInteger completed = new AtomicInteger();
    runAll((thread, random) -> {
      if (thread < requeuers) {
        List<String> mine = new ArrayList<>(keys);
        Collections.shuffle(mine, random);
        workers.queue().deadLetters().requeue(mine).changed().forEach(d -> requeued.add(d.objectKey()));
        return;
      }
      for (int round = 0; round < 200 && completed.get() < items; round++) {
        String execution = "dispatcher-" + thread + "-" + round;
        for (Batch batch : workers.selector().select(new SelectRequest(execution, "stage_b", 2, 1000, Duration.ZERO,
            Duration.ZERO, Duration.ofHours(1), 20)).batches()) {
          List<String> batchKeys = batch.items().stream().map(WorkItem::objectKey).toList();
          leased.addAll(batchKeys);
          completed.addAndGet(workers.queue().complete(execution, batch.batchId(), batchKeys).done().size());
        }
      }
    });
    assertEquals(items, new HashSet<>(requeued).size(), "every dead letter was requeued");
    assertEquals(items, requeued.size(), "and only once, however many operators raced");
    List<String> drained = new ArrayList<>(leased);
    for (int round = 0; round < items && drained.size() < items; round++) {
      for (Batch batch : workers.selector().select(new SelectRequest("drain-" + round, "stage_b", 50, 1000,
          Duration.ZERO, Duration.ZERO, Duration.ofHours(1), 100)).batches()) {
        List<String> batchKeys = batch.items().stream().map(WorkItem::objectKey).toList();
        drained.addAll(batchKeys);
        workers.queue().complete("drain-" + round, batch.batchId(), batchKeys);
      }
    }
    assertEquals(drained.size(), new HashSet<>(drained).size(), "an item was leased twice");
    assertEquals(new HashSet<>(keys), new HashSet<>(drained), "every requeued item was leased");
    for (String key : keys) {
      assertEquals(ItemStatus.DONE, workers.queue().item(key).orElseThrow().status(), key);
    }
    workers.queue().lanes().read().forEach(lane -> assertEquals(0, lane.pendingTotal(),
        "the lane counts each requeued item once: " + lane));
    assertEquals(0, workers.queue().deadLetters().count());
  }
}
