package io.datalakewlm.workers.contract;

import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.queue.BatchSelector;
import io.datalakewlm.workers.queue.EnqueueRequest;
import io.datalakewlm.workers.queue.EnqueueResult;
import io.datalakewlm.workers.queue.SelectRequest;
import java.time.Duration;
import java.util.List;

/** Shorthands for the queue contracts. */
public abstract class QueueSupport extends WorkersContract {

  protected EnqueueResult enqueue(String key, String team, String dataset) {
    return workers.queue().enqueue(new EnqueueRequest(key, team, dataset, null, null, "stage_b", null, ""));
  }

  /** The Glue job's MaxConcurrentRuns the selections assume (1 as Glue's default; tests may raise it). */
  protected int jobSlots = 1;

  protected BatchSelector.Selection select(String owner, int maxBatches, Duration aging) {
    return workers.selector().select(new SelectRequest(owner, "stage_b", maxBatches, 1000, aging,
        Duration.ofMinutes(15), Duration.ofHours(1), jobSlots));
  }

  protected BatchSelector.Selection select(String owner, int maxBatches) {
    return select(owner, maxBatches, Duration.ZERO);
  }

  /**
   * Selects and fails every queued item of a stage with one attempt allowed: all become dead
   * letters with {@code Glue.JobRunFailed} and a cause naming their batch.
   */
  protected void deadLetterAll(String stage) {
    for (int round = 0; ; round++) {
      List<Batch> batches = workers.selector().select(new SelectRequest("killer-" + round, stage, 50, 1000,
          Duration.ZERO, Duration.ZERO, Duration.ofHours(1), 100)).batches();
      if (batches.isEmpty()) {
        return;
      }
      for (Batch batch : batches) {
        workers.queue().fail("killer-" + round, batch.batchId(),
            batch.items().stream().map(WorkItem::objectKey).toList(), "Glue.JobRunFailed",
            "run of " + batch.batchId() + " failed", 1, true);
      }
    }
  }

  protected static List<String> keys(BatchSelector.Selection selection) {
    return selection.batches().stream().flatMap(b -> b.items().stream()).map(WorkItem::objectKey).toList();
  }

}
