package io.datalakewlm.workers.semaphore;

import java.time.Instant;
import java.util.Map;

/**
 * A semaphore item as read: its limit (null for a source slot, whose cap is passed in by the
 * caller), the number of holders, each holder's lease expiry, the tombstones of reaped
 * executions with their own expiry, and the version that optimistic writers condition on.
 */
public record SemaphoreState(Integer limit, int count, Map<String, Instant> holders, Map<String, Instant> tombstones,
                             long version) {
  public SemaphoreState {
    holders = Map.copyOf(holders);
    tombstones = Map.copyOf(tombstones);
  }
}
