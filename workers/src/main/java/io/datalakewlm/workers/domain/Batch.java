package io.datalakewlm.workers.domain;

import java.util.List;
import java.util.Objects;

/**
 * Items of one dataset and stage leased together to one execution: one run of the stage.
 *
 * @param effectiveLevel the priority level after aging of its oldest item, the level it was picked at
 * @param sourceSlot whether the batch holds a slot of its source's in-flight cap (capped sources only)
 * @param crawler whether the dataset runs a crawler after the stage (its lane says so)
 */
public record Batch(String batchId, String owner, String source, String team, String dataset, String stage,
                    int effectiveLevel, List<WorkItem> items, boolean sourceSlot, boolean crawler) {
  public Batch {
    Objects.requireNonNull(batchId);
    Objects.requireNonNull(owner);
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a batch holds at least one item");
    }
  }

  public String datasetName() {
    return team + "-" + dataset;
  }

  /** The holder id of the batch's job slot on its dataset's lane. */
  public String holderId() {
    return owner + "#" + batchId;
  }
}
