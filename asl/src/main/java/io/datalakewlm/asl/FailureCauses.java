package io.datalakewlm.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.JsonSnippet;
import io.datalakewlm.asl.path.Scope;

/**
 * The causes of the failures the runtime raises itself, worded as AWS words them, so that a
 * catcher or an alarm that reads the {@code Cause} sees the text it would see on AWS. Every
 * runtime failure takes its error name and cause from here; nothing else spells one out.
 *
 * <p>The wording comes from AWS's own responses as public records keep them (execution histories
 * quoted in issues and tutorials, emulators' recorded snapshots of AWS): a runtime failure names
 * its state first ({@link #inState}), then says what went wrong. Where AWS's wording is not on
 * record (the *Path fields of Task and Map states, a Choice without a match), the cause is ours,
 * in the same shape; the README lists which is which.
 *
 * <p>Caveat: AWS quotes the input with the formatting it arrived in; we quote compact JSON (the
 * same text AWS shows for inputs that were compact), cut at 32,000 characters.
 */
public final class FailureCauses {
  /** The most bytes of UTF-8 JSON text a state's input, output or task result may hold (256 KiB). */
  public static final int MAX_PAYLOAD_BYTES = 262_144;

  private FailureCauses() {}

  /** A runtime failure: placed in the state that catches it (see {@link StatesError#placedIn}). */
  public static StatesError runtime(String error, String cause) {
    return new StatesError(error, cause, true);
  }

  /** {@code An error occurred while executing the state 'S' (entered at the event id #2). …} */
  public static String inState(String stateName, long enteredEventId, String cause) {
    return "An error occurred while executing the state '" + stateName + "' (entered at the event id #"
        + enteredEventId + "). " + cause;
  }

  /**
   * A payload template field whose path selects nothing ({@code States.Runtime}): {@code The
   * JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{"a":1}'}.
   *
   * @param field the template field ({@code "x.$"}), or {@code null} when there is none
   */
  public static StatesError pathNotFound(JsonPath path, Scope scope, String field) {
    String subject = "The JSONPath '" + path.text() + "'" + (field == null ? "" : " specified for the field '" + field + "'");
    return runtime(ErrorNames.RUNTIME, subject + " could not be found" + where(path, scope));
  }

  /**
   * A path argument of an intrinsic function that selects nothing: {@code The JsonPath argument
   * for the field '$.x' could not be found in the input '{"a":1}'}; {@link #intrinsicFailed}
   * names the function around it.
   */
  public static StatesError intrinsicArgumentNotFound(JsonPath path, Scope scope) {
    return runtime(ErrorNames.RUNTIME,
        "The JsonPath argument for the field '" + path.text() + "' could not be found" + where(path, scope));
  }

  /** {@code The function 'States.Format('{}', $.x)' had the following error: …}, same error name. */
  public static StatesError intrinsicFailed(String functionText, StatesError inner) {
    return runtime(inner.error(), "The function '" + functionText + "' had the following error: " + inner.cause());
  }

  /** An InputPath, OutputPath or other *Path that selects nothing: {@code Invalid path '$.x' : No results for path: $['x']}. */
  public static StatesError invalidPath(String pathText, String problem) {
    return runtime(ErrorNames.RUNTIME, "Invalid path '" + pathText + "' : " + problem);
  }

  /** A ResultPath that crosses a value that is not an object (our wording): {@code Unable to apply ReferencePath $.a.b to input …}. */
  public static StatesError resultPathMatchFailure(String pathText, JsonNode stateInput) {
    return runtime(ErrorNames.RESULT_PATH_MATCH_FAILURE,
        "Unable to apply ReferencePath " + pathText + " to input " + JsonSnippet.of(stateInput));
  }

  /** A Choice rule's Variable or *Path that selects nothing. */
  public static StatesError choicePathInvalid(String pathText) {
    return runtime(ErrorNames.RUNTIME,
        "Invalid path '" + pathText + "': The choice state's condition path references an invalid value.");
  }

  /** A Wait's SecondsPath that selects nothing. */
  public static StatesError secondsPathMissing(String pathText) {
    return runtime(ErrorNames.RUNTIME, "The SecondsPath parameter does not reference an input value: " + pathText);
  }

  /** A Wait's SecondsPath that selects something other than an integer. */
  public static StatesError secondsPathNotLong(String pathText, JsonNode value) {
    return runtime(ErrorNames.RUNTIME,
        "The SecondsPath parameter cannot be parsed as a long value: " + pathText + " == " + shown(value));
  }

  /** A Wait's SecondsPath that selects a negative integer. */
  public static StatesError secondsPathNegative(String pathText, JsonNode value) {
    return runtime(ErrorNames.RUNTIME,
        "The SecondsPath parameter references a negative value: " + pathText + " == " + shown(value));
  }

  /** A Wait's TimestampPath that selects nothing. */
  public static StatesError timestampPathMissing(String pathText) {
    return runtime(ErrorNames.RUNTIME, "The TimestampPath parameter does not reference an input value: " + pathText);
  }

  /** A Wait's TimestampPath that selects something other than an RFC 3339 timestamp string. */
  public static StatesError timestampPathInvalid(String pathText, JsonNode value) {
    return runtime(ErrorNames.RUNTIME,
        "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "
            + pathText + " == " + shown(value));
  }

  /** A *Path field of a Task or Map state that selects a value of the wrong kind (our wording). */
  public static StatesError wrongValue(String field, String pathText, String expected, JsonNode value) {
    return runtime(ErrorNames.RUNTIME, field + " '" + pathText + "' must select " + expected + ", but selected " + JsonSnippet.of(value));
  }

  /** A Choice state whose rules all fail and which has no Default (our wording). */
  public static StatesError noChoiceMatched(String stateName) {
    return runtime(ErrorNames.NO_CHOICE_MATCHED,
        "No choice rule of state '" + stateName + "' matched its input, and it has no Default");
  }

  /**
   * A state output or task result over {@link #MAX_PAYLOAD_BYTES}: {@code The state/task 'S'
   * returned a result with a size exceeding the maximum number of bytes service limit.} AWS names
   * the state for an output and the Resource for a task result, and puts no state prefix in front.
   */
  public static StatesError dataLimitExceeded(String stateOrResource) {
    return new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + stateOrResource
        + "' returned a result with a size exceeding the maximum number of bytes service limit.");
  }

  /**
   * A redrive of a Map Run that was redriven {@code limit} times already: AWS's hard quota of
   * 1,000 redrives per Map Run answers {@code States.Runtime} (its guide names the error, not the
   * cause; the cause is ours).
   */
  public static StatesError mapRunRedriveLimit(String mapRunArn, int limit) {
    return runtime(ErrorNames.RUNTIME, "The Map Run '" + mapRunArn + "' cannot be redriven: it was redriven "
        + limit + " times, the most a Map Run can be.");
  }

  /** Assignments over a variable size limit (our wording; AWS's is not on record). */
  public static StatesError variableLimitExceeded(String stateName, String what) {
    return new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "State '" + stateName + "' exceeds a variable size limit: " + what);
  }

  // Where a path looked, as AWS quotes it: the input, the context object or the variable.
  private static String where(JsonPath path, Scope scope) {
    JsonNode document = path.document(scope);
    return switch (path.root()) {
      case INPUT -> " in the input '" + JsonSnippet.of(document) + "'";
      case CONTEXT -> " in the context object '" + JsonSnippet.of(document) + "'";
      case VARIABLE -> document == null
          ? ": the variable '$" + path.variableName() + "' is not defined"
          : " in the variable '$" + path.variableName() + "' = '" + JsonSnippet.of(document) + "'";
    };
  }

  // A selected value as AWS shows it after "==": a string bare, anything else as JSON.
  private static String shown(JsonNode value) {
    return value.isTextual() ? value.textValue() : JsonSnippet.of(value);
  }
}
