package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.core.JsonPointer;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.parse.Diagnostic.Position;
import io.datalakewlm.asl.parse.Diagnostic.Severity;
import io.datalakewlm.asl.parse.Substitutions.Placeholder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The entry point of the parse package: reads an Amazon States Language definition, checks it the
 * way AWS's {@code ValidateStateMachineDefinition} does, and builds the immutable
 * {@link StateMachine} the interpreter runs.
 *
 * <p>The steps, each reporting every problem it finds: {@code ${Name}} substitutions (as SAM's
 * {@code DefinitionSubstitutions}; a name without a value is an error), JSON syntax (with line and
 * column), repeated keys (AWS rejects them), then the States Language rules. {@link #parse} throws
 * {@link InvalidDefinitionException} with all of them when any is an error; nothing half-built is
 * ever returned. {@link #validate} returns the same diagnostics, warnings included, without
 * throwing.
 *
 * <p>Both query languages are checked and built: JSONPath and JSONata (whose expressions are
 * compiled here, once), mixed per state as AWS allows, with workflow variables. A distributed
 * map's {@code ItemReader} and {@code ResultWriter} are checked as AWS checks them: whether a
 * local run can reach S3 is a question for the run, not for the definition.
 */
public final class DefinitionParser {
  /** Where a States object can be: the top level, a Parallel branch, a Map item processor. */
  private static final Pattern STATES_OBJECT =
      Pattern.compile("(/States/[^/]+/(Branches/\\d+|ItemProcessor|Iterator))*/States");

  private DefinitionParser() {}

  /** Parses a definition that uses no substitutions. */
  public static StateMachine parse(String json) {
    return parse(json, Map.of());
  }

  /** Parses a definition after replacing its {@code ${Name}} placeholders with {@code substitutions}. */
  public static StateMachine parse(String json, Map<String, String> substitutions) {
    return parse(json, substitutions, null);
  }

  /** Parses a definition file; problems name the file. */
  public static StateMachine parse(Path file) throws IOException {
    return parse(file, Map.of());
  }

  /** Parses a definition file after substitutions; problems name the file. */
  public static StateMachine parse(Path file, Map<String, String> substitutions) throws IOException {
    return parse(Files.readString(file), substitutions, file.toString());
  }

  /**
   * Parses a definition; {@code source} names it in messages (a file path) and may be {@code null}.
   *
   * @throws InvalidDefinitionException with every problem, when there is at least one error
   */
  public static StateMachine parse(String json, Map<String, String> substitutions, String source) {
    Analysis analysis = analyze(json, substitutions);
    if (analysis.machine() == null) {
      throw new InvalidDefinitionException(source, analysis.diagnostics());
    }
    return analysis.machine();
  }

  /** Every problem of a definition that uses no substitutions; empty when it is valid. */
  public static List<Diagnostic> validate(String json) {
    return validate(json, Map.of());
  }

  /** Every problem (errors and warnings) of a definition after substitutions; empty when clean. */
  public static List<Diagnostic> validate(String json, Map<String, String> substitutions) {
    return analyze(json, substitutions).diagnostics();
  }

  /** Every problem of a definition file after substitutions. */
  public static List<Diagnostic> validate(Path file, Map<String, String> substitutions) throws IOException {
    return validate(Files.readString(file), substitutions);
  }

  // The diagnostics and, when there is no error, the model.
  private record Analysis(List<Diagnostic> diagnostics, StateMachine machine) {}

  // Runs every step on one definition text.
  private static Analysis analyze(String text, Map<String, String> values) {
    Objects.requireNonNull(text, "definition");
    Objects.requireNonNull(values, "substitutions");
    if (text.isBlank()) {
      return new Analysis(
          List.of(
              new Diagnostic(
                  Severity.ERROR, DiagnosticCode.MISSING_DESCRIPTION, "The definition is empty", "", null)),
          null);
    }
    Substitutions substitutions = Substitutions.apply(text, values);
    LocatedJson json;
    try {
      json = LocatedJson.read(substitutions.text());
    } catch (LocatedJson.SyntaxError e) {
      List<Diagnostic> diagnostics = new ArrayList<>();
      for (Placeholder placeholder : substitutions.undefined()) {
        diagnostics.add(undefined(placeholder, "", values));
      }
      diagnostics.add(
          new Diagnostic(
              Severity.ERROR,
              DiagnosticCode.INVALID_JSON_DESCRIPTION,
              "The definition is not valid JSON: " + e.getMessage(),
              "",
              substitutions.positionOf(e.offset())));
      return new Analysis(sorted(diagnostics), null);
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    Set<String> nulled = new HashSet<>();
    for (Placeholder placeholder : substitutions.undefined()) {
      JsonPointer at = json.pointerAt(substitutions.textOffset(placeholder));
      if (!placeholder.insideString()) {
        nulled.add(at.toString());
      }
      diagnostics.add(undefined(placeholder, at.toString(), values));
    }
    for (LocatedJson.Duplicate duplicate : json.duplicates()) {
      diagnostics.add(duplicate(duplicate, substitutions.positionOf(duplicate.offset())));
    }
    for (Diagnostic diagnostic : DefinitionValidator.validate(json.root())) {
      // a placeholder replaced by null says nothing about the value the author meant
      if (!nulled.contains(diagnostic.location())) {
        diagnostics.add(located(diagnostic, json, substitutions));
      }
    }
    boolean valid = diagnostics.stream().noneMatch(Diagnostic::isError);
    return new Analysis(sorted(diagnostics), valid ? ModelBuilder.build(json.root()) : null);
  }

  // The error for a ${Name} without a value.
  private static Diagnostic undefined(Placeholder placeholder, String location, Map<String, String> values) {
    String hint = Suggestions.didYouMean(placeholder.name(), values.keySet());
    return new Diagnostic(
        Severity.ERROR,
        DiagnosticCode.UNDEFINED_SUBSTITUTION,
        "No value was supplied for the substitution ${" + placeholder.name() + "}"
            + (hint.isEmpty() ? "; add '" + placeholder.name() + "' to the DefinitionSubstitutions" : hint),
        location,
        placeholder.position());
  }

  // The error for a key written twice in one object.
  private static Diagnostic duplicate(LocatedJson.Duplicate duplicate, Position position) {
    boolean states = isStatesObject(duplicate.object());
    String location = duplicate.object().appendProperty(duplicate.key()).toString();
    return states
        ? new Diagnostic(
            Severity.ERROR,
            DiagnosticCode.DUPLICATE_STATE_NAME,
            "Duplicate state name '" + duplicate.key() + "': it is defined twice in the same 'States' object",
            location,
            position)
        : new Diagnostic(
            Severity.ERROR,
            DiagnosticCode.INVALID_JSON_DESCRIPTION,
            "Duplicate field '" + duplicate.key() + "': a JSON object in a definition must not repeat a key",
            location,
            position);
  }

  // Whether a pointer names the States of the definition, of a branch or of an item processor.
  private static boolean isStatesObject(JsonPointer pointer) {
    return STATES_OBJECT.matcher(pointer.toString()).matches();
  }

  // A validator diagnostic with the line and column of its location.
  private static Diagnostic located(Diagnostic diagnostic, LocatedJson json, Substitutions substitutions) {
    if (diagnostic.location().isEmpty()) {
      return diagnostic;
    }
    Position position = substitutions.positionOf(json.offsetOf(JsonPointer.compile(diagnostic.location())));
    return new Diagnostic(
        diagnostic.severity(), diagnostic.code(), diagnostic.message(), diagnostic.location(), position);
  }

  // In text order, problems of the whole definition first; equal positions keep their order.
  private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(
        Comparator.comparing(
            Diagnostic::position,
            Comparator.nullsFirst(Comparator.comparingInt(Position::line).thenComparingInt(Position::column))));
    return List.copyOf(sorted);
  }
}
