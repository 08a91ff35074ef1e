package io.datalakewlm.asl.parse;

import static io.datalakewlm.asl.parse.DiagnosticAssertions.assertError;
import static io.datalakewlm.asl.parse.DiagnosticCode.INVALID_JSON_DESCRIPTION;
import static io.datalakewlm.asl.parse.DiagnosticCode.UNDEFINED_SUBSTITUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.asl.parse.Diagnostic.Position;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ${Name}} placeholders are replaced like SAM's DefinitionSubstitutions, and missing ones reported. */
class SubstitutionsTest {
  private static final String DEFINITION =
      """
      {"StartAt": "Run", "States": {
        "Run": {"Type": "Map", "MaxConcurrency": ${Limit}, "End": true,
                "ItemProcessor": {"StartAt": "Job", "States": {
                  "Job": {"Type": "Task", "Resource": "arn:aws:states:${Region}:${Account}:activity:${Activity}",
                          "End": true}}}}}}
      """;

  @Test
  void definedValuesAreSubstitutedInStringsAndAsNumbers() {
    MapState map =
        (MapState) DefinitionParser.parse(
            DEFINITION,
            Map.of("Limit", "4", "Region", "eu-west-1", "Account", "123456789012", "Activity", "wlm-dev-AcquireSlot"))
            .state("Run");
    assertEquals(4, map.maxConcurrency());
    assertEquals(
        "arn:aws:states:eu-west-1:123456789012:activity:wlm-dev-AcquireSlot",
        ((TaskState) map.processor().state("Job")).resource());
  }

  @Test
  void namesUsedAreListedOnceInOrder() {
    assertEquals(List.of("Account", "Activity", "Limit", "Region"), List.copyOf(Substitutions.namesUsed(DEFINITION)));
    assertTrue(Substitutions.namesUsed("{\"a\": \"$.x\", \"b\": \"${}\"}").isEmpty());
  }

  @Test
  void undefinedPlaceholdersAreReportedWithTheirPositionAndPath() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(DEFINITION, Map.of("Limit", "4", "Region", "eu-west-1", "Acount", "1"));
    assertEquals(2, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
    Diagnostic account = diagnostics.get(0);
    assertEquals(UNDEFINED_SUBSTITUTION, account.code());
    assertEquals("/States/Run/ItemProcessor/States/Job/Resource", account.location());
    assertEquals("No value was supplied for the substitution ${Account} (did you mean 'Acount'?)", account.message());
    assertEquals(positionOf(DEFINITION, "${Account}"), account.position());
    Diagnostic activity = diagnostics.get(1);
    assertEquals(UNDEFINED_SUBSTITUTION, activity.code());
    assertEquals(
        "No value was supplied for the substitution ${Activity}; add 'Activity' to the DefinitionSubstitutions",
        activity.message());
    assertEquals(positionOf(DEFINITION, "${Activity}"), activity.position());
  }

  @Test
  void anUndefinedNumberIsReportedOnceNotAsATypeError() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            DEFINITION, Map.of("Region", "eu-west-1", "Account", "123456789012", "Activity", "a"));
    Diagnostic limit = assertError(diagnostics, UNDEFINED_SUBSTITUTION, "/States/Run/MaxConcurrency", "${Limit}");
    assertEquals(positionOf(DEFINITION, "${Limit}"), limit.position());
    assertEquals(1, diagnostics.size(), () -> DiagnosticAssertions.describe(diagnostics));
  }

  @Test
  void positionsAfterASubstitutionReferToTheOriginalText() {
    String json = "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"${T}\", \"Bogus\": 1, \"End\": true}}}";
    Diagnostic bogus =
        DiagnosticAssertions.find(
            DefinitionParser.validate(json, Map.of("T", "Pass")), DiagnosticCode.SCHEMA_VALIDATION_FAILED, "/States/S/Bogus");
    assertEquals(new Position(1, json.indexOf("\"Bogus\"") + 1), bogus.position());
  }

  @Test
  void aValueThatBreaksTheJsonIsASyntaxErrorAtThePlaceholder() {
    String json = "{\"StartAt\": \"S\",\n \"States\": {\"S\": {\"Type\": \"Pass\", \"Comment\": \"${C}\", \"End\": true}}}";
    Diagnostic syntax =
        assertError(
            DefinitionParser.validate(json, Map.of("C", "say \"hi\"")), INVALID_JSON_DESCRIPTION, "", "not valid JSON");
    assertEquals(positionOf(json, "${C}"), syntax.position());
  }

  @Test
  void placeholdersRememberWhetherTheyAreInsideAString() {
    Substitutions substitutions =
        Substitutions.apply("{\"a\": ${N}, \"b\": \"x \\\" ${S}\"}", Map.of("S", "v"));
    assertEquals("{\"a\": null, \"b\": \"x \\\" v\"}", substitutions.text());
    Substitutions.Placeholder number = substitutions.placeholders().get(0);
    Substitutions.Placeholder text = substitutions.placeholders().get(1);
    assertFalse(number.insideString());
    assertFalse(number.defined());
    assertTrue(text.insideString());
    assertTrue(text.defined());
    assertEquals(List.of(number), substitutions.undefined());
  }

  @Test
  void offsetsMapBackAcrossReplacementsOfOtherLengths() {
    Substitutions substitutions = Substitutions.apply("ab${Long}cd\nef", Map.of("Long", "X"));
    assertEquals("abXcd\nef", substitutions.text());
    assertEquals(2, substitutions.originalOffset(2)); // inside the replacement: the placeholder
    assertEquals(9, substitutions.originalOffset(3)); // 'c' after it
    assertEquals(new Position(2, 2), substitutions.positionOf(7)); // 'f'
  }

  // The 1-based line and column of the first occurrence of `needle` in `text`.
  private static Position positionOf(String text, String needle) {
    int offset = text.indexOf(needle);
    int lineStart = text.lastIndexOf('\n', offset) + 1;
    return new Position((int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1, offset - lineStart + 1);
  }
}
