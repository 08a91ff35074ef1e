package io.datalakewlm.asl.mock;

import java.util.List;

/** A mock configuration that cannot be used, with every problem and its JSON path. */
public final class InvalidMockConfigException extends Exception {
  private final List<String> problems;

  public InvalidMockConfigException(String source, List<String> problems) {
    super(source + ": invalid mock configuration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
