package io.datalakewlm.simulator.wlm;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.task.TaskCall;
import io.datalakewlm.workers.handler.ActivityException;
import io.datalakewlm.workers.handler.ActivityHandler;
import io.datalakewlm.workers.handler.HandlerRegistry;
import io.datalakewlm.workers.handler.TaskRunner;
import java.time.Instant;
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
  private static final Map<String, String> SUBSTITUTIONS = Map.ofEntries(
      Map.entry("Enqueue", "EnqueueActivityArn"),
      Map.entry("SelectBatch", "SelectBatchActivityArn"),
      Map.entry("AcquireSlot", "AcquireSlotActivityArn"),
      Map.entry("ReleaseSlot", "ReleaseSlotActivityArn"),
      Map.entry("PaceCrawler", "PaceActivityArn"),
      Map.entry("Complete", "CompleteActivityArn"),
      Map.entry("Fail", "FailActivityArn"),
      Map.entry("RenewLease", "RenewLeaseActivityArn"),
      Map.entry("Reap", "ReapActivityArn"),
      Map.entry("CheckDependencies", "CheckDependenciesActivityArn"),
      Map.entry("PlanWorkers", "PlanWorkersActivityArn"),
      Map.entry("ShrinkPool", "ShrinkPoolActivityArn"),
      Map.entry("CrawlFinished", "CrawlFinishedActivityArn"));

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

  /**
   * Registers every handler of {@code handlers} as the server of its activity, run by the
   * {@link TaskRunner} as the activity poller runs it: a handler's failure fails the task with its
   * error name, a bug with {@code Wlm.WorkerError}; a long poll is asked again later (in virtual
   * time) while the task stays open.
   */
  public void register(Resources resources, HandlerRegistry handlers, long latencyMillis) {
    register(resources, handlers, latencyMillis, (name, output) -> { });
  }

  /**
   * Registers the handlers as {@link #register(Resources, HandlerRegistry, long)} does, telling
   * {@code answered} of every task a handler completed (what the simulator observes of the
   * workers without changing them: the aggregates' dependency checks).
   */
  public void register(Resources resources, HandlerRegistry handlers, long latencyMillis, Answered answered) {
    for (String name : handlers.names()) {
      ActivityHandler handler = handlers.get(name).orElseThrow();
      resources.register(arn(name), call -> {
        call.started("wlm-worker");
        call.after(latencyMillis, () -> answer(name, handler, call, call.now(), answered));
      });
    }
  }

  /** Told of each activity task a handler completed, when it completed it. */
  @FunctionalInterface
  public interface Answered {
    void answered(String handler, JsonNode output);
  }

  // Runs one look of the task and answers it, or looks again later.
  private static void answer(String name, ActivityHandler handler, TaskCall call, Instant since, Answered answered) {
    if (!call.isOpen()) {
      return;
    }
    TaskRunner.Answer answer = TaskRunner.run(name, handler, call.input(), since, call.now(), false);
    if (answer instanceof TaskRunner.Answer.Succeeded succeeded) {
      call.succeed(succeeded.output());
      answered.answered(name, succeeded.output());
    } else if (answer instanceof TaskRunner.Answer.Failed failed) {
      call.fail(failed.error(), failed.cause());
    } else {
      call.heartbeat();
      call.after(((TaskRunner.Answer.Again) answer).after().toMillis(),
          () -> answer(name, handler, call, since, answered));
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
