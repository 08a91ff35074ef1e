package io.datalakewlm.asl.model;

import io.datalakewlm.asl.path.JsonPath;

/**
 * {@code Fail}: ends its flow with an error and a cause, each fixed, taken from a path, or (JSONata)
 * computed by an expression. Fields left unset produce no {@code Error}/{@code Cause}.
 */
public record FailState(
    String name,
    String comment,
    QueryLanguage queryLanguage,
    String error,
    JsonPath errorPath,
    String cause,
    JsonPath causePath)
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
