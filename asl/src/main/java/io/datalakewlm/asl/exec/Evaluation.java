package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.jsonata.Bindings;
import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.jsonata.JsonataTemplate;
import io.datalakewlm.asl.model.State;
import io.datalakewlm.asl.path.Scope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fields of one state run are evaluated against: the context object of the attempt, the
 * flow's visible variables, and, for JSONata, the {@code $states} bindings. It also turns a failed
 * JSONata evaluation into what AWS shows: an {@code EvaluationFailed} event naming the state and
 * the field, and a cause that starts with the state and the id of its entered event.
 */
final class Evaluation {
  private static final Pattern FIELD = Pattern.compile("specified for the field '([^']*)'");

  private final Flow flow;
  private final State state;
  private Supplier<ObjectNode> build;
  private ObjectNode context;

  Evaluation(Flow flow, State state, ObjectNode context) {
    this.flow = flow;
    this.state = state;
    this.context = context;
  }

  /**
   * An evaluation whose context object is built when a field first reads it: most states of a
   * JSONata machine never read {@code $states.context}, and it costs a timestamp and a few nodes.
   */
  Evaluation(Flow flow, State state, Supplier<ObjectNode> context) {
    this.flow = flow;
    this.state = state;
    this.build = context;
  }

  State state() {
    return state;
  }

  ObjectNode context() {
    if (context == null && build != null) {
      context = build.get();
      build = null;
    }
    return context;
  }

  /** The JSONPath scope with {@code $} standing for {@code input}. */
  Scope scope(JsonNode input) {
    return flow.engine.scope(input, context(), flow.variables().view());
  }

  /** The JSONata bindings with {@code $states.input} = {@code input}. */
  Bindings bindings(JsonNode input) {
    Variables variables = flow.variables();
    return new Bindings(input, this::context, variables::get, flow.engine.functions());
  }

  /** The same bindings with another {@code $states.context}. */
  Bindings bindings(JsonNode input, Supplier<JsonNode> otherContext) {
    return bindings(input).withContext(otherContext);
  }

  /** Evaluates a JSONata field value, reporting a failure as AWS does. */
  JsonNode evaluate(JsonataTemplate template, Bindings bindings) {
    try {
      return template.evaluate(bindings);
    } catch (StatesError e) {
      throw failed(e);
    }
  }

  /** Evaluates one JSONata expression, reporting a failure as AWS does. */
  JsonNode evaluate(JsonataExpression expression, Bindings bindings) {
    try {
      return expression.evaluate(bindings);
    } catch (StatesError e) {
      throw failed(e);
    }
  }

  /** Reports a result of the wrong kind (a Seconds that is not a number…) as AWS does. */
  StatesError unexpected(JsonataExpression expression, String expected, JsonNode value) {
    return failed(expression.unexpected(expected, value));
  }

  /**
   * The values of an {@code Assign} object as variables, checked against the size limits.
   *
   * @throws StatesError {@code States.DataLimitExceeded} when a limit is exceeded
   */
  Map<String, JsonNode> assignments(JsonNode values) {
    Map<String, JsonNode> assigned = new LinkedHashMap<>(Math.max(4, values.size() * 2));
    for (Map.Entry<String, JsonNode> member : values.properties()) {
      assigned.put(member.getKey(), member.getValue());
    }
    flow.variables().check(assigned, state.name());
    return assigned;
  }

  // A JSONata failure: the EvaluationFailed event, and the cause with AWS's state prefix.
  private StatesError failed(StatesError e) {
    if (!ErrorNames.QUERY_EVALUATION_ERROR.equals(e.error())) {
      return e;
    }
    String cause = FailureCauses.inState(state.name(), flow.enteredEventId(), e.cause());
    if (flow.engine.details()) {
      ObjectNode details = Details.errorAndCause(e.error(), cause);
      Matcher field = FIELD.matcher(e.cause());
      if (field.find()) {
        details.put("location", field.group(1));
      }
      details.put("state", state.name());
      flow.record(EventType.EvaluationFailed, details);
    } else {
      flow.record(EventType.EvaluationFailed, null);
    }
    return new StatesError(e.error(), cause);
  }
}
