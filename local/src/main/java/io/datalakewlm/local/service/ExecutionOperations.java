package io.datalakewlm.local.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.asl.exec.MapRun;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.integration.StartExecutionIntegration;
import io.datalakewlm.asl.mock.InvalidMockConfigException;
import io.datalakewlm.asl.mock.MockTestCase;
import io.datalakewlm.local.protocol.ApiException;
import io.datalakewlm.local.protocol.ErrorCode;
import io.datalakewlm.local.protocol.Operation;
import io.datalakewlm.local.protocol.Request;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The execution actions: StartExecution, StartSyncExecution, DescribeExecution,
 * DescribeStateMachineForExecution, ListExecutions, GetExecutionHistory and StopExecution.
 * ListExecutions lists a state machine's executions, or with {@code mapRunArn} the child
 * executions of a Distributed Map run (its ARN is in the parent's {@code MapRunStarted} event),
 * with the items each processed ({@code itemCount}).
 *
 * <p>An execution runs as its state machine's role ({@code ExecutionStarted.roleArn},
 * {@code $$.Execution.RoleArn}) and keeps the revision it started with, which
 * DescribeStateMachineForExecution answers even after an update. A Map Run's child answers the
 * Map Run's child state machine: {@code …:stateMachine:<parent>/<label>}, the Map state's
 * {@code ItemProcessor} as written in the parent's definition, the parent's role and revision.
 *
 * <p>Starting follows AWS: a name is unique per state machine; for a Standard state machine a
 * repeated start with the name and input of a RUNNING execution answers that execution (the call
 * is idempotent), any other reuse of a name is {@code ExecutionAlreadyExists}.
 * StartSyncExecution runs an Express state machine to its end and answers its outcome. With a
 * mock configuration loaded, {@code stateMachineArn#TestCase} starts an execution whose Task
 * states the test case answers, as in Step Functions Local.
 *
 * <p>The same start is what the {@code states:startExecution} integration of the executions
 * calls ({@link #starter()}), so both obey one set of rules. Differences from AWS: Express
 * executions get {@code :execution:} ARNs and stay describable, and the five-minute limit of
 * Express executions is not enforced.
 *
 * <p>RedriveExecution runs a FAILED, TIMED_OUT or ABORTED Standard execution again from the state
 * it ended in, with that state's first input, in the same history (see {@link Redrives}).
 */
final class ExecutionOperations {
  static final int MAX_PAYLOAD = 262_144;
  private static final Set<String> STATUSES = Set.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED",
      "PENDING_REDRIVE");
  /** How long a StartSyncExecution waits, in wall time, before it answers ServiceUnavailable. */
  private static final long SYNC_WAIT_SECONDS = 3600;

  private final Account account;
  private final Redrives redrives;

  ExecutionOperations(Account account) {
    this.account = account;
    this.redrives = new Redrives(account);
  }

  void register(Map<String, Operation> operations) {
    operations.put("StartExecution", this::startExecution);
    operations.put("StartSyncExecution", this::startSyncExecution);
    operations.put("DescribeExecution", this::describe);
    operations.put("DescribeStateMachineForExecution", this::describeStateMachine);
    operations.put("ListExecutions", this::list);
    operations.put("GetExecutionHistory", this::history);
    operations.put("StopExecution", this::stop);
    operations.put("RedriveExecution", redrives::redrive);
  }

  /**
   * The starter of the {@code states:startExecution} integration: the API's start, with its
   * refusals as the integration's {@code StepFunctions.<Code>Exception} errors.
   */
  StartExecutionIntegration.Starter starter() {
    return (machineArn, name, input) -> {
      try {
        if (name != null) {
          Arns.checkName(name);
        }
        return start(machineArn, name, input, false);
      } catch (ApiException e) {
        String code = e.code().code();
        throw new StatesError("StepFunctions." + code + (code.endsWith("Exception") ? "" : "Exception"), e.getMessage());
      }
    };
  }

  // StartExecution.
  private JsonNode startExecution(Request request) {
    StartRequest start = StartRequest.read(request, account);
    Execution execution = account.loop.call(() -> start(start.machineArn, start.name, start.input, false));
    ObjectNode response = account.empty();
    response.put("executionArn", execution.arn());
    response.put("startDate", Account.epochSeconds(execution.startDate().toEpochMilli()));
    return response;
  }

  // StartSyncExecution: starts, waits for the end, answers the outcome.
  private JsonNode startSyncExecution(Request request) {
    StartRequest start = StartRequest.read(request, account);
    CompletableFuture<Execution> finished = account.loop.call(() -> {
      Execution execution = start(start.machineArn, start.name, start.input, true);
      return account.whenFinished(execution);
    });
    Execution execution = RuntimeLoop.await(finished, SYNC_WAIT_SECONDS);
    return account.loop.call(() -> {
      ObjectNode response = outcome(execution);
      long millis = execution.stopDate().toEpochMilli() - execution.startDate().toEpochMilli();
      ObjectNode billing = response.putObject("billingDetails");
      billing.put("billedMemoryUsedInMB", 64);
      billing.put("billedDurationInMilliseconds", Math.max(100, millis));
      return response;
    });
  }

  // DescribeExecution (Map children included).
  private JsonNode describe(Request request) {
    String arn = request.requiredString("executionArn", 1, Arns.MAX_ARN);
    request.optionalString("includedData", 0, 32);
    request.validate();
    return account.loop.call(() -> {
      Execution execution = account.execution(arn);
      ObjectNode response = outcome(execution);
      redrives.describe(execution, response, true);
      return response;
    });
  }

  // DescribeStateMachineForExecution: the state machine as the execution started with it; for a
  // Map Run's child, the item processor it runs, as the child state machine of the Map Run.
  private JsonNode describeStateMachine(Request request) {
    String arn = request.requiredString("executionArn", 1, Arns.MAX_ARN);
    request.optionalString("includedData", 0, 32);
    request.validate();
    return account.loop.call(() -> {
      Execution execution = account.execution(arn);
      StateMachineRecord.Revision revision = account.revisionOf(execution);
      if (revision == null) {
        // started outside the API (TestState's own runs): nothing was kept to describe
        throw ErrorCode.EXECUTION_DOES_NOT_EXIST.exception("Execution Does Not Exist: '" + arn + "'");
      }
      ObjectNode response = account.empty();
      response.put("stateMachineArn", execution.stateMachineArn());
      response.put("name", Arns.lastPart(execution.stateMachineArn()));
      response.put("definition", definitionOf(execution, revision));
      response.put("roleArn", revision.roleArn());
      response.put("updateDate", Account.epochSeconds(revision.updatedMillis()));
      response.set("loggingConfiguration", revision.logging().deepCopy());
      response.set("tracingConfiguration", revision.tracing().deepCopy());
      if (execution.mapRunArn() != null) {
        response.put("mapRunArn", execution.mapRunArn());
        response.put("label", account.runtime.mapRun(execution.mapRunArn()).label());
      }
      response.put("revisionId", revision.revisionId());
      return response;
    });
  }

  // The definition an execution runs: its state machine's, or the item processor of its Map Run's state.
  private String definitionOf(Execution execution, StateMachineRecord.Revision revision) {
    if (execution.mapRunArn() == null || execution.parentArn() == null) {
      return revision.definition();
    }
    String parentDefinition = definitionOf(account.runtime.execution(execution.parentArn()), revision);
    return Definitions.itemProcessor(parentDefinition, account.runtime.mapRun(execution.mapRunArn()).label());
  }

  // ListExecutions of a state machine or of a Map Run, newest first.
  private JsonNode list(Request request) {
    String machineArn = request.optionalString("stateMachineArn", 1, Arns.MAX_ARN);
    String mapRunArn = request.optionalString("mapRunArn", 1, 2000);
    String statusFilter = request.optionalEnum("statusFilter", STATUSES, null);
    int maxResults = request.optionalInt("maxResults", 0, 1000, 0);
    String nextToken = request.optionalString("nextToken", 1, 3096);
    String redriveFilter = request.optionalEnum("redriveFilter", Set.of("REDRIVEN", "NOT_REDRIVEN"), null);
    request.validate();
    if ((machineArn == null) == (mapRunArn == null)) {
      throw ErrorCode.VALIDATION.exception("Must provide a StateMachine ARN or MapRun ARN");
    }
    int limit = maxResults == 0 ? 100 : maxResults;
    String filters = machineArn + "|" + mapRunArn + "|" + statusFilter + "|" + redriveFilter;
    long before = nextToken == null ? Long.MAX_VALUE : PageToken.decode(nextToken, "ListExecutions", filters);
    return account.loop.call(() -> {
      MapRun mapRun = mapRunArn == null ? null : account.mapRun(mapRunArn);
      List<String> executions = mapRun == null ? account.stateMachine(machineArn).executions
          : mapRun.children().stream().map(Execution::arn).toList();
      ObjectNode response = account.empty();
      ArrayNode items = response.putArray("executions");
      // Newest first; the key of an execution is its position in the list.
      for (int index = (int) Math.min(before, executions.size()) - 1; index >= 0; index--) {
        Execution execution = account.runtime.execution(executions.get(index));
        if (execution == null || (statusFilter != null && !status(execution).equals(statusFilter))
            || (redriveFilter != null && (execution.redriveCount() > 0) != redriveFilter.equals("REDRIVEN"))) {
          continue;
        }
        if (items.size() == limit) {
          response.put("nextToken", PageToken.encode("ListExecutions", filters, index + 1));
          break;
        }
        ObjectNode item = items.addObject();
        item.put("executionArn", execution.arn());
        item.put("stateMachineArn", execution.stateMachineArn());
        if (mapRunArn != null) {
          item.put("mapRunArn", mapRunArn);
        }
        item.put("name", execution.name());
        item.put("status", status(execution));
        item.put("startDate", Account.epochSeconds(execution.startDate().toEpochMilli()));
        if (execution.stopDate() != null) {
          item.put("stopDate", Account.epochSeconds(execution.stopDate().toEpochMilli()));
        }
        if (mapRun != null) {
          // AWS returns the items a child processed only when listing by Map Run.
          item.put("itemCount", mapRun.itemCount(execution.arn()));
        }
        redrives.describe(execution, item, false);
      }
      return response;
    });
  }

  // GetExecutionHistory, paged by event id in either direction.
  private JsonNode history(Request request) {
    String arn = request.requiredString("executionArn", 1, Arns.MAX_ARN);
    int maxResults = request.optionalInt("maxResults", 0, 1000, 0);
    boolean reverse = request.optionalBoolean("reverseOrder", false);
    String nextToken = request.optionalString("nextToken", 1, 3096);
    boolean includeData = request.optionalBoolean("includeExecutionData", true);
    request.validate();
    int limit = maxResults == 0 ? 100 : maxResults;
    String filters = arn + "|" + reverse;
    long from = nextToken == null ? -1 : PageToken.decode(nextToken, "GetExecutionHistory", filters);
    return account.loop.call(() -> {
      List<HistoryEvent> events = account.execution(arn).history();
      ObjectNode response = account.empty();
      ArrayNode items = response.putArray("events");
      int size = events.size();
      // The key is the id of the first event of the next page (ids are positions + 1).
      if (from >= 0 && (from < 1 || from > size)) {
        throw ErrorCode.INVALID_TOKEN.exception("Invalid Token: 'The nextToken does not point into this history'");
      }
      long first = from >= 0 ? from : (reverse ? size : 1);
      for (long id = first; reverse ? id >= 1 : id <= size; id += reverse ? -1 : 1) {
        if (items.size() == limit) {
          response.put("nextToken", PageToken.encode("GetExecutionHistory", filters, id));
          break;
        }
        ObjectNode event = events.get((int) id - 1).toJson(true);
        if (!includeData) {
          stripData(event);
        }
        items.add(event);
      }
      return response;
    });
  }

  // StopExecution: ABORTED with the given error and cause; a stopped execution keeps its stop date.
  private JsonNode stop(Request request) {
    String arn = request.requiredString("executionArn", 1, Arns.MAX_ARN);
    String error = request.payload("error", false, 0, 256);
    String cause = request.payload("cause", false, 0, 32_768);
    request.validate();
    return account.loop.call(() -> {
      Execution execution = account.execution(arn);
      execution.stop(error, cause);
      ObjectNode response = account.empty();
      response.put("stopDate", Account.epochSeconds(execution.stopDate() != null
          ? execution.stopDate().toEpochMilli() : account.nowMillis()));
      return response;
    });
  }

  // Starts (or, by AWS's rule, finds) an execution; on the loop.
  private Execution start(String requestedArn, String name, JsonNode input, boolean sync) {
    String machineArn = requestedArn;
    String testCase = null;
    int hash = requestedArn.indexOf('#');
    if (hash >= 0 && account.mocks != null) {
      machineArn = requestedArn.substring(0, hash);
      testCase = requestedArn.substring(hash + 1);
    }
    StateMachineRecord machine = account.stateMachine(machineArn);
    machine.checkActive();
    if (sync && !machine.isExpress()) {
      throw ErrorCode.STATE_MACHINE_TYPE_NOT_SUPPORTED.exception(
          "This operation is not supported by this type of state machine: StartSyncExecution runs EXPRESS state "
              + "machines, '" + machineArn + "' is " + machine.type);
    }
    MockTestCase mocks = testCase == null ? null : testCase(machine.name, testCase);
    // A mocked execution needs its ARN before it starts: its first Task may run during the start.
    String executionName = name == null && mocks != null ? UUID.randomUUID().toString() : name;
    String namedArn = executionName == null ? null
        : StartExecutionIntegration.executionArn(account.runtime, machineArn, executionName);
    boolean existed = namedArn != null && account.runtime.execution(namedArn) != null;
    if (existed && machine.isExpress()) {
      // Express starts are not idempotent: a name is used once.
      throw ErrorCode.EXECUTION_ALREADY_EXISTS.exception("Execution Already Exists: '" + namedArn + "'");
    }
    if (!existed && mocks != null) {
      account.integrations.overlay(namedArn, mocks);
    }
    Execution execution;
    try {
      execution = StartExecutionIntegration.startOrReuse(account.runtime, machine.model, machineArn, executionName,
          input, machine.roleArn, () -> { });
    } catch (StatesError e) {
      throw ErrorCode.EXECUTION_ALREADY_EXISTS.exception(e.cause());
    }
    if (!existed) {
      machine.executions.add(execution.arn());
      account.startedWith.put(execution.arn(), machine.revision());
      if (execution.status().isFinal()) {
        account.integrations.removeOverlay(execution.arn());
      }
    }
    return execution;
  }

  // The mock test case of an execution started as stateMachineArn#TestCase.
  private MockTestCase testCase(String machineName, String testCase) {
    try {
      return account.mocks.testCase(machineName, testCase);
    } catch (InvalidMockConfigException e) {
      throw ErrorCode.VALIDATION.exception("Mock test case '" + testCase + "' of state machine '" + machineName
          + "': " + e.getMessage());
    }
  }

  // The API's status: a Map Run's child waiting for a free slot to be redriven is PENDING_REDRIVE.
  private String status(Execution execution) {
    if (execution.mapRunArn() != null) {
      MapRun run = account.runtime.mapRun(execution.mapRunArn());
      if (run != null && run.pendingRedrive(execution.arn())) {
        return "PENDING_REDRIVE";
      }
    }
    return execution.status().name();
  }

  // DescribeExecution's shape (also the body of StartSyncExecution's answer).
  private ObjectNode outcome(Execution execution) {
    ObjectNode response = account.empty();
    response.put("executionArn", execution.arn());
    response.put("stateMachineArn", execution.stateMachineArn());
    response.put("name", execution.name());
    response.put("status", status(execution));
    response.put("startDate", Account.epochSeconds(execution.startDate().toEpochMilli()));
    if (execution.stopDate() != null) {
      response.put("stopDate", Account.epochSeconds(execution.stopDate().toEpochMilli()));
    }
    response.put("input", execution.input().toString());
    response.putObject("inputDetails").put("included", true);
    if (execution.mapRunArn() != null) {
      response.put("mapRunArn", execution.mapRunArn());
    }
    if (execution.status() == ExecutionStatus.SUCCEEDED) {
      response.put("output", execution.output() == null ? "null" : execution.output().toString());
      response.putObject("outputDetails").put("included", true);
    }
    if (execution.error() != null) {
      response.put("error", execution.error());
    }
    if (execution.cause() != null) {
      response.put("cause", execution.cause());
    }
    return response;
  }

  // GetExecutionHistory without execution data: inputs and outputs are left out.
  private static void stripData(ObjectNode event) {
    for (Map.Entry<String, JsonNode> member : event.properties()) {
      JsonNode details = member.getValue();
      if (details instanceof ObjectNode object) {
        for (String field : List.of("input", "output", "parameters")) {
          if (object.has(field)) {
            object.remove(field);
            object.remove(field + "Details");
          }
        }
      }
    }
  }

  /** The members of a StartExecution or StartSyncExecution request, checked. */
  private record StartRequest(String machineArn, String name, JsonNode input) {
    static StartRequest read(Request request, Account account) {
      String machineArn = request.requiredString("stateMachineArn", 1, Arns.MAX_ARN);
      String name = request.optionalString("name", 1, Arns.MAX_NAME);
      String input = request.payload("input", false, 0, MAX_PAYLOAD);
      request.optionalString("traceHeader", 0, 256);
      request.optionalString("includedData", 0, 32);
      request.validate();
      if (name != null) {
        Arns.checkName(name);
      }
      return new StartRequest(machineArn, name, parseInput(input, account));
    }

    private static JsonNode parseInput(String input, Account account) {
      if (input == null) {
        return account.json.createObjectNode();
      }
      try {
        JsonNode node = account.json.readTree(input);
        if (node == null || node.isMissingNode()) {
          throw ErrorCode.INVALID_EXECUTION_INPUT.exception("Invalid State Machine Execution Input: 'Empty input'");
        }
        return node;
      } catch (JsonProcessingException e) {
        throw ErrorCode.INVALID_EXECUTION_INPUT.exception("Invalid State Machine Execution Input: '"
            + e.getOriginalMessage() + "'");
      }
    }
  }
}
