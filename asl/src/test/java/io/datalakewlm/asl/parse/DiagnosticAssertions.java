package io.datalakewlm.asl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Collectors;

/** Assertions over the diagnostics of a definition, failing with the whole list for context. */
final class DiagnosticAssertions {
  private DiagnosticAssertions() {}

  /** A definition with one state named {@code S}, which starts it. */
  static String oneState(String state) {
    return "{\"StartAt\": \"S\", \"States\": {\"S\": " + state + "}}";
  }

  /** The diagnostic with {@code code} at {@code location}; fails unless exactly one exists. */
  static Diagnostic find(List<Diagnostic> diagnostics, DiagnosticCode code, String location) {
    List<Diagnostic> matching =
        diagnostics.stream().filter(d -> d.code() == code && d.location().equals(location)).toList();
    if (matching.size() != 1) {
      fail("expected one " + code + " at '" + location + "', got " + matching.size() + " in:\n" + describe(diagnostics));
    }
    return matching.get(0);
  }

  /** Asserts one ERROR with {@code code} at {@code location} whose message contains {@code text}. */
  static Diagnostic assertError(List<Diagnostic> diagnostics, DiagnosticCode code, String location, String text) {
    Diagnostic diagnostic = find(diagnostics, code, location);
    assertTrue(diagnostic.isError(), () -> "not an error: " + diagnostic);
    assertTrue(
        diagnostic.message().contains(text),
        () -> "message of " + diagnostic + " does not contain: " + text);
    return diagnostic;
  }

  /** Asserts the validation of {@code json} reports exactly this one error. */
  static Diagnostic assertOnlyError(String json, DiagnosticCode code, String location, String text) {
    List<Diagnostic> diagnostics = DefinitionParser.validate(json);
    assertEquals(1, diagnostics.size(), () -> "expected exactly one problem, got:\n" + describe(diagnostics));
    return assertError(diagnostics, code, location, text);
  }

  /** Asserts that {@code json} has no diagnostics at all. */
  static void assertClean(String json) {
    List<Diagnostic> diagnostics = DefinitionParser.validate(json);
    assertTrue(diagnostics.isEmpty(), () -> "expected no problems, got:\n" + describe(diagnostics));
  }

  static String describe(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> "  " + d).collect(Collectors.joining("\n"));
  }
}
