package io.datalakewlm.asl.model;

import io.datalakewlm.asl.jsonata.JsonataTemplate;
import java.util.List;

/**
 * {@code Choice}: goes to the {@code Next} of the first rule that matches, else to {@code Default},
 * else fails with {@code States.NoChoiceMatched}. A matched rule's own {@code Assign} and
 * {@code Output} apply; the state's apply when {@code Default} is taken.
 *
 * @param defaultState {@code Default}, or {@code null}
 */
public record ChoiceState(
    String name, String comment, QueryLanguage queryLanguage, Io io, List<ChoiceRule> choices, String defaultState)
    implements State {

  public ChoiceState {
    choices = List.copyOf(choices);
  }

  @Override
  public String type() {
    return "Choice";
  }

  /**
   * A top-level rule of {@code Choices}: a condition, the state it leads to, and what it assigns.
   *
   * @param assign the rule's {@code Assign}, or {@code null}
   * @param output the rule's JSONata {@code Output}, or {@code null}
   */
  public record ChoiceRule(Condition condition, String next, Assign assign, JsonataTemplate output, String comment) {}
}
