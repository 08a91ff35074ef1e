package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionListener;
import io.datalakewlm.asl.exec.MapRun;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.mock.MockConfig;
import io.datalakewlm.local.integration.LocalIntegrations;
import io.datalakewlm.local.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One Step Functions account in one region, as the endpoint keeps it: the state machines and
 * activities created through the API, the runtime that runs their executions and the integrations
 * that serve their tasks. Every field is read and written on the runtime loop only; the
 * operations reach it through {@link RuntimeLoop#call}.
 */
final class Account {
  final ObjectMapper json;
  final Arns arns;
  final StatesRuntime runtime;
  final RuntimeLoop loop;
  final LocalIntegrations integrations;
  final MockConfig mocks;
  final Map<String, StateMachineRecord> stateMachines = new LinkedHashMap<>();
  final Map<String, ActivityRecord> activities = new LinkedHashMap<>();
  /** Execution ARN → the revision of its state machine it started with (top-level executions only). */
  final Map<String, StateMachineRecord.Revision> startedWith = new HashMap<>();
  private final Map<String, List<CompletableFuture<Execution>>> finishWaiters = new HashMap<>();
  private long sequence;

  Account(ObjectMapper json, StatesRuntime runtime, RuntimeLoop loop, LocalIntegrations integrations, MockConfig mocks) {
    this.json = json;
    this.arns = new Arns(runtime.region(), runtime.account());
    this.runtime = runtime;
    this.loop = loop;
    this.integrations = integrations;
    this.mocks = mocks;
    runtime.addListener(new ExecutionListener() {
      @Override
      public void onFinished(Execution execution) {
        finished(execution);
      }

      @Override
      public void onEvent(Execution execution, HistoryEvent event) {
        terminateIfDeleting(execution, event);
      }
    });
  }

  /** A number that grows with every resource created: the stable key of paged lists. */
  long nextSequence() {
    return ++sequence;
  }

  long nowMillis() {
    return runtime.scheduler().nowMillis();
  }

  /** The state machine of {@code arn}, or {@code StateMachineDoesNotExist}. */
  StateMachineRecord stateMachine(String arn) {
    Arns.parse(arn, "stateMachine", 1);
    StateMachineRecord record = stateMachines.get(arn);
    if (record == null) {
      throw ErrorCode.STATE_MACHINE_DOES_NOT_EXIST.exception("State Machine Does Not Exist: '" + arn + "'");
    }
    return record;
  }

  /** The activity of {@code arn}, or {@code ActivityDoesNotExist}. */
  ActivityRecord activity(String arn) {
    Arns.parse(arn, "activity", 1);
    ActivityRecord record = activities.get(arn);
    if (record == null) {
      throw ErrorCode.ACTIVITY_DOES_NOT_EXIST.exception("Activity Does Not Exist: '" + arn + "'");
    }
    return record;
  }

  /** The execution of {@code arn} (a Map child's too), or {@code ExecutionDoesNotExist}. */
  Execution execution(String arn) {
    String[] parts = arn.split(":", -1);
    if (parts.length < 8 || !parts[5].equals("execution")) {
      Arns.parse(arn, "execution", 2);
    }
    Execution execution = runtime.execution(arn);
    if (execution == null) {
      throw ErrorCode.EXECUTION_DOES_NOT_EXIST.exception("Execution Does Not Exist: '" + arn + "'");
    }
    return execution;
  }

  /** The map run of a Distributed Map state, or {@code ResourceNotFound}. */
  MapRun mapRun(String mapRunArn) {
    Arns.parse(mapRunArn, "mapRun", 2);
    MapRun mapRun = runtime.mapRun(mapRunArn);
    if (mapRun == null) {
      throw ErrorCode.RESOURCE_NOT_FOUND.exception("Resource not found: '" + mapRunArn + "'", mapRunArn);
    }
    return mapRun;
  }

  /**
   * The revision an execution started with: its own, or for a Map Run's child the revision of
   * the top-level execution above it.
   */
  StateMachineRecord.Revision revisionOf(Execution execution) {
    Execution top = execution;
    while (top.parentArn() != null && runtime.execution(top.parentArn()) != null) {
      top = runtime.execution(top.parentArn());
    }
    return startedWith.get(top.arn());
  }

  /** Completes with the execution once it has finished (at once when it already has). */
  CompletableFuture<Execution> whenFinished(Execution execution) {
    CompletableFuture<Execution> future = new CompletableFuture<>();
    if (execution.status().isFinal()) {
      future.complete(execution);
    } else {
      finishWaiters.computeIfAbsent(execution.arn(), arn -> new ArrayList<>()).add(future);
    }
    return future;
  }

  /** Parses JSON text that the caller vouches is JSON (an execution's recorded input). */
  JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Epoch seconds as the API's timestamps carry them: a JSON number with milliseconds. */
  static double epochSeconds(long millis) {
    return millis / 1000.0;
  }

  /** An empty response body. */
  ObjectNode empty() {
    return json.createObjectNode();
  }

  // An execution ended: wake those waiting for it and drop its mocks.
  /**
   * Removes a DELETING state machine once none of its executions runs. Assumption: executions of
   * a deleted state machine stay describable until the endpoint stops (AWS documents no rule).
   */
  void deleteIfIdle(StateMachineRecord machine) {
    boolean running = machine.executions.stream().map(runtime::execution)
        .anyMatch(execution -> execution != null && !execution.status().isFinal());
    if (machine.deleting && !running) {
      stateMachines.remove(machine.arn);
    }
  }

  // AWS ends the executions of a DELETING state machine at their next state transition: the
  // state being left is the last one (ABORTED, before the next state is entered).
  private void terminateIfDeleting(Execution execution, HistoryEvent event) {
    StateMachineRecord machine = stateMachines.get(execution.stateMachineArn());
    if (machine != null && machine.deleting && event.type().name().endsWith("StateExited")) {
      runtime.scheduler().soon(() -> execution.stop("States.Runtime", "The state machine was deleted"));
    }
  }

  private void finished(Execution execution) {
    StateMachineRecord machine = stateMachines.get(execution.stateMachineArn());
    if (machine != null) {
      deleteIfIdle(machine);
    }
    integrations.removeOverlay(execution.arn());
    List<CompletableFuture<Execution>> waiters = finishWaiters.remove(execution.arn());
    if (waiters != null) {
      waiters.forEach(waiter -> waiter.complete(execution));
    }
  }
}
