package io.datalakewlm.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.path.JsonPath;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a state's {@code Catch} array: on a matching error, go to {@code next} with the error
 * output ({@code {"Error": …, "Cause": …}}) placed into the state's input at {@code resultPath}.
 *
 * @param resultPath {@code null} when absent ({@code $}), empty when JSON {@code null}
 * @param assign raw {@code Assign}, or {@code null}
 * @param output raw JSONata {@code Output}, or {@code null}
 */
public record Catcher(
    List<String> errorEquals,
    String next,
    Optional<JsonPath> resultPath,
    JsonNode assign,
    JsonNode output,
    String comment) {

  public Catcher {
    errorEquals = List.copyOf(errorEquals);
  }
}
