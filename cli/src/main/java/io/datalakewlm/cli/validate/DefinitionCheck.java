package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.parse.Diagnostic;
import io.datalakewlm.asl.parse.DiagnosticCode;
import io.datalakewlm.asl.parse.Substitutions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks (a) and (b): each state machine's definition file exists, passes the runtime's
 * validator once its placeholders hold the values the template gives them, and uses exactly the
 * substitutions its {@code DefinitionSubstitutions} define: a {@code ${Name}} without a value
 * would reach AWS as text, a value nothing uses is a knob that tunes nothing.
 */
final class DefinitionCheck {

  /** The prefix of the ARN put in for a substitution whose value cannot be resolved. */
  static final String UNRESOLVED_ARN = "arn:aws:states:" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT
      + ":activity:unresolved-";

  private DefinitionCheck() {
  }

  /** The outcome for one state machine: the machine (when its file could be read) and the problems. */
  record Outcome(Optional<DeployedMachine> machine, List<Problem> problems) {}

  /**
   * Checks one state machine resource.
   *
   * @param display how problems name a file of the repository
   */
  static Outcome check(SamTemplate template, SamTemplate.Resource resource, Function<Path, String> display) {
    List<Problem> problems = new ArrayList<>();
    String uriPath = LocatedTree.member(resource.propertiesPath(), "DefinitionUri");
    JsonNode uri = resource.properties().get("DefinitionUri");
    if (uri == null || !uri.isTextual()) {
      problems.add(template.problem(resource.propertiesPath(), "the state machine has no DefinitionUri naming a local "
          + "definition file, so its definition cannot be checked", "keep the definition in a .asl.json file and name it "
          + "in DefinitionUri"));
      return new Outcome(Optional.empty(), problems);
    }
    Path file = template.directory().resolve(uri.asText()).normalize();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(template.problem(uriPath, "the definition file " + uri.asText() + " cannot be read",
          "create it, or correct the path (relative to " + template.displayName() + ")"));
      return new Outcome(Optional.empty(), problems);
    }
    String name = display.apply(file);
    String subsPath = LocatedTree.member(resource.propertiesPath(), "DefinitionSubstitutions");
    Map<String, JsonNode> defined = substitutions(resource.properties().path("DefinitionSubstitutions"));
    Set<String> used = Substitutions.namesUsed(text);
    TemplateValues values = new TemplateValues(template);
    Map<String, String> placeholderValues = new LinkedHashMap<>();
    defined.forEach((key, value) -> placeholderValues.put(key, values.resolve(value).orElse(unresolved(key))));

    Substitutions substituted = Substitutions.apply(text, placeholderValues);
    JsonLines lines = JsonLines.of(substituted.text(), offset -> substituted.positionOf(offset).line());
    List<Diagnostic> diagnostics = DefinitionParser.validate(text, placeholderValues);
    Set<String> reported = new HashSet<>();
    for (Substitutions.Placeholder p : substituted.undefined()) {
      if (reported.add(p.name())) {
        String pointer = diagnostics.stream()
            .filter(d -> d.code() == DiagnosticCode.UNDEFINED_SUBSTITUTION && p.position().equals(d.position()))
            .map(Diagnostic::location).findFirst().orElse("");
        problems.add(new Problem(name, p.position().line(), pointer, "${" + p.name() + "} is not defined: "
            + template.displayName() + " " + subsPath + " has no " + p.name(),
            "add '" + p.name() + ": !Ref <Parameter>' to the DefinitionSubstitutions of " + resource.logicalId()
                + ", or correct the name" + Suggestions.didYouMean(p.name(), defined.keySet())));
      }
    }
    for (String key : defined.keySet()) {
      if (!used.contains(key)) {
        problems.add(template.problem(LocatedTree.member(subsPath, key), "the substitution " + key + " is not used by "
            + name, "remove it, or use ${" + key + "} in the definition"));
      }
    }
    StateMachine model = null;
    problems.addAll(problems(diagnostics, name, lines));
    if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
      model = DefinitionParser.parse(text, placeholderValues, name);
    }
    return new Outcome(Optional.of(new DeployedMachine(resource, file, name, text, placeholderValues, lines, model)),
        problems);
  }

  /**
   * Checks a definition that no state machine of a template deploys, by its content alone: each
   * {@code ${Name}} placeholder holds a stand-in value (there is no DefinitionSubstitutions to say
   * what it would be), so the runtime's validator sees a definition of the shape AWS would get.
   */
  static List<Problem> standalone(String text, String name) {
    Map<String, String> placeholderValues = new LinkedHashMap<>();
    Substitutions.namesUsed(text).forEach(key -> placeholderValues.put(key, unresolved(key)));
    Substitutions substituted = Substitutions.apply(text, placeholderValues);
    JsonLines lines = JsonLines.of(substituted.text(), offset -> substituted.positionOf(offset).line());
    return problems(DefinitionParser.validate(text, placeholderValues), name, lines);
  }

  // The validator's diagnostics as problems; undefined substitutions are reported by the caller.
  private static List<Problem> problems(List<Diagnostic> diagnostics, String name, JsonLines lines) {
    List<Problem> problems = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      if (d.code() == DiagnosticCode.UNDEFINED_SUBSTITUTION) {
        continue; // reported by the caller, once per name
      }
      int line = d.position() != null ? d.position().line() : lines.line(d.location());
      problems.add(new Problem(name, line, d.location(), d.severity() + " " + d.code() + ": " + d.message(), ""));
    }
    return problems;
  }

  // A stand-in for a value that cannot be known offline (its reference is reported elsewhere):
  // an activity ARN for a key that names an ARN (it needs no IAM action, so it adds no noise),
  // else a number, which is valid JSON in and out of strings.
  private static String unresolved(String key) {
    return key.endsWith("Arn") ? UNRESOLVED_ARN + key : "1";
  }

  // The DefinitionSubstitutions mapping, in order.
  private static Map<String, JsonNode> substitutions(JsonNode mapping) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = mapping.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      result.put(field.getKey(), field.getValue());
    }
    return result;
  }
}
