package io.datalakewlm.asl.model;

import io.datalakewlm.asl.intrinsic.IntrinsicFunction;
import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.path.JsonPath;

/**
 * {@code Fail}: ends its flow with an error and a cause, each fixed, taken from a path, computed by
 * an intrinsic function, or (JSONata) computed by an expression. Fields left unset produce no
 * {@code Error}/{@code Cause}.
 *
 * @param errorPath {@code ErrorPath} when it is a reference path, else {@code null}
 * @param causePath {@code CausePath} when it is a reference path, else {@code null}
 * @param errorFunction {@code ErrorPath} when it is an intrinsic function (AWS allows the ones that
 *     return a string, such as {@code States.Format}), else {@code null}
 * @param causeFunction {@code CausePath} when it is an intrinsic function, else {@code null}
 * @param errorExpression JSONata {@code Error} when it is an expression, else {@code null}
 * @param causeExpression JSONata {@code Cause} when it is an expression, else {@code null}
 */
public record FailState(
    String name,
    String comment,
    QueryLanguage queryLanguage,
    String error,
    JsonPath errorPath,
    String cause,
    JsonPath causePath,
    IntrinsicFunction errorFunction,
    IntrinsicFunction causeFunction,
    JsonataExpression errorExpression,
    JsonataExpression causeExpression)
    implements State {

  @Override
  public Io io() {
    return Io.NONE;
  }

  @Override
  public boolean end() {
    return true;
  }

  @Override
  public String type() {
    return "Fail";
  }
}
