package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.model.StateMachine;
import java.util.ArrayList;
import java.util.List;

/**
 * A state machine created through the API: what {@code DescribeStateMachine} answers, the parsed
 * model that new executions run, and the ARNs of its executions, oldest first. Executions keep
 * the model they started with, so an update changes only later executions, as on AWS. Touched
 * only on the runtime loop.
 */
final class StateMachineRecord {
  final String name;
  final String arn;
  final String type;
  final long createdMillis;
  final long sequence;
  final List<String> executions = new ArrayList<>();
  String roleArn;
  String definition;
  StateMachine model;
  String description;
  ObjectNode logging;
  ObjectNode tracing;
  String revisionId;
  long updatedMillis;

  StateMachineRecord(String name, String arn, String type, long createdMillis, long sequence) {
    this.name = name;
    this.arn = arn;
    this.type = type;
    this.createdMillis = createdMillis;
    this.sequence = sequence;
  }

  boolean isExpress() {
    return "EXPRESS".equals(type);
  }
}
