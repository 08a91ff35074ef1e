package io.datalakewlm.asl.parse;

import java.util.Objects;

/**
 * One problem found in a state machine definition, shaped like an element of the
 * {@code diagnostics} list of AWS's {@code ValidateStateMachineDefinition}: a severity, a code, a
 * message and a location.
 *
 * <p>The location is a JSON Pointer (RFC 6901) into the definition, the form AWS uses, for example
 * {@code /States/Fail/ErrorPath} or {@code /States/Run/Retry/0/ErrorEquals}; the empty string
 * stands for the definition as a whole. The position, when known, is where that location starts
 * in the text the author wrote (before {@code ${Name}} substitutions): the key of an object member,
 * the first character of an array element, so an editor can jump to it.
 *
 * @param position line and column in the original text, or {@code null} when unknown
 */
public record Diagnostic(
    Severity severity, DiagnosticCode code, String message, String location, Position position) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(location, "location");
  }

  /** ERROR blocks creating a state machine; WARNING points at a likely mistake. */
  public enum Severity {
    ERROR,
    WARNING
  }

  /** A 1-based line and column in the definition text. */
  public record Position(int line, int column) {
    public Position {
      if (line < 1 || column < 1) {
        throw new IllegalArgumentException("line and column start at 1: " + line + ":" + column);
      }
    }

    @Override
    public String toString() {
      return line + ":" + column;
    }
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The AWS form, {@code CODE: message at /location}, as {@code InvalidDefinition} quotes it. */
  public String awsText() {
    return code + ": " + message + (location.isEmpty() ? "" : " at " + location);
  }

  /** One line for a terminal: {@code source:line:column: ERROR CODE: message at /location}. */
  public String format(String source) {
    StringBuilder text = new StringBuilder();
    if (source != null) {
      text.append(source).append(':');
    }
    if (position != null) {
      text.append(position).append(':');
    }
    if (text.length() > 0) {
      text.append(' ');
    }
    return text.append(severity).append(' ').append(awsText()).toString();
  }

  @Override
  public String toString() {
    return format(null);
  }
}
