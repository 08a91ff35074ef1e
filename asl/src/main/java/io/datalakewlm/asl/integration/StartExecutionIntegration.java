package io.datalakewlm.asl.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.task.TaskHandler;
import java.io.IOException;
import java.util.function.Function;

/**
 * The optimized integration {@code arn:aws:states:::states:startExecution}: a state machine starts
 * an execution of another (or of itself, to hand over before its history grows too long) in the
 * same runtime, and the task answers {@code {ExecutionArn, StartDate}} at once.
 *
 * <p>Who may be started, and how, is the {@link Starter}'s business: the simulator's deployment
 * knows a fixed set of state machines and meters the account's StartExecution rate; the local
 * Step Functions endpoint starts whatever was created through its API, with the API's checks.
 * Both apply AWS's rule for names through {@link #startOrReuse}: a name already used by the
 * state machine is refused with {@code StepFunctions.ExecutionAlreadyExistsException}, except a
 * repeated start of a running execution with the same input, which answers that execution.
 *
 * <p>Errors are spelled as Step Functions spells them for this integration: the SDK exception's
 * name under the {@code StepFunctions.} prefix.
 */
public final class StartExecutionIntegration {
  public static final String RESOURCE = "arn:aws:states:::states:startExecution";
  public static final String ALREADY_EXISTS = "StepFunctions.ExecutionAlreadyExistsException";
  public static final String DOES_NOT_EXIST = "StepFunctions.StateMachineDoesNotExistException";
  public static final String INVALID_INPUT = "StepFunctions.InvalidExecutionInputException";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Starts an execution for the integration, or refuses with a {@link StatesError}. */
  @FunctionalInterface
  public interface Starter {
    /**
     * @param name the execution name, or {@code null} for a generated one
     * @throws StatesError with a {@code StepFunctions.*} error name when the start is refused
     */
    Execution start(String stateMachineArn, String name, JsonNode input);
  }

  private StartExecutionIntegration() {}

  /** The task handler: reads {@code StateMachineArn}, {@code Name} and {@code Input}, and starts. */
  public static TaskHandler handler(Starter starter) {
    return TaskHandler.sync(request -> {
      String machineArn = request.path("StateMachineArn").asText();
      JsonNode input = input(request.get("Input"));
      String name = request.path("Name").isTextual() ? request.get("Name").asText() : null;
      return response(starter.start(machineArn, name, input));
    });
  }

  /**
   * A starter over state machines known by ARN ({@code machines} answers {@code null} for an
   * unknown one); {@code beforeStart} runs before each new execution (a rate limit may throw).
   */
  public static Starter starter(StatesRuntime runtime, Function<String, StateMachine> machines, Runnable beforeStart) {
    return (machineArn, name, input) -> {
      StateMachine machine = machines.apply(machineArn);
      if (machine == null) {
        throw new StatesError(DOES_NOT_EXIST, "State Machine Does Not Exist: '" + machineArn + "'");
      }
      return startOrReuse(runtime, machine, machineArn, name, input, beforeStart);
    };
  }

  /**
   * Starts an execution under AWS's naming rule: an unused name starts a new execution; the name
   * of a RUNNING execution with equal input answers that execution; any other used name is
   * refused. Must run on the runtime's loop.
   *
   * @param name the execution name, or {@code null} for a generated one (never a conflict)
   * @param beforeStart runs only when a new execution is about to start
   * @throws StatesError {@value #ALREADY_EXISTS} when the name is taken
   */
  public static Execution startOrReuse(StatesRuntime runtime, StateMachine machine, String machineArn, String name,
      JsonNode input, Runnable beforeStart) {
    return startOrReuse(runtime, machine, machineArn, name, input, null, beforeStart);
  }

  /**
   * {@link #startOrReuse(StatesRuntime, StateMachine, String, String, JsonNode, Runnable)} for an
   * execution that runs as {@code roleArn} (the state machine's role; {@code null}: the runtime's
   * default role).
   */
  public static Execution startOrReuse(StatesRuntime runtime, StateMachine machine, String machineArn, String name,
      JsonNode input, String roleArn, Runnable beforeStart) {
    if (name != null) {
      String arn = executionArn(runtime, machineArn, name);
      Execution existing = runtime.execution(arn);
      if (existing != null) {
        if (existing.status() == ExecutionStatus.RUNNING && existing.input().equals(input)) {
          return existing;
        }
        throw new StatesError(ALREADY_EXISTS, "Execution Already Exists: '" + arn + "'");
      }
    }
    beforeStart.run();
    return runtime.start(machine, machineArn, name, input, roleArn);
  }

  /** The ARN an execution named {@code name} of {@code machineArn} gets in {@code runtime}. */
  public static String executionArn(StatesRuntime runtime, String machineArn, String name) {
    return "arn:aws:states:" + runtime.region() + ":" + runtime.account() + ":execution:"
        + machineArn.substring(machineArn.lastIndexOf(':') + 1) + ":" + name;
  }

  // The integration's answer: the execution's ARN and start date.
  private static ObjectNode response(Execution execution) {
    ObjectNode out = JSON.createObjectNode();
    out.put("ExecutionArn", execution.arn());
    out.put("StartDate", execution.startDate().toString());
    return out;
  }

  // Input may be JSON or a JSON string, as the integration accepts both.
  private static JsonNode input(JsonNode input) {
    if (input == null || input.isNull()) {
      return JSON.createObjectNode();
    }
    if (input.isTextual()) {
      try {
        return JSON.readTree(input.asText());
      } catch (IOException e) {
        throw new StatesError(INVALID_INPUT, "Invalid execution input: " + e.getMessage());
      }
    }
    return input;
  }
}
