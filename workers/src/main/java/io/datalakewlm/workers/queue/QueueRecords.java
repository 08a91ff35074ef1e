package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.ItemStatus;
import io.datalakewlm.workers.domain.Lease;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.store.Item;
import java.time.Instant;

/**
 * The stored form of a work item in {@code wlm-queue}. While QUEUED an item carries
 * {@code lane} = {@code <stage>#<team-dataset>} (one lane per dataset and stage: a batch takes its
 * items from one lane) and {@code laneOrder} = its priority level, zero-padded enqueue time and
 * key, which put it in the sparse {@code lane-index} best level first, then in arrival order. It
 * stays so while a batch holds it (the batch's holder on the lane lists it) and leaves the lane when
 * DONE. An item LEASED by an older version carries {@code leaseOwner}, {@code leased} and
 * {@code leaseExpiry}, which put it in {@code owner-index} and {@code lease-index}, where the
 * reap and the sweep still find it. A DEAD item sits in lane {@code DEAD#<stage>}, which no
 * selection reads.
 */
final class QueueRecords {

  private QueueRecords() {
  }

  static String lane(String stage, String datasetName) {
    return stage + "#" + datasetName;
  }

  static String deadLane(String stage) {
    return "DEAD#" + stage;
  }

  /**
   * Sorts by level, then time, then key: fifteen digits of epoch milliseconds cover the next 30,000
   * years. A dead-letter lane has no level and sorts by time only.
   */
  static String laneOrder(int level, Instant at, String objectKey) {
    return level + "#" + deadOrder(at, objectKey);
  }

  static String deadOrder(Instant at, String objectKey) {
    return String.format("%015d#%s", at.toEpochMilli(), objectKey);
  }

  static Item queued(WorkItem item) {
    return Item.builder()
        .put("objectKey", item.objectKey())
        .put("team", item.team())
        .put("dataset", item.dataset())
        .put("table", item.table())
        .put("source", item.source())
        .put("stage", item.stage())
        .put("priority", item.priority().level())
        .put("minBatch", item.minBatch())
        .put("maxBatch", item.maxBatch())
        .put("enqueuedAt", item.enqueuedAt().toEpochMilli())
        .put("attempts", item.attempts())
        .put("status", ItemStatus.QUEUED.name())
        .put("version", item.version().isEmpty() ? null : item.version())
        .put("lane", lane(item.stage(), item.datasetName()))
        .put("laneOrder", laneOrder(item.priority().level(), item.enqueuedAt(), item.objectKey()))
        .build();
  }

  static WorkItem parse(Item item) {
    Lease lease = null;
    if (item.has("leaseOwner") && item.has("batchId") && item.has("leaseExpiry")) {
      lease = new Lease(item.string("leaseOwner"), item.string("batchId"),
          Instant.ofEpochMilli(item.longValue("leaseExpiry")));
    }
    return new WorkItem(item.string("objectKey"), item.string("team"), item.string("dataset"),
        item.optString("table").orElse(null), item.string("source"), item.string("stage"),
        new Priority(item.number("priority").intValue()), (int) item.longValue("minBatch", 1),
        (int) item.longValue("maxBatch", 100), Instant.ofEpochMilli(item.longValue("enqueuedAt")),
        (int) item.longValue("attempts", 0), ItemStatus.valueOf(item.string("status")),
        item.optString("version").orElse(""), lease, item.optString("lastError").orElse(null));
  }
}
