package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.model.Assign;
import io.datalakewlm.asl.model.Catcher;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.model.State;

/**
 * How a state's data fields are evaluated, one implementation per query language, so that the
 * state runs ({@link Flow}, {@link RecoverableRun} and the others) hold the behaviour of a state
 * type once and ask this interface for its data:
 *
 * <ul>
 *   <li>the input of the state: JSONPath {@code InputPath}; in JSONata the raw input;
 *   <li>the input of its work: JSONPath {@code Parameters}; JSONata {@code Arguments};
 *   <li>how it leaves: JSONPath {@code ResultSelector}, {@code ResultPath}, {@code OutputPath};
 *       JSONata {@code Output}; and {@code Assign} in both, evaluated against the values from
 *       before the state's own assignments;
 *   <li>how a catcher leaves: JSONPath {@code ResultPath}; JSONata {@code Output}; and
 *       {@code Assign}, both over the error output.
 * </ul>
 */
interface StateData {
  /** The implementation for {@code state}'s query language. */
  static StateData of(State state) {
    return state.queryLanguage() == QueryLanguage.JSONATA ? JsonataData.INSTANCE : JsonPathData.INSTANCE;
  }

  /** The state's input after {@code InputPath} (JSONata: the raw input). */
  JsonNode selectInput(State state, JsonNode rawInput, Evaluation evaluation);

  /** The input of the work (a task, the branches): {@code Parameters} or {@code Arguments}. */
  JsonNode workInput(State state, JsonNode rawInput, JsonNode selected, Evaluation evaluation);

  /**
   * The output and assignments of a state leaving normally.
   *
   * @param selected the input after {@code InputPath}
   * @param result the result of the state's work, or {@code null} for a state without one
   *     (Choice, Wait, Succeed, and a JSONata Pass)
   * @param assign the {@code Assign} that applies (a Choice rule's or the state's), or null
   * @param output the JSONata {@code Output} that applies, or null
   */
  Exit leave(State state, JsonNode rawInput, JsonNode selected, JsonNode result, Assign assign,
      JsonataTemplate output, Evaluation evaluation);

  /** The output and assignments when {@code catcher} handles an error. */
  Exit caught(Catcher catcher, JsonNode rawInput, JsonNode errorOutput, Evaluation evaluation);
}
