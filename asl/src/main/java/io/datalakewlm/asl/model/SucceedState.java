package io.datalakewlm.asl.model;

/** {@code Succeed}: ends its flow successfully with its (processed) input as output. */
public record SucceedState(String name, String comment, QueryLanguage queryLanguage, Io io) implements State {
  @Override
  public boolean end() {
    return true;
  }

  @Override
  public String type() {
    return "Succeed";
  }
}
