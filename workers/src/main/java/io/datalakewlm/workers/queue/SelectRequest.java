package io.datalakewlm.workers.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * What SelectBatch is asked for.
 *
 * @param owner the calling execution, which will hold the leases and the job slots
 * @param maxBatches at most this many batches (a worker asks for one)
 * @param maxItems at most this many items over all batches
 * @param aging one priority level up per period waited; zero disables aging
 * @param maxBatchWait a batch smaller than its dataset's min_items_process goes once its oldest item waited this long
 * @param lease how long the leases and job slots last unless renewed
 * @param jobSlots the Glue job's {@code MaxConcurrentRuns}: batches of one dataset running at once
 */
public record SelectRequest(String owner, String stage, int maxBatches, int maxItems, Duration aging,
                            Duration maxBatchWait, Duration lease, int jobSlots) {
  public SelectRequest {
    Objects.requireNonNull(owner);
    Objects.requireNonNull(stage);
    Objects.requireNonNull(aging);
    Objects.requireNonNull(maxBatchWait);
    Objects.requireNonNull(lease);
    if (owner.isBlank() || owner.contains("#")) {
      throw new IllegalArgumentException("owner must be an execution id without '#': '" + owner + "'");
    }
    if (maxBatches < 1 || maxItems < 1 || jobSlots < 1) {
      throw new IllegalArgumentException("maxBatches, maxItems and jobSlots must be >= 1");
    }
    if (lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be positive");
    }
  }
}
