package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.local.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state machine created through the API: what {@code DescribeStateMachine} answers, the parsed
 * model that new executions run, and the ARNs of its executions, oldest first. Executions keep
 * the model they started with, so an update changes only later executions, as on AWS. Touched
 * only on the runtime loop.
 *
 * <p>A deleted state machine is DELETING while executions of it run: they end at their next
 * state transition, and the record goes when the last has ended ({@link Account#deleteIfIdle}).
 */
final class StateMachineRecord {
  final String name;
  final String arn;
  final String type;
  final long createdMillis;
  final long sequence;
  final List<String> executions = new ArrayList<>();
  /** Tag key → value, in the order keys were first set. */
  final Map<String, String> tags = new LinkedHashMap<>();
  String roleArn;
  String definition;
  StateMachine model;
  String description;
  ObjectNode logging;
  ObjectNode tracing;
  String revisionId;
  long updatedMillis;
  boolean deleting;

  StateMachineRecord(String name, String arn, String type, long createdMillis, long sequence) {
    this.name = name;
    this.arn = arn;
    this.type = type;
    this.createdMillis = createdMillis;
    this.sequence = sequence;
  }

  /**
   * What an execution keeps of its state machine as it starts, for
   * DescribeStateMachineForExecution: later updates do not change it.
   */
  record Revision(String definition, String roleArn, ObjectNode logging, ObjectNode tracing, String revisionId,
      long updatedMillis) {}

  /** The state machine as it is now. */
  Revision revision() {
    return new Revision(definition, roleArn, logging.deepCopy(), tracing.deepCopy(), revisionId, updatedMillis);
  }

  /** {@code StateMachineDeleting} for an action that needs the state machine to be ACTIVE. */
  void checkActive() {
    if (deleting) {
      throw ErrorCode.STATE_MACHINE_DELETING.exception("State Machine is being deleted: '" + arn + "'");
    }
  }

  boolean isExpress() {
    return "EXPRESS".equals(type);
  }
}
