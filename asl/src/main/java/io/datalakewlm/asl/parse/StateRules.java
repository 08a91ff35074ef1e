package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.asl.parse.Expressions.PathKind;
import io.datalakewlm.asl.parse.FieldTable.Shape;
import io.datalakewlm.asl.parse.JsonataChecks.Reads;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The field rules of the Pass, Task, Wait, Succeed, Fail and Parallel states in both dialects
 * (Choice and Map have their own classes). Field names and Next/End are checked before these run;
 * what differs per dialect is the data fields: paths and payload templates in JSONPath,
 * {@code Arguments}/{@code Output} and literal-or-expression values in JSONata.
 */
final class StateRules {
  /**
   * The shape of an ARN: partition, service, region (may be empty), account (may be empty) and a
   * resource, as in {@code arn:aws:states:::lambda:invoke} or
   * {@code arn:aws:states:eu-west-1:123456789012:activity:AcquireSlot}.
   */
  private static final Pattern ARN = Pattern.compile("arn:[^:\\s]+:[^:\\s]+:[^:\\s]*:[^:\\s]*:\\S+");

  /** The largest TimeoutSeconds/HeartbeatSeconds/Seconds AWS accepts. */
  static final long MAX_SECONDS = 99_999_999;

  private StateRules() {}

  static void pass(Fields state, QueryLanguage dialect) {
    AssignRules.assign(state, dialect, Reads.INPUT);
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.value(state, "Output", Reads.INPUT);
      return;
    }
    inputOutput(state);
    Expressions.template(state, "Parameters");
    Expressions.path(state, "ResultPath", PathKind.RESULT, true);
    JsonNode result = state.get("Result");
    if (result != null) {
      Expressions.warnStaticResult(result, state.at("Result"), state.problems());
    }
  }

  static void task(Fields state, QueryLanguage dialect) {
    String resource = state.requiredString("Resource");
    if (resource != null && !ARN.matcher(resource).matches()) {
      state.problems().error(
          DiagnosticCode.INVALID_RESOURCE,
          state.at("Resource"),
          "Field 'Resource' must be an ARN, such as arn:aws:states:::lambda:invoke or"
              + " arn:aws:states:us-east-1:123456789012:activity:Name, not '" + resource + "'");
    }
    credentials(state);
    ErrorHandlingRules.retry(state);
    ErrorHandlingRules.catchers(state, dialect);
    AssignRules.assign(state, dialect, Reads.RESULT);
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.objectOrExpression(state, "Arguments", Reads.INPUT);
      JsonataChecks.value(state, "Output", Reads.RESULT);
      JsonataChecks.integer(state, "TimeoutSeconds", 1, MAX_SECONDS);
      JsonataChecks.integer(state, "HeartbeatSeconds", 1, MAX_SECONDS);
      if (state.get("TimeoutSeconds") != null && state.get("TimeoutSeconds").isNumber()
          && state.get("HeartbeatSeconds") != null && state.get("HeartbeatSeconds").isNumber()
          && state.get("HeartbeatSeconds").asLong() >= state.get("TimeoutSeconds").asLong()) {
        state.problems().schema(state.at("HeartbeatSeconds"), "HeartbeatSeconds (" + state.get("HeartbeatSeconds").asLong()
            + ") must be smaller than TimeoutSeconds (" + state.get("TimeoutSeconds").asLong() + ")");
      }
      return;
    }
    inputOutput(state);
    Expressions.template(state, "Parameters");
    Expressions.template(state, "ResultSelector");
    Expressions.path(state, "ResultPath", PathKind.RESULT, true);
    Long timeout = state.integer("TimeoutSeconds", 1, MAX_SECONDS);
    Expressions.path(state, "TimeoutSecondsPath", PathKind.REFERENCE, false);
    state.notBoth("TimeoutSeconds", "TimeoutSecondsPath");
    Long heartbeat = state.integer("HeartbeatSeconds", 1, MAX_SECONDS);
    Expressions.path(state, "HeartbeatSecondsPath", PathKind.REFERENCE, false);
    state.notBoth("HeartbeatSeconds", "HeartbeatSecondsPath");
    if (heartbeat != null && !state.has("TimeoutSecondsPath") && (timeout != null || !state.has("TimeoutSeconds"))) {
      long effective = timeout != null ? timeout : TaskState.DEFAULT_TIMEOUT_SECONDS;
      if (heartbeat >= effective) {
        state.problems().schema(
            state.at("HeartbeatSeconds"),
            "HeartbeatSeconds (" + heartbeat + ") must be smaller than TimeoutSeconds (" + effective
                + (timeout == null ? ", the default" : "") + ")");
      }
    }
  }

  static void waitState(Fields state, QueryLanguage dialect) {
    AssignRules.assign(state, dialect, Reads.INPUT);
    List<String> present = state.present("Seconds", "Timestamp", "SecondsPath", "TimestampPath");
    if (present.isEmpty()) {
      state.problems().schema(
          state.at(), "A Wait state needs one of 'Seconds', 'Timestamp', 'SecondsPath' or 'TimestampPath'");
    } else if (present.size() > 1) {
      state.problems().schema(
          state.at(present.get(1)), "A Wait state takes exactly one of 'Seconds', 'Timestamp', 'SecondsPath',"
              + " 'TimestampPath', but this one has " + String.join(", ", present));
    }
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.value(state, "Output", Reads.INPUT);
      JsonataChecks.integer(state, "Seconds", 0, MAX_SECONDS);
      JsonataChecks.timestamp(state, "Timestamp");
      return;
    }
    inputOutput(state);
    state.integer("Seconds", 0, MAX_SECONDS);
    String timestamp = state.string("Timestamp");
    if (timestamp != null && !Timestamps.isValid(timestamp)) {
      state.problems().schema(
          state.at("Timestamp"),
          "Field 'Timestamp' must be an RFC 3339 timestamp such as " + Timestamps.EXAMPLE + ", not '" + timestamp + "'"
              + (Expressions.looksLikePath(timestamp) ? " (to take it from a path, use 'TimestampPath')" : ""));
    }
    Expressions.path(state, "SecondsPath", PathKind.REFERENCE, false);
    Expressions.path(state, "TimestampPath", PathKind.REFERENCE, false);
  }

  static void succeed(Fields state, QueryLanguage dialect) {
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.value(state, "Output", Reads.INPUT);
    } else {
      inputOutput(state);
    }
  }

  static void fail(Fields state, QueryLanguage dialect) {
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.text(state, "Error");
      JsonataChecks.text(state, "Cause");
      String error = state.string("Error");
      if (error != null && !JsonataChecks.isExpression(state.get("Error"))) {
        ErrorHandlingRules.errorName(error, state.problems(), state.at("Error"));
      }
      return;
    }
    String error = state.string("Error");
    if (error != null) {
      ErrorHandlingRules.errorName(error, state.problems(), state.at("Error"));
      warnNoPath(state, "Error", error);
    }
    String cause = state.string("Cause");
    if (cause != null) {
      warnNoPath(state, "Cause", cause);
    }
    Expressions.pathOrIntrinsic(state, "ErrorPath");
    Expressions.pathOrIntrinsic(state, "CausePath");
    state.notBoth("Error", "ErrorPath");
    state.notBoth("Cause", "CausePath");
  }

  static void parallel(Fields state, DefinitionValidator validator, QueryLanguage dialect) {
    ArrayNode branches = state.require("Branches") ? state.nonEmptyArray("Branches") : null;
    if (branches != null) {
      for (int i = 0; i < branches.size(); i++) {
        Fields branch = state.element("Branches", branches, i);
        if (branch != null) {
          validator.scope(branch, Shape.BRANCH);
        }
      }
    }
    ErrorHandlingRules.retry(state);
    ErrorHandlingRules.catchers(state, dialect);
    AssignRules.assign(state, dialect, Reads.RESULT);
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.objectOrExpression(state, "Arguments", Reads.INPUT);
      JsonataChecks.value(state, "Output", Reads.RESULT);
      return;
    }
    inputOutput(state);
    Expressions.template(state, "Parameters");
    Expressions.template(state, "ResultSelector");
    Expressions.path(state, "ResultPath", PathKind.RESULT, true);
  }

  /** InputPath and OutputPath: any path, or null. */
  static void inputOutput(Fields state) {
    Expressions.path(state, "InputPath", PathKind.PATH, true);
    Expressions.path(state, "OutputPath", PathKind.PATH, true);
  }

  // Credentials: an object naming the role to assume, fixed or from a path.
  private static void credentials(Fields state) {
    Fields credentials = state.object("Credentials");
    if (credentials == null) {
      return;
    }
    List<String> role = credentials.present("RoleArn", "RoleArn.$");
    if (role.size() != 1) {
      state.problems().schema(
          credentials.at(), "Field 'Credentials' needs exactly one of 'RoleArn' or 'RoleArn.$'");
    }
    credentials.string("RoleArn");
    Expressions.path(credentials, "RoleArn.$", PathKind.PATH, false);
    for (Iterator<String> names = credentials.node().fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("RoleArn") && !name.equals("RoleArn.$")) {
        state.problems().schema(credentials.at(name), "Field '" + name + "' is not supported in 'Credentials'");
      }
    }
  }

  // Warns (NO_PATH) when a fixed text field holds what looks like a path.
  private static void warnNoPath(Fields state, String field, String value) {
    if (Expressions.looksLikePath(value)) {
      state.problems().warning(
          DiagnosticCode.NO_PATH,
          state.at(field),
          "The value of '" + field + "' looks like a path, but it is used as literal text; to take it"
              + " from the input, use '" + field + "Path'");
    }
  }
}
