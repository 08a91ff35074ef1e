package io.datalakewlm.asl.model;

import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.payload.PayloadTemplate;
import java.util.List;
import java.util.Objects;

/**
 * A compiled {@code Assign} field: the workflow variables a state (or a Choice rule, or a
 * catcher) sets when it leaves, in the dialect of its state. Exactly one form is set.
 *
 * <p>In a JSONPath state it is a payload template: a key ending in {@code .$} takes its value
 * from a path or intrinsic function (evaluated with {@code $} standing for the state's result,
 * effective input or error output) and loses the suffix. In a JSONata state every value is a
 * template whose {@code {% %}} strings are expressions over {@code $states}.
 *
 * @param paths the JSONPath form, or {@code null}
 * @param jsonata the JSONata form, or {@code null}
 * @param names the variable names it assigns, in definition order
 */
public record Assign(PayloadTemplate paths, JsonataTemplate jsonata, List<String> names) {
  public Assign {
    if ((paths == null) == (jsonata == null)) {
      throw new IllegalArgumentException("an Assign is either JSONPath or JSONata");
    }
    names = List.copyOf(Objects.requireNonNull(names, "names"));
  }
}
