package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * How a state leaves: its output and the workflow variables it assigns (empty when it has no
 * {@code Assign}). The assignments apply when the flow records the state's exit.
 */
record Exit(JsonNode output, Map<String, JsonNode> assigned) {
  static Exit of(JsonNode output) {
    return new Exit(output, Map.of());
  }
}
