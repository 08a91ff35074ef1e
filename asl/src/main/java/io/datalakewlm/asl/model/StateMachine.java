package io.datalakewlm.asl.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A set of states with a starting point: a whole definition, a Parallel branch, or a Map's item
 * processor. States keep their definition order, so histories and validation messages list them
 * the way the author wrote them.
 *
 * @param timeoutSeconds the execution timeout of a top-level definition, or {@code null}
 * @param queryLanguage the default dialect for states that do not name their own
 */
public record StateMachine(
    String comment,
    String startAt,
    Map<String, State> states,
    Integer timeoutSeconds,
    String version,
    QueryLanguage queryLanguage) {

  public StateMachine {
    Objects.requireNonNull(startAt, "startAt");
    Objects.requireNonNull(queryLanguage, "queryLanguage");
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
  }

  public State state(String name) {
    State state = states.get(name);
    if (state == null) {
      throw new IllegalArgumentException("no state named '" + name + "'");
    }
    return state;
  }

  public State startState() {
    return state(startAt);
  }
}
