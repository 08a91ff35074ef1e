package io.datalakewlm.asl.payload;

import java.util.List;
import java.util.stream.Collectors;

/** A payload template with fields that do not compile, every one listed. */
public final class TemplateException extends Exception {
  /** One problem: where inside the template (a JSON path such as {@code $['a']['b.$']}) and why. */
  public record Issue(String location, String message) {
    @Override
    public String toString() {
      return location + ": " + message;
    }
  }

  private final List<Issue> issues;

  public TemplateException(List<Issue> issues) {
    super(
        issues.isEmpty()
            ? "invalid template"
            : issues.stream().map(Issue::toString).collect(Collectors.joining("; ")));
    this.issues = List.copyOf(issues);
  }

  public List<Issue> issues() {
    return issues;
  }
}
