package io.datalakewlm.workers.semaphore;

import io.datalakewlm.workers.domain.Slot;
import java.time.Instant;
import java.util.Map;

/** What an acquisition came to. */
public sealed interface AcquireOutcome {

  /** The holder holds a slot; {@code alreadyHeld} when a repeated acquire found it held. */
  record Acquired(Slot slot, boolean alreadyHeld) implements AcquireOutcome { }

  /** Every slot is held by a live holder. */
  record Full(int count, int limit, Map<String, Instant> holders) implements AcquireOutcome {
    public Full {
      holders = Map.copyOf(holders);
    }
  }

  /** The execution was reaped: its late acquire must not take a slot nobody will release. */
  record Reaped(String executionId) implements AcquireOutcome { }

  /** No semaphore of that name is defined. */
  record Undefined(String resource) implements AcquireOutcome { }
}
