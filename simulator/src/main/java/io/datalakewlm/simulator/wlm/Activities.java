package io.datalakewlm.simulator.wlm;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.workers.handler.ActivityException;
import io.datalakewlm.workers.handler.HandlerRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Step Functions activities of the workers, named as the template names them
 * ({@code wlm-<Handler>-<env>}), each served by its handler the way the activity poller serves
 * it: JSON in, JSON out, or the handler's error name and cause.
 *
 * <p>A worker answers an activity task after a short latency (the poll hand-off and the DynamoDB
 * calls); {@code latencyMillis} models it so that loops in the state machines take time, as they
 * do on AWS.
 */
public final class Activities {
  /** The substitution that carries each handler's activity ARN in the state machines. */
  private static final Map<String, String> SUBSTITUTIONS = Map.of(
      "Enqueue", "EnqueueActivityArn",
      "SelectBatch", "SelectBatchActivityArn",
      "AcquireSlot", "AcquireSlotActivityArn",
      "ReleaseSlot", "ReleaseSlotActivityArn",
      "PaceCrawler", "PaceActivityArn",
      "Complete", "CompleteActivityArn",
      "Fail", "FailActivityArn",
      "RenewLease", "RenewLeaseActivityArn",
      "Reap", "ReapActivityArn",
      "CheckDependencies", "CheckDependenciesActivityArn");

  private final String region;
  private final String account;
  private final String environment;

  public Activities(String region, String account, String environment) {
    this.region = region;
    this.account = account;
    this.environment = environment;
  }

  /** The ARN of a handler's activity. */
  public String arn(String handler) {
    return "arn:aws:states:" + region + ":" + account + ":activity:wlm-" + handler + "-" + environment;
  }

  /** The substitution values of every activity ARN, for the state machines' definitions. */
  public Map<String, String> substitutions() {
    Map<String, String> values = new LinkedHashMap<>();
    SUBSTITUTIONS.forEach((handler, name) -> values.put(name, arn(handler)));
    return values;
  }

  /** Registers every handler of {@code handlers} as the server of its activity. */
  public void register(Resources resources, HandlerRegistry handlers, long latencyMillis) {
    for (String name : handlers.names()) {
      resources.register(arn(name), call -> {
        call.started("wlm-worker");
        call.after(latencyMillis, () -> {
          JsonNode output;
          try {
            output = handlers.handle(name, call.input());
          } catch (ActivityException e) {
            call.fail(e.error(), e.cause());
            return;
          }
          call.succeed(output);
        });
      });
    }
  }

  /** Calls a handler directly, as a state machine's activity task would, with the same errors. */
  public static JsonNode call(HandlerRegistry handlers, String name, JsonNode input) {
    try {
      return handlers.handle(name, input);
    } catch (ActivityException e) {
      throw new StatesError(e.error(), e.cause());
    }
  }
}
