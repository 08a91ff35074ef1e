package io.datalakewlm.workers.queue;

import java.util.List;
import java.util.Objects;

/**
 * What a requeue or purge of dead letters did.
 *
 * @param changed the dead letters requeued or deleted now, as they were just before
 * @param skipped the keys left alone, each with the reason
 */
public record DeadLetterOutcome(List<DeadLetter> changed, List<Skipped> skipped) {

  /** A key that was not changed, and why (in words an operator reads). */
  public record Skipped(String objectKey, String reason) {
    public Skipped {
      Objects.requireNonNull(objectKey);
      Objects.requireNonNull(reason);
    }
  }

  public DeadLetterOutcome {
    changed = List.copyOf(changed);
    skipped = List.copyOf(skipped);
  }
}
