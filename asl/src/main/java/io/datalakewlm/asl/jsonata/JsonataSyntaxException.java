package io.datalakewlm.asl.jsonata;

import java.util.List;

/**
 * One or more JSONata expressions of a field that do not parse. Each issue names where in the
 * field the expression sits, as a JSON Pointer suffix ({@code ""} for the field itself,
 * {@code "/v/0"} below it), so the validator can report it at its place in the definition.
 */
public final class JsonataSyntaxException extends Exception {
  /**
   * @param pointer where the expression sits below the field, as a JSON Pointer suffix
   * @param message the parser's complaint
   */
  public record Issue(String pointer, String message) {}

  private final List<Issue> issues;

  public JsonataSyntaxException(List<Issue> issues) {
    super(issues.get(0).message(), null, false, false);
    this.issues = List.copyOf(issues);
  }

  public List<Issue> issues() {
    return issues;
  }
}
