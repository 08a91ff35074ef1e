package io.datalakewlm.workers.queue;

import java.util.List;

/**
 * What a Complete, Fail, give-back or renewal did to a batch's items.
 *
 * @param done items changed now
 * @param already items that a previous identical call already changed (a retried call)
 * @param deadLettered items that went to the dead letters (Fail and give-back only)
 * @param lost items no longer leased to this batch: reaped or expired, and possibly leased again
 */
public record Outcome(List<String> done, List<String> already, List<String> deadLettered, List<String> lost) {
  public Outcome {
    done = List.copyOf(done);
    already = List.copyOf(already);
    deadLettered = List.copyOf(deadLettered);
    lost = List.copyOf(lost);
  }
}
