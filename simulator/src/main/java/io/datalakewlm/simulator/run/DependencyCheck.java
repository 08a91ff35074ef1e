package io.datalakewlm.simulator.run;

import java.util.List;
import java.util.Objects;

/**
 * One look of an aggregate's dependency stage at its inputs: when it looked and which inputs it
 * found missing (none: the aggregate was ready and its transform was queued).
 *
 * @param key the aggregate's daily run, as the ledger knows it ({@code aggregate/<source>-<name>/<day>})
 * @param atMillis the virtual time of the check
 * @param missing the scenario's names of the inputs without a landed object that day, in the
 *     aggregate's order; empty when every input was in
 */
public record DependencyCheck(String key, long atMillis, List<String> missing) {
  public DependencyCheck {
    Objects.requireNonNull(key);
    missing = List.copyOf(missing);
  }

  /** Whether every input was in at this check. */
  public boolean ready() {
    return missing.isEmpty();
  }
}
