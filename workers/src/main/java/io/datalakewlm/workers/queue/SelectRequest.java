package io.datalakewlm.workers.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * What SelectBatch is asked for.
 *
 * @param owner the calling execution, which will hold the leases
 * @param maxBatches at most this many batches (the free capacity of the dispatcher's Map)
 * @param maxItems at most this many items over all batches
 * @param aging one priority level up per period waited; zero disables aging
 * @param maxBatchWait a batch smaller than its dataset's min_items_process goes once its oldest item waited this long
 * @param lease how long the leases last unless renewed
 * @param laneDepth how many items of each lane are read to form batches
 */
public record SelectRequest(String owner, String stage, int maxBatches, int maxItems, Duration aging,
                            Duration maxBatchWait, Duration lease, int laneDepth) {
  public SelectRequest {
    Objects.requireNonNull(owner);
    Objects.requireNonNull(stage);
    Objects.requireNonNull(aging);
    Objects.requireNonNull(maxBatchWait);
    Objects.requireNonNull(lease);
    if (owner.isBlank() || owner.contains("#")) {
      throw new IllegalArgumentException("owner must be an execution id without '#': '" + owner + "'");
    }
    if (maxBatches < 1 || maxItems < 1 || laneDepth < 1) {
      throw new IllegalArgumentException("maxBatches, maxItems and laneDepth must be >= 1");
    }
    if (lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be positive");
    }
  }
}
