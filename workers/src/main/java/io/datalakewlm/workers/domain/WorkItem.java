package io.datalakewlm.workers.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One object to process: its key (the idempotency key of the queue), the team, dataset and
 * table it belongs to, the source whose fair share it counts against, the stage it waits for,
 * its priority and batch bounds (copied from the priority table and the dataset config when it
 * was enqueued, so selection needs no further reads), and its progress.
 *
 * @param table null when the object is not tied to a table
 * @param version the object version (etag, sequencer) that distinguishes a re-upload; "" when unknown
 * @param lease null unless LEASED
 * @param lastError null until a failure
 */
public record WorkItem(String objectKey, String team, String dataset, String table, String source, String stage,
                       Priority priority, int minBatch, int maxBatch, Instant enqueuedAt, int attempts,
                       ItemStatus status, String version, Lease lease, String lastError) {

  public WorkItem {
    Objects.requireNonNull(objectKey);
    Objects.requireNonNull(team);
    Objects.requireNonNull(dataset);
    Objects.requireNonNull(source);
    Objects.requireNonNull(stage);
    Objects.requireNonNull(priority);
    Objects.requireNonNull(enqueuedAt);
    Objects.requireNonNull(status);
    Objects.requireNonNull(version);
    if (minBatch < 1 || maxBatch < minBatch) {
      throw new IllegalArgumentException("batch bounds must satisfy 1 <= min <= max, got " + minBatch + ".." + maxBatch);
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0");
    }
  }

  /** The SDLF dataset name, {@code team-dataset}: the key of its config and of its stage status. */
  public String datasetName() {
    return team + "-" + dataset;
  }
}
