package io.datalakewlm.local.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.model.PassState;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.model.State;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.asl.path.Scope;
import io.datalakewlm.asl.payload.DataFlow;
import io.datalakewlm.asl.task.ResourceArn;
import io.datalakewlm.asl.task.TaskHandler;
import io.datalakewlm.asl.task.TaskResolver;
import io.datalakewlm.local.protocol.ErrorCode;
import io.datalakewlm.local.protocol.Operation;
import io.datalakewlm.local.protocol.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * TestState: runs one state, alone, with a given input, and answers its output, the next state
 * and a status — {@code SUCCEEDED}, {@code FAILED}, {@code CAUGHT_ERROR} (a catcher took the
 * error: the output is the catcher's, the next state its target) or {@code RETRIABLE} (a retrier
 * matches the error; TestState never retries).
 *
 * <p>The state runs as a one-state execution of the endpoint's runtime, in its scaled time and
 * with its integrations, so a Wait really waits and a Glue job really runs in the emulated
 * account; every transition out of the state leads to a stand-in Pass state that ends the
 * execution, which tells where the state went. As on AWS: activities, {@code .sync} and
 * {@code .waitForTaskToken} tasks run only with a {@code mock} ({@code result} or
 * {@code errorOutput}); a run longer than five minutes (of runtime time) fails with
 * {@code States.Timeout}. Map and Parallel states are not tested locally.
 *
 * <p>{@code inspectionLevel} INFO answers the outcome; DEBUG and TRACE add the data flow:
 * {@code input}, then for JSONPath Task and Pass states {@code afterInputPath},
 * {@code afterParameters}, {@code result}, {@code afterResultSelector}, {@code afterResultPath},
 * and for JSONata Task states {@code afterArguments} and {@code result} (there are no HTTP Tasks
 * locally, so TRACE adds nothing to DEBUG). The JSONPath steps are recomputed from the state's
 * fields; expressions that read the context object {@code $$} see a context of the test run.
 */
final class TestStateOperation {
  private static final Set<String> LEVELS = Set.of("INFO", "DEBUG", "TRACE");
  private static final Set<String> VALIDATION_MODES = Set.of("STRICT", "PRESENT", "NONE");
  private static final long TIME_LIMIT_MILLIS = 5 * 60_000;
  private static final String MACHINE_NAME = "wlm-local-TestState";
  private static final long WAIT_SECONDS = 3600;

  private final Account account;

  TestStateOperation(Account account) {
    this.account = account;
  }

  void register(Map<String, Operation> operations) {
    operations.put("TestState", this::testState);
  }

  /** Where each stand-in state stands for: a transition target, reached normally or by a catcher. */
  private record Target(String state, boolean caught) {}

  // TestState: checks, builds the one-state machine, runs it, reads the answer.
  private JsonNode testState(Request request) {
    String definition = request.payload("definition", true, 1, StateMachineOperations.MAX_DEFINITION);
    request.optionalString("roleArn", 1, Arns.MAX_ARN);
    String input = request.payload("input", false, 0, ExecutionOperations.MAX_PAYLOAD);
    String level = request.optionalEnum("inspectionLevel", LEVELS, "INFO");
    request.optionalBoolean("revealSecrets", false);
    String variables = request.payload("variables", false, 0, ExecutionOperations.MAX_PAYLOAD);
    String stateName = request.optionalString("stateName", 1, Arns.MAX_NAME);
    ObjectNode mock = request.optionalObject("mock");
    if (request.isPresent("context") || request.isPresent("stateConfiguration")) {
      throw ErrorCode.VALIDATION.exception("The local TestState does not support 'context' or 'stateConfiguration'");
    }
    request.validate();
    JsonNode stateInput = parseJson(input == null ? "{}" : input, "input", ErrorCode.INVALID_EXECUTION_INPUT);
    ObjectNode assigned = variables == null ? null : variablesOf(variables);
    Mock mocked = mock == null ? null : Mock.read(mock, account);

    ObjectNode given = definitionOf(definition);
    QueryLanguage machineLanguage = given.has("States") && "JSONata".equals(given.path("QueryLanguage").asText())
        ? QueryLanguage.JSONATA : QueryLanguage.JSONPATH;
    String name;
    ObjectNode state;
    if (given.has("States")) {
      if (stateName == null) {
        throw ErrorCode.VALIDATION.exception("The definition is a state machine: name the state to test with 'stateName'");
      }
      JsonNode found = given.path("States").get(stateName);
      if (found == null || !found.isObject()) {
        throw ErrorCode.VALIDATION.exception("The state machine has no state named '" + stateName + "'");
      }
      name = stateName;
      state = (ObjectNode) found.deepCopy();
    } else {
      name = stateName != null ? stateName : "TestState";
      state = given;
    }
    checkTestable(state, mocked != null);
    Map<String, Target> targets = new LinkedHashMap<>();
    ObjectNode machineJson = machine(name, state, machineLanguage, assigned, targets);
    StateMachine machine = Definitions.parse(machineJson.toString(), "STANDARD");
    State tested = machine.state(name);

    CompletableFuture<Execution> finished = account.loop.call(() -> start(machine, name, stateInput, mocked));
    Execution execution = RuntimeLoop.await(finished, WAIT_SECONDS);
    return account.loop.call(() -> answer(execution, name, tested, state, targets, stateInput, level));
  }

  // Starts the one-state execution, with the mock as its overlay and the five-minute limit.
  private CompletableFuture<Execution> start(StateMachine machine, String name, JsonNode input, Mock mock) {
    String machineArn = account.arns.stateMachine(MACHINE_NAME);
    String executionName = UUID.randomUUID().toString();
    String arn = account.arns.execution(MACHINE_NAME, executionName);
    if (mock != null) {
      account.integrations.overlay(arn, mock.resolver(name));
    }
    Execution execution = account.runtime.start(machine, machineArn, executionName, input);
    if (!execution.status().isFinal()) {
      account.runtime.scheduler().after(TIME_LIMIT_MILLIS,
          () -> execution.stop(ErrorNames.TIMEOUT, "TestState ran longer than five minutes"));
    }
    return account.whenFinished(execution);
  }

  // The answer, read from the execution's outcome and history.
  private ObjectNode answer(Execution execution, String name, State tested, ObjectNode stateJson,
      Map<String, Target> targets, JsonNode input, String level) {
    ObjectNode response = account.empty();
    List<HistoryEvent> history = execution.history();
    Target reached = null;
    for (HistoryEvent event : history) {
      if (event.type().name().endsWith("StateEntered") && event.details() != null) {
        Target target = targets.get(event.details().path("name").asText());
        if (target != null) {
          reached = target;
        }
      }
    }
    String[] error = lastError(history);
    if (execution.status() == ExecutionStatus.SUCCEEDED && (reached == null || !reached.caught())) {
      response.put("status", "SUCCEEDED");
      response.put("output", execution.output() == null ? "null" : execution.output().toString());
      if (reached != null) {
        response.put("nextState", reached.state());
      }
    } else {
      String errorName = execution.status() == ExecutionStatus.SUCCEEDED ? error[0] : execution.error();
      String cause = execution.status() == ExecutionStatus.SUCCEEDED ? error[1] : execution.cause();
      if (errorName != null) {
        response.put("error", errorName);
      }
      if (cause != null) {
        response.put("cause", cause);
      }
      if (retriable(stateJson, errorName)) {
        response.put("status", "RETRIABLE");
      } else if (execution.status() == ExecutionStatus.SUCCEEDED) {
        response.put("status", "CAUGHT_ERROR");
        response.put("output", execution.output() == null ? "null" : execution.output().toString());
        response.put("nextState", reached.state());
      } else {
        response.put("status", "FAILED");
      }
    }
    if (!"INFO".equals(level)) {
      response.set("inspectionData", inspection(history, name, tested, input, execution));
    }
    return response;
  }

  // DEBUG's data flow of the tested state.
  private ObjectNode inspection(List<HistoryEvent> history, String name, State tested, JsonNode input,
      Execution execution) {
    ObjectNode data = account.empty();
    data.put("input", input.toString());
    String parameters = null;
    String result = null;
    for (HistoryEvent event : history) {
      ObjectNode details = event.details();
      if (details == null) {
        continue;
      }
      String type = event.type().name();
      if ((type.equals("TaskScheduled") || type.equals("ActivityScheduled")) && details.has("parameters")) {
        parameters = details.path("parameters").asText();
      } else if (details.has("input") && type.equals("ActivityScheduled")) {
        parameters = details.path("input").asText();
      } else if ((type.equals("TaskSucceeded") || type.equals("ActivitySucceeded")) && details.has("output")) {
        result = details.path("output").asText();
      }
    }
    if (tested.queryLanguage() == QueryLanguage.JSONATA) {
      if (parameters != null) {
        data.put("afterArguments", parameters);
      }
      if (result != null) {
        data.put("result", result);
      }
      return data;
    }
    Scope scope = new Scope(input, context(execution, name), Map.of(), new Random(0));
    try {
      JsonNode afterInputPath = DataFlow.inputPath(tested.io().inputPath(), input, scope);
      data.put("afterInputPath", afterInputPath.toString());
      JsonNode resultNode = null;
      if (tested instanceof TaskState) {
        if (parameters != null) {
          data.put("afterParameters", parameters);
        }
        resultNode = result == null ? null : account.parse(result);
      } else if (tested instanceof PassState pass) {
        JsonNode afterParameters = DataFlow.parameters(pass.io().parameters(), afterInputPath, scope);
        data.put("afterParameters", afterParameters.toString());
        resultNode = pass.result() != null ? pass.result() : afterParameters;
      }
      if (resultNode != null) {
        data.put("result", resultNode.toString());
        JsonNode selected = DataFlow.resultSelector(tested.io().resultSelector(), resultNode, scope.withInput(resultNode));
        data.put("afterResultSelector", selected.toString());
        data.put("afterResultPath", DataFlow.resultPath(tested.io().resultPath(), input, selected).toString());
      }
    } catch (StatesError e) {
      // The state itself failed on this step; its error is in the answer.
    }
    return data;
  }

  // A context object like the one the state saw, for recomputed paths that read $$.
  private ObjectNode context(Execution execution, String name) {
    ObjectNode context = account.empty();
    ObjectNode executionNode = context.putObject("Execution");
    executionNode.put("Id", execution.arn());
    executionNode.set("Input", execution.input());
    executionNode.put("Name", execution.name());
    executionNode.put("StartTime", execution.startDate().toString());
    ObjectNode stateNode = context.putObject("State");
    stateNode.put("Name", name);
    stateNode.put("EnteredTime", execution.startDate().toString());
    stateNode.put("RetryCount", 0);
    ObjectNode machineNode = context.putObject("StateMachine");
    machineNode.put("Id", execution.stateMachineArn());
    machineNode.put("Name", MACHINE_NAME);
    return context;
  }

  // The error and cause of the last failure recorded in the history (the one a catcher took).
  private static String[] lastError(List<HistoryEvent> history) {
    String[] found = {null, null};
    for (HistoryEvent event : history) {
      ObjectNode details = event.details();
      if (details != null && details.has("error")) {
        found[0] = details.path("error").asText();
        found[1] = details.has("cause") ? details.path("cause").asText() : null;
      }
    }
    return found;
  }

  // Whether a retrier of the state (as written) would retry this error.
  private static boolean retriable(ObjectNode state, String error) {
    if (error == null) {
      return false;
    }
    for (JsonNode retrier : state.path("Retry")) {
      int maxAttempts = retrier.path("MaxAttempts").asInt(3);
      for (JsonNode pattern : retrier.path("ErrorEquals")) {
        if (ErrorNames.matches(pattern.asText(), error)) {
          return maxAttempts > 0;
        }
      }
    }
    return false;
  }

  /**
   * The one-state machine: the state with its Retry removed and every transition rewritten to a
   * stand-in Pass state that ends the run; variables, when given, are assigned by a first Pass.
   */
  private ObjectNode machine(String name, ObjectNode state, QueryLanguage language, ObjectNode variables,
      Map<String, Target> targets) {
    ObjectNode machine = account.empty();
    if (language == QueryLanguage.JSONATA) {
      machine.put("QueryLanguage", "JSONata");
    }
    ObjectNode states = account.empty();
    String start = name;
    if (variables != null && !variables.isEmpty()) {
      start = standIn(name, "variables", targets, states);
      targets.remove(start);
      ObjectNode assign = states.putObject(start);
      assign.put("Type", "Pass");
      assign.set("Assign", variables);
      assign.put("Next", name);
    }
    ObjectNode copy = state.deepCopy();
    copy.remove("Retry");
    states.set(name, copy);
    if (copy.path("Next").isTextual()) {
      copy.put("Next", redirect(copy.path("Next").asText(), false, name, targets, states));
    }
    if (copy.path("Default").isTextual()) {
      copy.put("Default", redirect(copy.path("Default").asText(), false, name, targets, states));
    }
    for (JsonNode rule : copy.path("Choices")) {
      if (rule instanceof ObjectNode object && object.path("Next").isTextual()) {
        object.put("Next", redirect(object.path("Next").asText(), false, name, targets, states));
      }
    }
    for (JsonNode catcher : copy.path("Catch")) {
      if (catcher instanceof ObjectNode object && object.path("Next").isTextual()) {
        object.put("Next", redirect(object.path("Next").asText(), true, name, targets, states));
      }
    }
    machine.put("StartAt", start);
    machine.set("States", states);
    return machine;
  }

  // A stand-in Pass state for one transition to `target`.
  private String redirect(String target, boolean caught, String tested, Map<String, Target> targets, ObjectNode states) {
    String standIn = standIn(tested, caught ? "caught" : "next", targets, states);
    targets.put(standIn, new Target(target, caught));
    ObjectNode pass = states.putObject(standIn);
    pass.put("Type", "Pass");
    pass.put("End", true);
    return standIn;
  }

  // A state name used by no other state of the test machine.
  private static String standIn(String tested, String kind, Map<String, Target> targets, ObjectNode states) {
    for (int i = targets.size() + 1; ; i++) {
      String candidate = "wlm-local-" + kind + "-" + i;
      if (!candidate.equals(tested) && !states.has(candidate) && !targets.containsKey(candidate)) {
        targets.put(candidate, null);
        return candidate;
      }
    }
  }

  // AWS refuses these without a mock; Map and Parallel are not tested locally at all.
  private static void checkTestable(ObjectNode state, boolean mocked) {
    String type = state.path("Type").asText();
    if (type.equals("Map") || type.equals("Parallel")) {
      throw ErrorCode.VALIDATION.exception("The local TestState does not test " + type + " states");
    }
    if (type.equals("Task") && !mocked && state.path("Resource").isTextual()) {
      ResourceArn arn = ResourceArn.of(state.path("Resource").asText());
      if (arn.kind() == ResourceArn.Kind.ACTIVITY || arn.pattern() != ResourceArn.Pattern.REQUEST_RESPONSE) {
        throw ErrorCode.VALIDATION.exception(
            "TestState runs activity tasks and the .sync and .waitForTaskToken patterns only with a mock");
      }
    }
  }

  // The definition as JSON: a state, or a state machine with States.
  private ObjectNode definitionOf(String definition) {
    JsonNode node;
    try {
      node = account.json.readTree(definition);
    } catch (JsonProcessingException e) {
      throw ErrorCode.INVALID_DEFINITION.exception("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: "
          + e.getOriginalMessage() + "'");
    }
    if (node == null || !node.isObject()) {
      throw ErrorCode.INVALID_DEFINITION.exception(
          "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The definition must be a JSON object'");
    }
    return (ObjectNode) node;
  }

  // The variables member: a JSON object of names to values.
  private ObjectNode variablesOf(String text) {
    JsonNode node = parseJson(text, "variables", ErrorCode.VALIDATION);
    if (!node.isObject()) {
      throw ErrorCode.VALIDATION.exception("'variables' must be a JSON object of variable names to values");
    }
    return (ObjectNode) node;
  }

  // A member that holds JSON text, parsed.
  private JsonNode parseJson(String text, String member, ErrorCode code) {
    try {
      JsonNode node = account.json.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw code.exception("'" + member + "' is empty: it must be JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw code.exception("'" + member + "' is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** The {@code mock} member: the tested Task's result, or its error. */
  private record Mock(JsonNode result, String error, String cause) {
    static Mock read(ObjectNode mock, Account account) {
      JsonNode result = mock.get("result");
      JsonNode errorOutput = mock.get("errorOutput");
      JsonNode mode = mock.get("fieldValidationMode");
      if (mode != null && !(mode.isTextual() && VALIDATION_MODES.contains(mode.asText()))) {
        throw ErrorCode.VALIDATION.exception("mock.fieldValidationMode must be one of " + VALIDATION_MODES);
      }
      if ((result == null) == (errorOutput == null)) {
        throw ErrorCode.VALIDATION.exception("A mock has exactly one of 'result' and 'errorOutput'");
      }
      if (result != null) {
        if (!result.isTextual()) {
          throw ErrorCode.SERIALIZATION.exception("mock.result must be a string of JSON");
        }
        try {
          return new Mock(account.json.readTree(result.asText()), null, null);
        } catch (JsonProcessingException e) {
          throw ErrorCode.VALIDATION.exception("mock.result is not valid JSON: " + e.getOriginalMessage());
        }
      }
      if (!errorOutput.isObject()) {
        throw ErrorCode.SERIALIZATION.exception("mock.errorOutput must be a structure with error and cause");
      }
      return new Mock(null, textOrNull(errorOutput.get("error")), textOrNull(errorOutput.get("cause")));
    }

    TaskResolver resolver(String stateName) {
      TaskHandler handler = call -> {
        if (result != null) {
          call.succeed(result);
        } else {
          call.fail(error, cause);
        }
      };
      return (resource, state) -> state.equals(stateName) ? handler : null;
    }

    private static String textOrNull(JsonNode node) {
      return node == null || node.isNull() ? null : node.asText();
    }
  }
}
