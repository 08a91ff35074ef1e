package io.datalakewlm.workers.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The hold of one dispatcher execution on a leased item or batch: the owner (the execution
 * id), the batch it went out in, and when the lease lapses unless renewed.
 */
public record Lease(String owner, String batchId, Instant expiresAt) {
  public Lease {
    Objects.requireNonNull(owner);
    Objects.requireNonNull(batchId);
    Objects.requireNonNull(expiresAt);
  }
}
