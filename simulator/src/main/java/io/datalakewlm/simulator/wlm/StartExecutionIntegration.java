package io.datalakewlm.simulator.wlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.task.TaskHandler;
import io.datalakewlm.simulator.aws.StepFunctionsQuotas;
import java.io.IOException;

/**
 * The optimized integration {@code arn:aws:states:::states:startExecution} against the local
 * deployment: starts an execution of one of its state machines in the same runtime, within the
 * account's StartExecution rate. As on AWS, a name already used by the state machine is refused
 * with {@code StepFunctions.ExecutionAlreadyExistsException}, except a repeated start of a running
 * execution with the same input, which answers that execution.
 */
public final class StartExecutionIntegration {
  public static final String RESOURCE = "arn:aws:states:::states:startExecution";
  static final String ALREADY_EXISTS = "StepFunctions.ExecutionAlreadyExistsException";
  static final String DOES_NOT_EXIST = "StepFunctions.StateMachineDoesNotExistException";
  private static final ObjectMapper JSON = new ObjectMapper();

  private StartExecutionIntegration() {}

  public static TaskHandler handler(LocalDeployment deployment, StatesRuntime runtime, StepFunctionsQuotas quotas) {
    return TaskHandler.sync(request -> {
      String machineArn = request.path("StateMachineArn").asText();
      String name = deployment.nameOf(machineArn);
      if (name == null) {
        throw new StatesError(DOES_NOT_EXIST, "State Machine Does Not Exist: '" + machineArn + "'");
      }
      JsonNode input = input(request.get("Input"));
      String executionName = request.path("Name").isTextual() ? request.get("Name").asText() : null;
      if (executionName != null) {
        String arn = "arn:aws:states:" + runtime.region() + ":" + runtime.account() + ":execution:"
            + machineArn.substring(machineArn.lastIndexOf(':') + 1) + ":" + executionName;
        Execution existing = runtime.execution(arn);
        if (existing != null) {
          if (existing.status() == ExecutionStatus.RUNNING && existing.input().equals(input)) {
            return response(existing);
          }
          throw new StatesError(ALREADY_EXISTS, "Execution Already Exists: '" + arn + "'");
        }
      }
      quotas.startExecution();
      return response(runtime.start(deployment.machine(name), machineArn, executionName, input));
    });
  }

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
        throw new StatesError("StepFunctions.InvalidExecutionInputException", "Invalid execution input: " + e.getMessage());
      }
    }
    return input;
  }
}
