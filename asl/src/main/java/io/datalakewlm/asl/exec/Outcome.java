package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;

/** How a flow (an execution, a branch, a map iteration) ended: an output, or an error and cause. */
record Outcome(JsonNode output, String error, String cause, boolean failed) {
  static Outcome success(JsonNode output) {
    return new Outcome(output, null, null, false);
  }

  static Outcome failure(String error, String cause) {
    return new Outcome(null, error, cause, true);
  }
}
