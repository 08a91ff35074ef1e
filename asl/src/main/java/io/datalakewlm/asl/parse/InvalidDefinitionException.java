package io.datalakewlm.asl.parse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A state machine definition that cannot be used, with every problem found in it (errors and any
 * warnings), not just the first. Named after the {@code InvalidDefinition} error of AWS's
 * {@code CreateStateMachine}.
 *
 * <p>{@link #getMessage()} lists one problem a line, prefixed with the source (a file name, when
 * the definition came from a file) and the line and column; {@link #awsMessage()} gives the single
 * line AWS returns, for an API that must answer like AWS.
 */
public final class InvalidDefinitionException extends RuntimeException {
  private final String source;
  private final List<Diagnostic> diagnostics;

  /**
   * @param source where the definition came from (a file path), or {@code null}
   * @param diagnostics all problems found, at least one an ERROR
   */
  public InvalidDefinitionException(String source, List<Diagnostic> diagnostics) {
    super(describe(source, diagnostics), null, false, false);
    if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
      throw new IllegalArgumentException("an invalid definition needs at least one error");
    }
    this.source = source;
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Where the definition came from, or {@code null}. */
  public String source() {
    return source;
  }

  /** Every problem, errors and warnings, in the order they were found. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Only the errors. */
  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  /** {@code Invalid State Machine Definition: 'CODE: message at /loc, …'}, errors only. */
  public String awsMessage() {
    return "Invalid State Machine Definition: '"
        + errors().stream().map(Diagnostic::awsText).collect(Collectors.joining(", "))
        + "'";
  }

  // The multi-line message: a header, then one problem a line.
  private static String describe(String source, List<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    StringBuilder text =
        new StringBuilder("Invalid state machine definition")
            .append(source == null ? "" : " " + source)
            .append(": ")
            .append(errors)
            .append(errors == 1 ? " error" : " errors");
    for (Diagnostic diagnostic : diagnostics) {
      text.append(System.lineSeparator()).append("  ").append(diagnostic.format(source));
    }
    return text.toString();
  }
}
