package io.datalakewlm.asl.model;

import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.path.JsonPath;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a state's {@code Catch} array: on a matching error, go to {@code next} with the error
 * output ({@code {"Error": …, "Cause": …}}) placed into the state's input at {@code resultPath}.
 *
 * @param resultPath {@code null} when absent ({@code $}), empty when JSON {@code null}
 * @param assign {@code Assign} (evaluated with the error output), or {@code null}
 * @param output JSONata {@code Output} (default {@code $states.errorOutput}), or {@code null}
 */
public record Catcher(
    List<String> errorEquals,
    String next,
    Optional<JsonPath> resultPath,
    Assign assign,
    JsonataTemplate output,
    String comment) {

  public Catcher {
    errorEquals = List.copyOf(errorEquals);
  }
}
