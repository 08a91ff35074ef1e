package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.pool.WorkerPool;

/**
 * ShrinkPool: Glue refused a worker's job start with ConcurrentRunsExceededException because other
 * tools hold some of the account's runs. The pool's ceiling goes one lower and the worker's slot
 * is given back in the same write, so the pool stops offering capacity that is not there; it grows
 * back by one per recovery period without a refusal (see {@link WorkerPool}). Idempotent: a repeated
 * call finds the slot given back and changes nothing.
 *
 * <pre>
 * in:  {"resource": "glue-account", "executionId": "$$.Execution.Id"}
 * out: {"resource": "glue-account", "ceiling": 39}
 * </pre>
 * Errors: {@code Wlm.InvalidInput}.
 */
public final class ShrinkPoolHandler implements ActivityHandler {

  public static final String NAME = "ShrinkPool";

  private final WorkerPool pool;

  public ShrinkPoolHandler(WorkerPool pool) {
    this.pool = pool;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    String resource = in.text("resource");
    String execution = in.text("executionId");
    if (execution.contains("#")) {
      throw in.invalid("executionId", "must be an execution ARN (without '#')");
    }
    ObjectNode out = Json.object();
    out.put("resource", resource);
    out.put("ceiling", pool.shrink(resource, execution));
    return out;
  }
}
