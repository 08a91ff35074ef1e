package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.parse.Expressions.PathKind;
import io.datalakewlm.asl.parse.FieldTable.Shape;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@code Retry} and {@code Catch} (on Task, Parallel and Map states; a catcher's
 * {@code ResultPath} or JSONata {@code Output}, and its {@code Assign}) and of error
 * names: {@code ErrorEquals} is a non-empty list of names; {@code States.ALL} stands alone in the
 * last retrier or catcher; names starting with {@code States.} are reserved for the predefined
 * errors; retrier numbers are in AWS's ranges.
 */
final class ErrorHandlingRules {
  /** The predefined error names; every other name starting with {@code States.} is reserved. */
  static final Set<String> PREDEFINED =
      Set.of(
          ErrorNames.ALL, ErrorNames.BRANCH_FAILED, ErrorNames.DATA_LIMIT_EXCEEDED,
          ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, ErrorNames.HEARTBEAT_TIMEOUT,
          ErrorNames.INTRINSIC_FAILURE, ErrorNames.ITEM_READER_FAILED, ErrorNames.NO_CHOICE_MATCHED,
          ErrorNames.PARAMETER_PATH_FAILURE, ErrorNames.PERMISSIONS, ErrorNames.QUERY_EVALUATION_ERROR,
          ErrorNames.RESULT_PATH_MATCH_FAILURE, ErrorNames.RESULT_WRITER_FAILED, ErrorNames.RUNTIME,
          ErrorNames.TASK_FAILED, ErrorNames.TIMEOUT,
          // raised by HTTP Tasks; their per-status errors match HTTP_STATUS below
          "States.Http.Socket");

  private static final Pattern HTTP_STATUS = Pattern.compile("States\\.Http\\.StatusCode\\.\\d{3}");

  /** AWS's upper bound for a retrier's MaxDelaySeconds. */
  static final long MAX_DELAY_SECONDS = 31_622_400;

  private ErrorHandlingRules() {}

  /** Checks the state's {@code Retry} array. */
  static void retry(Fields state) {
    ArrayNode retriers = state.array("Retry");
    if (retriers == null) {
      return;
    }
    for (int i = 0; i < retriers.size(); i++) {
      Fields retrier = state.element("Retry", retriers, i);
      if (retrier == null) {
        continue;
      }
      retrier.checkNames(Shape.RETRIER, QueryLanguage.JSONPATH, Set.of());
      errorEquals(retrier, i == retriers.size() - 1, "Retrier");
      retrier.string("Comment");
      retrier.integer("IntervalSeconds", 1, 99_999_999);
      retrier.integer("MaxAttempts", 0, 99_999_999);
      retrier.number("BackoffRate", 1.0, Double.MAX_VALUE);
      retrier.integer("MaxDelaySeconds", 1, MAX_DELAY_SECONDS);
      retrier.oneOf("JitterStrategy", List.of("FULL", "NONE"));
    }
  }

  /** Checks the state's {@code Catch} array (the targets are checked with the scope). */
  static void catchers(Fields state, QueryLanguage dialect) {
    ArrayNode catchers = state.array("Catch");
    if (catchers == null) {
      return;
    }
    for (int i = 0; i < catchers.size(); i++) {
      Fields catcher = state.element("Catch", catchers, i);
      if (catcher == null) {
        continue;
      }
      catcher.checkNames(Shape.CATCHER, dialect, Set.of());
      errorEquals(catcher, i == catchers.size() - 1, "Catcher");
      catcher.string("Comment");
      catcher.requiredString("Next");
      if (dialect == QueryLanguage.JSONPATH) {
        Expressions.path(catcher, "ResultPath", PathKind.RESULT, true);
      } else {
        JsonataChecks.value(catcher, "Output", JsonataChecks.Reads.ERROR_OUTPUT);
      }
      AssignRules.assign(catcher, dialect, JsonataChecks.Reads.ERROR_OUTPUT);
    }
  }

  /** Reports a name that uses the reserved {@code States.} prefix without being predefined. */
  static void errorName(String name, Problems problems, JsonPointer at) {
    if (name.startsWith("States.") && !PREDEFINED.contains(name) && !HTTP_STATUS.matcher(name).matches()) {
      problems.schema(
          at,
          "'" + name + "' is not a predefined error name; names starting with 'States.' are reserved"
              + " for the errors Step Functions raises" + Suggestions.didYouMean(name, PREDEFINED));
    }
  }

  // ErrorEquals: required, non-empty, strings, and the States.ALL placement rules.
  private static void errorEquals(Fields handler, boolean last, String kind) {
    ArrayNode names = handler.require("ErrorEquals") ? handler.nonEmptyArray("ErrorEquals") : null;
    if (names == null) {
      return;
    }
    boolean all = false;
    for (int i = 0; i < names.size(); i++) {
      JsonNode name = names.get(i);
      if (!name.isTextual()) {
        handler.problems().schema(
            handler.at("ErrorEquals").appendIndex(i),
            "Error names in 'ErrorEquals' must be strings, not " + Fields.kind(name) + " " + Fields.excerpt(name));
        continue;
      }
      all |= name.textValue().equals(ErrorNames.ALL);
      errorName(name.textValue(), handler.problems(), handler.at("ErrorEquals").appendIndex(i));
    }
    if (all && names.size() > 1) {
      handler.problems().schema(
          handler.at("ErrorEquals"), "'States.ALL' must appear alone in 'ErrorEquals'; drop the other names");
    }
    if (all && !last) {
      handler.problems().schema(
          handler.at("ErrorEquals"),
          "A " + kind + " with 'States.ALL' must be the last one, or the ones after it can never match");
    }
  }
}
