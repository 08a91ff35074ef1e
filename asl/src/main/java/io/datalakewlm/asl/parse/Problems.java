package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.core.JsonPointer;
import io.datalakewlm.asl.parse.Diagnostic.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one validation run. Rules add to it and carry on, so one run reports
 * every problem; positions are attached at the end, by the parser, which knows the text.
 */
final class Problems {
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  void error(DiagnosticCode code, JsonPointer at, String message) {
    diagnostics.add(new Diagnostic(Severity.ERROR, code, message, at.toString(), null));
  }

  void warning(DiagnosticCode code, JsonPointer at, String message) {
    diagnostics.add(new Diagnostic(Severity.WARNING, code, message, at.toString(), null));
  }

  /** The most common error: the definition does not fit the States Language schema. */
  void schema(JsonPointer at, String message) {
    error(DiagnosticCode.SCHEMA_VALIDATION_FAILED, at, message);
  }

  List<Diagnostic> list() {
    return List.copyOf(diagnostics);
  }
}
