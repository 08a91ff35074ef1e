package io.datalakewlm.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.StatesError;
import java.util.function.Function;

/**
 * Serves the resource of a Task state locally: an activity, a Lambda function, an {@code aws-sdk}
 * call or an optimized integration. The runtime calls {@link #start} once per attempt; the handler
 * answers through the {@link TaskCall}, now or later in the runtime's time (a Glue job that runs for
 * 20 minutes answers 20 virtual minutes later), may heartbeat meanwhile, and may fail with an error
 * name and a cause that the state's {@code Retry} and {@code Catch} match.
 */
@FunctionalInterface
public interface TaskHandler {
  void start(TaskCall call);

  /**
   * A handler that answers at once with {@code function(input)}; a {@link StatesError} it throws
   * fails the task with that error name and cause, any other exception with the exception's simple
   * class name and message (as a Lambda function's unhandled exception does).
   */
  static TaskHandler sync(Function<JsonNode, JsonNode> function) {
    return call -> {
      JsonNode output;
      try {
        output = function.apply(call.input());
      } catch (StatesError e) {
        call.fail(e.error(), e.cause());
        return;
      } catch (RuntimeException e) {
        call.fail(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        return;
      }
      call.succeed(output);
    };
  }
}
