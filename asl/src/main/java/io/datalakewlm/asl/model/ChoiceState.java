package io.datalakewlm.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code Choice}: goes to the {@code Next} of the first rule that matches, else to {@code Default},
 * else fails with {@code States.NoChoiceMatched}.
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
   * @param assign raw {@code Assign}, or {@code null}
   * @param output raw JSONata {@code Output}, or {@code null}
   */
  public record ChoiceRule(Condition condition, String next, JsonNode assign, JsonNode output, String comment) {}
}
