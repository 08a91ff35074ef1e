package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.metrics.QueueGauge;
import io.datalakewlm.workers.pool.WorkerPool;
import java.time.Duration;
import java.util.Optional;

/**
 * PlanWorkers: the dispatcher's long poll. Waits until batches are ready to run beyond the
 * workers already starting and the pool has free slots, then reserves a slot for each worker to
 * start and names it (see {@link WorkerPool#plan}); the dispatcher starts them under those names.
 * While it waits, the task stays open and costs no state transition.
 *
 * <pre>
 * in:  {"executionId": "$$.Execution.Id", "round": 3, "workerStateMachineArn": "arn:...:stateMachine:wlm-worker-dev",
 *       "stage": "stage_b"?, "pool": {"resource": "glue-account", "limit": 50, "maxRunning": 50?,
 *       "reserveSeconds": 300?, "recoverySeconds": 300?}, "maxWorkers": 10?, "jobSlots": 1?, "maxBatchWaitSeconds": 300?,
 *       "waitSeconds": 300?, "pollSeconds": 2?}
 * out: {"workers": [{"name": "w-1a2b3c-3-1"}], "count": 1, "ready": 4, "free": 1, "starting": 3}
 * </pre>
 * The pool's limit is the lower of {@code limit} (the account's quota) and {@code maxRunning}; a
 * changed value is applied to the pool. {@code count} 0 after {@code waitSeconds}: nothing to
 * start. Each look also takes the queue and slot gauges when they are due
 * ({@link QueueGauge}: at most once a minute). Errors: {@code Wlm.InvalidInput}.
 */
public final class PlanWorkersHandler implements PollingHandler {

  public static final String NAME = "PlanWorkers";

  private final WorkerPool pool;
  private final QueueGauge gauge;

  public PlanWorkersHandler(WorkerPool pool, QueueGauge gauge) {
    this.pool = pool;
    this.gauge = gauge;
  }

  @Override
  public Optional<JsonNode> poll(JsonNode json) {
    Input in = Input.of(NAME, json);
    String execution = in.text("executionId");
    String machine = in.text("workerStateMachineArn");
    Input poolInput = in.object("pool");
    int limit = poolInput.integer("limit", 50, 1, 100_000);
    WorkerPool.Settings settings = new WorkerPool.Settings(poolInput.text("resource"),
        Math.min(limit, poolInput.integer("maxRunning", limit, 1, 100_000)), poolInput.seconds("reserveSeconds", 300, 10, 86_400),
        poolInput.seconds("recoverySeconds", 300, 0, 86_400));
    String prefix = "w-" + shortName(execution) + "-" + in.integer("round", 0, 0, Integer.MAX_VALUE);
    WorkerPool.Plan plan = pool.plan(settings, in.text("stage", "stage_b"), in.integer("jobSlots", 1, 1, 1000),
        in.seconds("maxBatchWaitSeconds", 300, 0, 365L * 86400), machine, prefix, in.integer("maxWorkers", 10, 1, 40));
    gauge.look(settings.resource()); // at most once per gauge period: the dispatcher's look is the clock tick
    if (plan.names().isEmpty()) {
      return Optional.empty();
    }
    ObjectNode out = Json.object();
    ArrayNode workers = out.putArray("workers");
    plan.names().forEach(name -> workers.addObject().put("name", name));
    out.put("count", plan.names().size());
    out.put("ready", plan.ready());
    out.put("free", plan.free());
    out.put("starting", plan.starting());
    return Optional.of(out);
  }

  @Override
  public JsonNode nothing(JsonNode input) {
    ObjectNode out = Json.object();
    out.putArray("workers");
    out.put("count", 0);
    return out;
  }

  @Override
  public Duration waitFor(JsonNode input) {
    return Input.of(NAME, input).seconds("waitSeconds", 300, 0, 3600);
  }

  @Override
  public Duration pollEvery(JsonNode input) {
    return Input.of(NAME, input).seconds("pollSeconds", 2, 1, 300);
  }

  // The last part of an execution ARN (its name), cut so that worker names stay within 80 characters.
  private static String shortName(String executionArn) {
    String name = executionArn.substring(executionArn.lastIndexOf(':') + 1).replaceAll("[^A-Za-z0-9_-]", "");
    return name.length() > 40 ? name.substring(name.length() - 40) : name;
  }
}
