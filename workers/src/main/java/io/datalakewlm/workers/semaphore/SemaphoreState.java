package io.datalakewlm.workers.semaphore;

import java.time.Instant;
import java.util.Map;

/**
 * A semaphore item as read: its limit (null for a source slot, whose cap is passed in by the
 * caller), the number of holders, each holder's lease expiry, the tombstones of reaped
 * executions with their own expiry, and the version that optimistic writers condition on.
 *
 * @param ceiling a pool shrunk below its limit (other tools took capacity) admits holders up to
 *     this instead; null when not shrunk
 * @param changedAt when the ceiling last moved, or null
 */
public record SemaphoreState(Integer limit, int count, Map<String, Instant> holders, Map<String, Instant> tombstones,
                             long version, Integer ceiling, Instant changedAt) {
  public SemaphoreState {
    holders = Map.copyOf(holders);
    tombstones = Map.copyOf(tombstones);
  }

  /** What acquires are held to: the ceiling of a shrunk pool, else the limit (null for none). */
  public Integer effectiveLimit() {
    return ceiling != null && limit != null ? Math.min(ceiling, limit) : ceiling != null ? ceiling : limit;
  }
}
