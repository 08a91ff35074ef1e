package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathNotFoundException;
import io.datalakewlm.asl.path.Scope;
import io.datalakewlm.asl.task.ResourceArn;
import io.datalakewlm.asl.task.TaskHandler;

/**
 * The run of a Task state: per attempt, InputPath and Parameters or JSONata Arguments
 * (re-evaluated, so {@code $$.State.RetryCount} is current), the timeouts (fixed, from a path or
 * from an expression), the handler call, and the history events of the resource's family
 * (activity, Lambda function or service integration).
 */
final class TaskRun extends RecoverableRun {
  private final TaskState task;
  private final ResourceArn arn;
  private TaskAttempt attempt;

  TaskRun(Flow flow, TaskState task, JsonNode rawInput, long enteredMillis) {
    super(flow, task, rawInput, enteredMillis, task.retry(), task.catchers());
    this.task = task;
    this.arn = ResourceArn.of(task.resource());
  }

  @Override
  void attempt() {
    String token = engine.newTaskToken();
    ObjectNode context = context(token);
    JsonNode parameters;
    int timeoutSeconds;
    Integer heartbeatSeconds;
    try {
      Evaluation evaluation = evaluation(context);
      JsonNode effective = data.selectInput(task, rawInput, evaluation);
      Scope scope = scope(effective, context);
      parameters = data.workInput(task, rawInput, effective, evaluation);
      Integer timeout = task.timeoutExpression() != null
          ? seconds(task.timeoutExpression(), evaluation)
          : seconds(task.timeoutSeconds(), task.timeoutSecondsPath(), scope, "TimeoutSecondsPath");
      timeoutSeconds = timeout == null ? TaskState.DEFAULT_TIMEOUT_SECONDS : timeout;
      heartbeatSeconds = task.heartbeatExpression() != null
          ? seconds(task.heartbeatExpression(), evaluation)
          : seconds(task.heartbeatSeconds(), task.heartbeatSecondsPath(), scope, "HeartbeatSecondsPath");
    } catch (StatesError e) {
      failed(e);
      return;
    }
    TaskHandler handler = engine.runtime.resolver().resolve(task.resource(), task.name());
    flow.record(scheduledType(), engine.details() ? scheduledDetails(parameters, timeoutSeconds, heartbeatSeconds) : null);
    if (engine.halted()) {
      return;
    }
    if (handler == null) {
      String cause = "No local handler serves resource '" + task.resource() + "' of state '" + task.name()
          + "': register a TaskHandler for it, or mock the state with a mock configuration.";
      flow.record(startFailedType(), engine.details() ? resourceDetails(Details.errorAndCause(ErrorNames.RUNTIME, cause)) : null);
      flow.fail(ErrorNames.RUNTIME, cause);
      return;
    }
    attempt = new TaskAttempt(this, handler, parameters, token, context, timeoutSeconds, heartbeatSeconds);
    attempt.start();
  }

  @Override
  void stopAttempt(boolean recordAbort) {
    if (attempt != null) {
      attempt.cancel();
    }
    if (recordAbort) {
      flow.record(EventType.TaskStateAborted, null);
    }
  }

  String resource() {
    return task.resource();
  }

  String stateName() {
    return task.name();
  }

  boolean isActivity() {
    return arn.kind() == ResourceArn.Kind.ACTIVITY;
  }

  /** Adds {@code resourceType}/{@code resource} to service-integration event details. */
  ObjectNode resourceDetails(ObjectNode details) {
    if (arn.kind() == ResourceArn.Kind.SERVICE) {
      ObjectNode withResource = Engine.JSON.objectNode();
      withResource.put("resourceType", arn.resourceType());
      withResource.put("resource", arn.resource());
      withResource.setAll(details);
      return withResource;
    }
    return details;
  }

  EventType startedType() {
    return switch (arn.kind()) {
      case ACTIVITY -> EventType.ActivityStarted;
      case LAMBDA -> EventType.LambdaFunctionStarted;
      case SERVICE -> EventType.TaskStarted;
    };
  }

  EventType succeededType() {
    return switch (arn.kind()) {
      case ACTIVITY -> EventType.ActivitySucceeded;
      case LAMBDA -> EventType.LambdaFunctionSucceeded;
      case SERVICE -> EventType.TaskSucceeded;
    };
  }

  EventType failedType() {
    return switch (arn.kind()) {
      case ACTIVITY -> EventType.ActivityFailed;
      case LAMBDA -> EventType.LambdaFunctionFailed;
      case SERVICE -> EventType.TaskFailed;
    };
  }

  EventType timedOutType() {
    return switch (arn.kind()) {
      case ACTIVITY -> EventType.ActivityTimedOut;
      case LAMBDA -> EventType.LambdaFunctionTimedOut;
      case SERVICE -> EventType.TaskTimedOut;
    };
  }

  private EventType scheduledType() {
    return switch (arn.kind()) {
      case ACTIVITY -> EventType.ActivityScheduled;
      case LAMBDA -> EventType.LambdaFunctionScheduled;
      case SERVICE -> EventType.TaskScheduled;
    };
  }

  private EventType startFailedType() {
    return switch (arn.kind()) {
      case ACTIVITY -> EventType.ActivityScheduleFailed;
      case LAMBDA -> EventType.LambdaFunctionScheduleFailed;
      case SERVICE -> EventType.TaskStartFailed;
    };
  }

  // The details of the scheduled event: AWS names the payload "input" for activities and Lambda
  // functions and "parameters" for service integrations.
  private ObjectNode scheduledDetails(JsonNode parameters, int timeoutSeconds, Integer heartbeatSeconds) {
    ObjectNode details = Engine.JSON.objectNode();
    if (arn.kind() == ResourceArn.Kind.SERVICE) {
      details.put("resourceType", arn.resourceType());
      details.put("resource", arn.resource());
      details.put("region", engine.runtime.region());
      details.put("parameters", parameters.toString());
    } else {
      details.put("resource", task.resource());
      Details.payload(details, "input", parameters);
    }
    details.put("timeoutInSeconds", timeoutSeconds);
    if (heartbeatSeconds != null) {
      details.put("heartbeatInSeconds", heartbeatSeconds);
    }
    return details;
  }

  // A JSONata TimeoutSeconds/HeartbeatSeconds: the expression must give a positive integer.
  private Integer seconds(JsonataExpression expression, Evaluation evaluation) {
    JsonNode value = evaluation.evaluate(expression, evaluation.bindings(rawInput));
    if (!value.canConvertToExactIntegral() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
      throw evaluation.unexpected(expression, "a positive integer", value);
    }
    return value.intValue();
  }

  // A fixed value or one read from the input: the path must select a positive integer.
  private static Integer seconds(Integer fixed, JsonPath path, Scope scope, String field) {
    if (fixed != null) {
      return fixed;
    }
    if (path == null) {
      return null;
    }
    JsonNode value;
    try {
      value = path.root() == JsonPath.Root.INPUT ? path.evaluate(scope.input()) : path.evaluate(scope);
    } catch (PathNotFoundException e) {
      throw FailureCauses.invalidPath(path.text(), e.getMessage());
    }
    if (!value.canConvertToExactIntegral() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
      throw FailureCauses.wrongValue(field, path.text(), "a positive integer", value);
    }
    return value.intValue();
  }
}
