package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.store.Item;
import java.time.Instant;
import java.util.Objects;

/**
 * A dead-lettered work item (status DEAD): it failed with its attempts spent and waits for an
 * operator to requeue or purge it. No selection reads it. {@link DeadLetters#get} reads any item
 * into this shape, whatever its status, so a command can say what a key became.
 *
 * @param error the error name of its last failure, e.g. {@code Glue.EntityNotFoundException}
 * @param cause the cause of its last failure, as the state machine passed it (at most 4,096 characters)
 * @param deadAt when it was dead-lettered, or null for an item written without that time
 */
public record DeadLetter(WorkItem item, String error, String cause, Instant deadAt) {

  public DeadLetter {
    Objects.requireNonNull(item);
    error = error == null ? "(none)" : error;
    cause = cause == null ? "(none)" : cause;
  }

  public String objectKey() {
    return item.objectKey();
  }

  /** Reads a stored DEAD item. */
  static DeadLetter parse(Item raw) {
    return new DeadLetter(QueueRecords.parse(raw), raw.optString("lastError").orElse(null),
        raw.optString("lastCause").orElse(null), raw.optLong("deadAt").map(Instant::ofEpochMilli).orElse(null));
  }
}
