package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Builders of history event details in AWS's shapes. Inputs and outputs are JSON text with a
 * {@code …Details.truncated} flag, as {@code GetExecutionHistory} returns them.
 */
final class Details {
  private Details() {}

  static ObjectNode entered(String name, JsonNode input) {
    ObjectNode details = Engine.JSON.objectNode();
    details.put("name", name);
    payload(details, "input", input);
    return details;
  }

  /**
   * A state's exit: its output and, when it assigned variables, {@code assignedVariables} (each
   * value as JSON text) with {@code assignedVariablesDetails.truncated}.
   */
  static ObjectNode exited(String name, JsonNode output, Map<String, JsonNode> assigned) {
    ObjectNode details = Engine.JSON.objectNode();
    details.put("name", name);
    payload(details, "output", output);
    if (!assigned.isEmpty()) {
      ObjectNode variables = details.putObject("assignedVariables");
      assigned.forEach((variable, value) -> variables.put(variable, value.toString()));
      details.putObject("assignedVariablesDetails").put("truncated", false);
    }
    return details;
  }

  static ObjectNode errorAndCause(String error, String cause) {
    ObjectNode details = Engine.JSON.objectNode();
    if (error != null) {
      details.put("error", error);
    }
    if (cause != null) {
      details.put("cause", cause);
    }
    return details;
  }

  /** Adds {@code field} as JSON text and {@code fieldDetails.truncated = false}. */
  static ObjectNode payload(ObjectNode details, String field, JsonNode value) {
    details.put(field, value == null ? "null" : value.toString());
    details.putObject(field + "Details").put("truncated", false);
    return details;
  }
}
