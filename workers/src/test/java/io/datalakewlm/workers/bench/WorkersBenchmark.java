package io.datalakewlm.workers.bench;

import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.queue.EnqueueRequest;
import io.datalakewlm.workers.queue.SelectRequest;
import io.datalakewlm.workers.semaphore.AcquireOutcome;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.dynamodb.DynamoDbClients;
import io.datalakewlm.workers.store.dynamodb.DynamoDbStore;
import io.datalakewlm.workers.store.dynamodb.Dynalite;
import io.datalakewlm.workers.store.dynamodb.RequestCounter;
import io.datalakewlm.workers.store.memory.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Throughput of the workers' hot paths on the in-memory store and on dynalite, and DynamoDB
 * requests per dispatched item. Not a test: it prints figures. Run from the repository root:
 * <pre>
 * mvn -o -q -pl workers test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.datalakewlm.workers.bench.WorkersBenchmark
 * </pre>
 * dynalite is a single Node.js process on loopback, so its figures measure the workers' request
 * pattern against a local DynamoDB API, not AWS's latency; the request counts carry over to AWS.
 */
public final class WorkersBenchmark {

  private static final int THREADS = 8;

  private WorkersBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    System.out.println("datalake-wlm workers benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
        + THREADS + " threads for acquire/release)");
    System.out.println();
    System.out.printf("%-10s %22s %20s %20s%n", "store", "acquire+release /s", "select calls /s", "items dispatched /s");
    run("memory", new InMemoryStore(), null, 200_000, 20_000);
    try (Dynalite dynalite = Dynalite.start()) {
      RequestCounter counter = new RequestCounter();
      DynamoDbClient client = DynamoDbClients.create(dynalite.endpoint(), "us-east-1", List.of(counter));
      DynamoDbStore store = new DynamoDbStore(client, TableDefinitions.fromClasspath(), "bench", true);
      store.createTables();
      run("dynalite", store, counter, 4_000, 1_000);
    }
  }

  // One store: semaphore round trips, then a full enqueue-select-complete cycle of `items` items.
  private static void run(String name, Store store, RequestCounter counter, int pairs, int items) throws Exception {
    Workers workers = new Workers(store, Clock.systemUTC(), Workers.Settings.defaults());
    double pairsPerSecond = acquireRelease(workers, pairs);
    Dispatch dispatch = dispatch(workers, counter, items);
    System.out.printf("%-10s %22.0f %20.0f %20.0f%n", name, pairsPerSecond, dispatch.selectsPerSecond,
        dispatch.itemsPerSecond);
    if (counter != null) {
      System.out.println();
      System.out.printf("DynamoDB requests per dispatched item (%d items, 20 sources x 10 datasets of 5 objects, one batch each):%n",
          items);
      System.out.printf("  %-10s %8s %8s%n", "phase", "reads", "writes");
      for (String[] row : dispatch.requests) {
        System.out.printf("  %-10s %8s %8s%n", row[0], row[1], row[2]);
      }
    }
    store.close();
  }

  // Acquire+release pairs per second on one semaphore that never fills up.
  private static double acquireRelease(Workers workers, int pairs) throws Exception {
    workers.semaphores().define("bench", THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String execution = "bench-" + t;
      futures.add(pool.submit(() -> {
        for (int i = 0; i < pairs / THREADS; i++) {
          if (!(workers.semaphores().acquire("bench", execution, null, Duration.ofMinutes(5), null)
              instanceof AcquireOutcome.Acquired)) {
            throw new IllegalStateException("a slot should be free");
          }
          workers.semaphores().release("bench", execution, null);
        }
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    return pairs / seconds;
  }

  private record Dispatch(double selectsPerSecond, double itemsPerSecond, List<String[]> requests) { }

  // Enqueues items, then selects (10 batches a call) and completes until the queue is empty.
  private static Dispatch dispatch(Workers workers, RequestCounter counter, int items) {
    reset(counter);
    for (int i = 0; i < items; i++) {
      workers.queue().enqueue(new EnqueueRequest("obj/" + i, "src" + (i % 20), "ds" + (i / 20 % 10), null, null,
          "stage_b", null, ""));
    }
    long[] enqueue = counts(counter);
    reset(counter);
    int selects = 0;
    int dispatched = 0;
    long selectNanos = 0;
    long[] select = new long[2];
    long[] complete = new long[2];
    while (true) {
      long t = System.nanoTime();
      List<Batch> batches = workers.selector().select(new SelectRequest("bench-dispatcher", "stage_b", 10, 1000,
          Duration.ofHours(1), Duration.ZERO, Duration.ofHours(1), 50)).batches();
      selectNanos += System.nanoTime() - t;
      selects++;
      add(select, counts(counter));
      reset(counter);
      if (batches.isEmpty()) {
        break;
      }
      for (Batch b : batches) {
        dispatched += b.items().size();
        workers.queue().complete("bench-dispatcher", b.batchId(), b.items().stream().map(WorkItem::objectKey).toList());
      }
      add(complete, counts(counter));
      reset(counter);
    }
    if (dispatched != items) {
      throw new IllegalStateException("dispatched " + dispatched + " of " + items);
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(row("enqueue", enqueue, items));
    rows.add(row("select", select, items));
    rows.add(row("complete", complete, items));
    rows.add(row("total", new long[] {enqueue[0] + select[0] + complete[0], enqueue[1] + select[1] + complete[1]},
        items));
    double selectSeconds = selectNanos / 1e9;
    return new Dispatch(selects / selectSeconds, dispatched / selectSeconds, rows);
  }

  private static String[] row(String phase, long[] counts, int items) {
    return new String[] {phase, String.format("%.2f", counts[0] / (double) items),
        String.format("%.2f", counts[1] / (double) items)};
  }

  private static long[] counts(RequestCounter counter) {
    return counter == null ? new long[2] : new long[] {counter.reads(), counter.writes()};
  }

  private static void add(long[] into, long[] more) {
    into[0] += more[0];
    into[1] += more[1];
  }

  private static void reset(RequestCounter counter) {
    if (counter != null) {
      counter.reset();
    }
  }
}
