package io.datalakewlm.asl.payload;

import java.util.List;

/** A payload template with fields that do not compile, every one listed. */
public final class TemplateException extends Exception {
  /** One problem: where inside the template (a JSON path such as {@code $['a']['b.$']}) and why. */
  public record Issue(String location, String message) {}

  private final List<Issue> issues;

  public TemplateException(List<Issue> issues) {
    super(issues.isEmpty() ? "invalid template" : issues.get(0).location() + ": " + issues.get(0).message());
    this.issues = List.copyOf(issues);
  }

  public List<Issue> issues() {
    return issues;
  }
}
