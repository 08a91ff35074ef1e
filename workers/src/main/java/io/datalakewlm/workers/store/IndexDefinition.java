package io.datalakewlm.workers.store;

import java.util.Objects;

/**
 * A global secondary index (projection ALL). Sparse: an item appears in it only when it has
 * every key attribute of the index.
 *
 * @param sort null for an index without a sort key
 */
public record IndexDefinition(String name, KeyAttribute partition, KeyAttribute sort) {
  public IndexDefinition {
    Objects.requireNonNull(name);
    Objects.requireNonNull(partition);
  }
}
