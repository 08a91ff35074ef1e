package io.datalakewlm.workers.handler;

import java.util.List;

/**
 * The batch a Complete, Fail or RenewLease call is about: either {@code "batch": {...}} as
 * SelectBatch answered it, or {@code "batchId"} and {@code "objectKeys"} at the top level.
 */
record BatchRef(String executionId, String batchId, List<String> objectKeys) {

  static BatchRef read(Input in) {
    String execution = in.text("executionId");
    if (in.has("batch")) {
      Input batch = in.object("batch");
      return new BatchRef(execution, batch.text("batchId"), batch.keys("items"));
    }
    return new BatchRef(execution, in.text("batchId"), in.keys("objectKeys"));
  }
}
