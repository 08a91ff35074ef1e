package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.ExecutionStatus;
import io.datalakewlm.local.protocol.ErrorCode;
import io.datalakewlm.local.protocol.Request;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RedriveExecution and the redrive fields of DescribeExecution and ListExecutions
 * ({@code redriveCount}, {@code redriveDate}, {@code redriveStatus}, {@code redriveStatusReason}).
 *
 * <p>As on AWS, a Standard execution that ended FAILED, TIMED_OUT or ABORTED less than 14 days ago
 * (on the endpoint's clock), less than a year after it started and with room left in its history
 * is REDRIVABLE; RedriveExecution runs it again from the state it ended in, with that state's
 * input, the results of the states that succeeded kept, and answers {@code redriveDate}. Anything
 * else is {@code ExecutionNotRedrivable} with the reason DescribeExecution gives. A request that
 * repeats one of the last 10 client tokens used on the execution within 15 minutes answers the
 * first redrive's date and redrives nothing more.
 *
 * <p>As on AWS, a Parallel or inline Map the execution ended in reruns only its branches or
 * iterations that did not succeed, and a Distributed Map redrives its Map Run (the same ARN, its
 * unsuccessful children rerun); a child of a Map Run is {@code REDRIVABLE_BY_MAP_RUN} while its Map
 * Run's redrive would rerun it. AWS has no action to redrive a Map Run on its own: the parent's
 * RedriveExecution does it. Assumption: RedriveExecution on a Map Run's child is refused
 * ({@code ExecutionNotRedrivable}, redrive the parent). No quota of open executions is enforced,
 * so {@code ExecutionLimitExceeded} is never answered.
 */
final class Redrives {
  /** AWS's redrive window: 14 days after the execution stopped. */
  private static final long WINDOW_MILLIS = 14L * 24 * 3600 * 1000;
  /** AWS's maximum execution time (one year), which a redrive cannot extend. */
  private static final long MAX_EXECUTION_MILLIS = 365L * 24 * 3600 * 1000;
  /** How long a client token stays idempotent, and how many are kept per execution. */
  private static final long TOKEN_MILLIS = 15L * 60 * 1000;
  private static final int TOKENS_KEPT = 10;

  private final Account account;
  /** Execution ARN → client token → [first use, redrive date], the newest last; loop thread only. */
  private final Map<String, LinkedHashMap<String, long[]>> tokens = new HashMap<>();

  Redrives(Account account) {
    this.account = account;
  }

  // RedriveExecution.
  JsonNode redrive(Request request) {
    String arn = request.requiredString("executionArn", 1, Arns.MAX_ARN);
    String clientToken = request.optionalString("clientToken", 1, 64);
    request.validate();
    return account.loop.call(() -> {
      Execution execution = account.execution(arn);
      long now = account.nowMillis();
      LinkedHashMap<String, long[]> used = tokens.computeIfAbsent(arn, key -> new LinkedHashMap<>());
      used.values().removeIf(times -> now - times[0] > TOKEN_MILLIS);
      long[] repeated = clientToken == null ? null : used.get(clientToken);
      if (repeated == null) {
        String reason = refusal(execution);
        if (reason != null || !execution.redrive()) {
          throw ErrorCode.EXECUTION_NOT_REDRIVABLE.exception("Execution is not redrivable: '" + arn + "': "
              + (reason != null ? reason : "Execution history event limit exceeded."));
        }
        if (clientToken != null) {
          used.put(clientToken, new long[] {now, execution.redriveDate().toEpochMilli()});
          if (used.size() > TOKENS_KEPT) {
            used.remove(used.keySet().iterator().next());
          }
        }
      }
      ObjectNode response = account.empty();
      long date = repeated != null ? repeated[1] : execution.redriveDate().toEpochMilli();
      response.put("redriveDate", Account.epochSeconds(date));
      return response;
    });
  }

  /** Adds the redrive fields of an execution to a DescribeExecution answer or a ListExecutions item. */
  void describe(Execution execution, ObjectNode node, boolean withReason) {
    node.put("redriveCount", execution.redriveCount());
    if (execution.redriveDate() != null) {
      node.put("redriveDate", Account.epochSeconds(execution.redriveDate().toEpochMilli()));
    }
    if (withReason) {
      String reason;
      String status;
      if (execution.mapRunArn() != null) {
        // AWS: a Map Run's child is redriven by its Map Run (the parent's redrive), not on its own
        reason = childRefusal(execution);
        status = reason == null ? "REDRIVABLE_BY_MAP_RUN" : "NOT_REDRIVABLE";
      } else {
        reason = refusal(execution);
        status = reason == null ? "REDRIVABLE" : "NOT_REDRIVABLE";
      }
      node.put("redriveStatus", status);
      if (reason != null) {
        node.put("redriveStatusReason", reason);
      }
    }
  }

  // Why a Map Run's child will not be rerun by a redrive of its Map Run, or null.
  private String childRefusal(Execution execution) {
    String ended = endedRefusal(execution);
    if (ended != null || execution.arn().contains(":express:")) {
      // an Express child that did not succeed is always started again
      return ended;
    }
    return windowRefusal(execution);
  }

  // Why an execution cannot be redriven now (AWS's reasons where it has one), or null.
  private String refusal(Execution execution) {
    if (execution.mapRunArn() != null) {
      return "Execution is a child of a Map Run: redrive its parent execution, which reruns the Map Run.";
    }
    StateMachineRecord machine = account.stateMachines.get(execution.stateMachineArn());
    if (machine == null || machine.deleting) {
      return "State machine is in DELETING status.";
    }
    if (machine.isExpress()) {
      return "Execution is of an EXPRESS state machine: only STANDARD executions can be redriven.";
    }
    String ended = endedRefusal(execution);
    return ended != null ? ended : windowRefusal(execution);
  }

  private static String endedRefusal(Execution execution) {
    if (execution.status() == ExecutionStatus.RUNNING || execution.status() == ExecutionStatus.SUCCEEDED) {
      return "Execution is " + execution.status() + " and cannot be redriven.";
    }
    return null;
  }

  // The conditions of time and history room every redrive needs.
  private String windowRefusal(Execution execution) {
    long now = account.nowMillis();
    if (now - execution.startDate().toEpochMilli() > MAX_EXECUTION_MILLIS) {
      return "Execution has exceeded the max execution time.";
    }
    if (now - execution.stopDate().toEpochMilli() > WINDOW_MILLIS) {
      return "Execution redrivable period exceeded.";
    }
    // a redrive needs room for its ExecutionRedriven event and at least one more
    if (execution.eventCount() + 2 >= account.runtime.historyLimit()) {
      return "Execution history event limit exceeded.";
    }
    return null;
  }
}
