package io.datalakewlm.workers.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A held place in a counting semaphore: who holds it and until when (the holder's lease).
 *
 * @param count holders after the acquisition
 */
public record Slot(String resource, String holderId, Instant expiresAt, int count, int limit) {
  public Slot {
    Objects.requireNonNull(resource);
    Objects.requireNonNull(holderId);
    Objects.requireNonNull(expiresAt);
  }
}
