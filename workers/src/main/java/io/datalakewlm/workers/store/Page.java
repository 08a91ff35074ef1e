package io.datalakewlm.workers.store;

import java.util.List;

/** One page of query results; {@code lastEvaluated} is null when the partition is exhausted. */
public record Page(List<Item> items, Key lastEvaluated) {
  public Page {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return lastEvaluated != null;
  }
}
