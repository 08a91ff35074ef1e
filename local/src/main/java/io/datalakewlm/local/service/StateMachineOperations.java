package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.parse.Diagnostic;
import io.datalakewlm.local.protocol.ErrorCode;
import io.datalakewlm.local.protocol.Operation;
import io.datalakewlm.local.protocol.Request;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The state machine actions: Create, Update, Describe, List, Delete and
 * ValidateStateMachineDefinition, with the request constraints of the service model.
 *
 * <p>As on AWS: creating a state machine that exists with the same definition, role, type,
 * logging and tracing configurations
 * answers the existing one, and with anything different is {@code StateMachineAlreadyExists};
 * deleting one that does not exist succeeds; an update applies to executions started after it.
 * Deleting is asynchronous: the state machine is DELETING (no new start, update or creation
 * under its name: {@code StateMachineDeleting}) until its running executions have ended, each at
 * its next state transition (ABORTED), and is then gone.
 * {@code tags} are kept (see {@link TagOperations}). Not offered: versions and aliases
 * ({@code publish: true} is refused with a {@code ValidationException} that says so) and
 * encryption configurations (ignored).
 */
final class StateMachineOperations {
  static final int MAX_DEFINITION = 1_048_576;
  private static final Set<String> TYPES = Set.of("STANDARD", "EXPRESS");
  private static final Set<String> SEVERITIES = Set.of("ERROR", "WARNING");
  private static final Set<String> LOG_LEVELS = Set.of("ALL", "ERROR", "FATAL", "OFF");

  private final Account account;

  StateMachineOperations(Account account) {
    this.account = account;
  }

  void register(Map<String, Operation> operations) {
    operations.put("CreateStateMachine", this::create);
    operations.put("UpdateStateMachine", this::update);
    operations.put("DescribeStateMachine", this::describe);
    operations.put("ListStateMachines", this::list);
    operations.put("DeleteStateMachine", this::delete);
    operations.put("ValidateStateMachineDefinition", this::validateDefinition);
  }

  // CreateStateMachine: idempotent for an identical state machine.
  private JsonNode create(Request request) {
    String name = request.requiredString("name", 1, Arns.MAX_NAME);
    String definition = request.payload("definition", true, 1, MAX_DEFINITION);
    String roleArn = request.requiredString("roleArn", 1, Arns.MAX_ARN);
    String type = request.optionalEnum("type", TYPES, "STANDARD");
    ObjectNode logging = request.optionalObject("loggingConfiguration");
    ObjectNode tracing = request.optionalObject("tracingConfiguration");
    boolean publish = request.optionalBoolean("publish", false);
    request.optionalString("versionDescription", 0, 256);
    Map<String, String> tags = Tags.read(request, false);
    request.validate();
    refusePublish(publish);
    Arns.checkName(name);
    checkRoleArn(roleArn);
    checkLogging(logging);
    checkTracing(tracing);
    StateMachine model = Definitions.parse(definition, type);
    return account.loop.call(() -> {
      String arn = account.arns.stateMachine(name);
      StateMachineRecord existing = account.stateMachines.get(arn);
      if (existing != null) {
        existing.checkActive();
        // AWS's idempotency: the same name, definition, role, type, logging and tracing; the
        // tags of a repeat are ignored, as on AWS
        if (existing.definition.equals(definition) && existing.roleArn.equals(roleArn) && existing.type.equals(type)
            && existing.logging.equals(logging != null ? logging : defaultLogging())
            && existing.tracing.equals(tracing != null ? tracing : defaultTracing())) {
          return created(existing);
        }
        throw ErrorCode.STATE_MACHINE_ALREADY_EXISTS.exception("State Machine Already Exists: '" + arn + "'");
      }
      StateMachineRecord record = new StateMachineRecord(name, arn, type, account.nowMillis(), account.nextSequence());
      Tags.add(record.tags, tags, arn);
      record.definition = definition;
      record.model = model;
      record.roleArn = roleArn;
      record.logging = logging != null ? logging.deepCopy() : defaultLogging();
      record.tracing = tracing != null ? tracing.deepCopy() : defaultTracing();
      record.revisionId = UUID.randomUUID().toString();
      record.updatedMillis = record.createdMillis;
      account.stateMachines.put(arn, record);
      return created(record);
    });
  }

  // UpdateStateMachine: a new revision for executions started from now on.
  private JsonNode update(Request request) {
    String arn = request.requiredString("stateMachineArn", 1, Arns.MAX_ARN);
    String definition = request.payload("definition", false, 1, MAX_DEFINITION);
    String roleArn = request.optionalString("roleArn", 1, Arns.MAX_ARN);
    ObjectNode logging = request.optionalObject("loggingConfiguration");
    ObjectNode tracing = request.optionalObject("tracingConfiguration");
    boolean publish = request.optionalBoolean("publish", false);
    request.optionalString("versionDescription", 0, 256);
    request.validate();
    refusePublish(publish);
    if (definition == null && roleArn == null && logging == null && tracing == null) {
      throw ErrorCode.MISSING_REQUIRED_PARAMETER.exception(
          "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
    }
    if (roleArn != null) {
      checkRoleArn(roleArn);
    }
    checkLogging(logging);
    checkTracing(tracing);
    String type = account.loop.call(() -> account.stateMachine(arn).type);
    StateMachine model = definition == null ? null : Definitions.parse(definition, type);
    return account.loop.call(() -> {
      StateMachineRecord record = account.stateMachine(arn);
      record.checkActive();
      if (model != null) {
        record.definition = definition;
        record.model = model;
      }
      if (roleArn != null) {
        record.roleArn = roleArn;
      }
      if (logging != null) {
        record.logging = logging.deepCopy();
      }
      if (tracing != null) {
        record.tracing = tracing.deepCopy();
      }
      record.revisionId = UUID.randomUUID().toString();
      record.updatedMillis = account.nowMillis();
      ObjectNode response = account.empty();
      response.put("updateDate", Account.epochSeconds(record.updatedMillis));
      response.put("revisionId", record.revisionId);
      return response;
    });
  }

  // DescribeStateMachine.
  private JsonNode describe(Request request) {
    String arn = request.requiredString("stateMachineArn", 1, Arns.MAX_ARN);
    request.optionalBoolean("includedData", false);
    request.validate();
    return account.loop.call(() -> {
      StateMachineRecord record = account.stateMachine(arn);
      ObjectNode response = account.empty();
      response.put("stateMachineArn", record.arn);
      response.put("name", record.name);
      response.put("status", record.deleting ? "DELETING" : "ACTIVE");
      response.put("definition", record.definition);
      response.put("roleArn", record.roleArn);
      response.put("type", record.type);
      response.put("creationDate", Account.epochSeconds(record.createdMillis));
      response.set("loggingConfiguration", record.logging.deepCopy());
      response.set("tracingConfiguration", record.tracing.deepCopy());
      response.put("revisionId", record.revisionId);
      return response;
    });
  }

  // ListStateMachines, in creation order, paged by creation sequence.
  private JsonNode list(Request request) {
    CreationOrderPage page = CreationOrderPage.of(request, "ListStateMachines");
    return account.loop.call(() -> page.fill(account.empty(), "stateMachines", account.stateMachines.values(),
        record -> record.sequence, (record, item) -> {
          item.put("stateMachineArn", record.arn);
          item.put("name", record.name);
          item.put("type", record.type);
          item.put("creationDate", Account.epochSeconds(record.createdMillis));
        }));
  }

  // DeleteStateMachine: stops its running executions; succeeds for an unknown one.
  private JsonNode delete(Request request) {
    String arn = request.requiredString("stateMachineArn", 1, Arns.MAX_ARN);
    request.validate();
    return account.loop.call(() -> {
      Arns.parse(arn, "stateMachine", 1);
      StateMachineRecord record = account.stateMachines.get(arn);
      if (record != null) {
        record.deleting = true;
        account.deleteIfIdle(record);
      }
      return account.empty();
    });
  }

  // ValidateStateMachineDefinition: the parser's diagnostics, filtered by severity.
  private JsonNode validateDefinition(Request request) {
    String definition = request.payload("definition", true, 1, MAX_DEFINITION);
    String type = request.optionalEnum("type", TYPES, "STANDARD");
    String severity = request.optionalEnum("severity", SEVERITIES, "ERROR");
    int maxResults = request.optionalInt("maxResults", 0, 100, 0);
    request.validate();
    int limit = maxResults == 0 ? 100 : maxResults;
    List<Diagnostic> diagnostics = Definitions.validate(definition, type).stream()
        .filter(d -> d.isError() || "WARNING".equals(severity))
        .toList();
    ObjectNode response = account.empty();
    response.put("result", diagnostics.stream().anyMatch(Diagnostic::isError) ? "FAIL" : "OK");
    ArrayNode items = response.putArray("diagnostics");
    for (Diagnostic diagnostic : diagnostics.subList(0, Math.min(limit, diagnostics.size()))) {
      ObjectNode item = items.addObject();
      item.put("severity", diagnostic.severity().name());
      item.put("code", diagnostic.code().name());
      item.put("message", diagnostic.message());
      item.put("location", diagnostic.location());
    }
    response.put("truncated", diagnostics.size() > limit);
    return response;
  }

  // CreateStateMachine's answer.
  private ObjectNode created(StateMachineRecord record) {
    ObjectNode response = account.empty();
    response.put("stateMachineArn", record.arn);
    response.put("creationDate", Account.epochSeconds(record.createdMillis));
    return response;
  }

  // Versions are not offered: publish is refused, not ignored.
  private static void refusePublish(boolean publish) {
    if (publish) {
      throw ErrorCode.VALIDATION.exception(
          "The local endpoint does not support state machine versions: create or update without 'publish'");
    }
  }

  // An IAM role ARN, as Step Functions requires (the role is not assumed locally).
  private static void checkRoleArn(String roleArn) {
    String[] parts = roleArn.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[1].startsWith("aws") || !parts[2].equals("iam")
        || !parts[5].startsWith("role/") || parts[5].length() <= "role/".length()) {
      throw ErrorCode.INVALID_ARN.exception("Invalid Arn: 'Invalid role ARN: " + roleArn + "'");
    }
  }

  // The logging levels AWS knows; destinations are kept but nothing is written to them.
  private static void checkLogging(ObjectNode logging) {
    if (logging == null) {
      return;
    }
    JsonNode level = logging.get("level");
    if (level != null && !(level.isTextual() && LOG_LEVELS.contains(level.asText()))) {
      throw ErrorCode.INVALID_LOGGING_CONFIGURATION.exception("Invalid Logging Configuration: level must be one of "
          + LOG_LEVELS + ", was " + level);
    }
    boolean off = level == null || Objects.equals(level.asText(), "OFF");
    if (!off && (!logging.path("destinations").isArray() || logging.path("destinations").isEmpty())) {
      throw ErrorCode.INVALID_LOGGING_CONFIGURATION.exception(
          "Invalid Logging Configuration: Must specify exactly one Log Destination when logging is enabled");
    }
  }

  // X-Ray tracing is accepted and kept (nothing is traced locally); only its shape is checked.
  private static void checkTracing(ObjectNode tracing) {
    if (tracing != null && tracing.has("enabled") && !tracing.get("enabled").isBoolean()) {
      throw ErrorCode.INVALID_TRACING_CONFIGURATION.exception(
          "Invalid Tracing Configuration: 'enabled' must be true or false, was " + tracing.get("enabled"));
    }
  }

  // The logging configuration of a state machine created without one.
  private ObjectNode defaultLogging() {
    ObjectNode logging = account.empty();
    logging.put("level", "OFF");
    logging.put("includeExecutionData", false);
    return logging;
  }

  // The tracing configuration of a state machine created without one.
  private ObjectNode defaultTracing() {
    ObjectNode tracing = account.empty();
    tracing.put("enabled", false);
    return tracing;
  }
}
