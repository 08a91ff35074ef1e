package io.datalakewlm.asl.parse;

import static io.datalakewlm.asl.parse.DiagnosticCode.MISSING_TRANSITION_TARGET;
import static io.datalakewlm.asl.parse.DiagnosticCode.SCHEMA_VALIDATION_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.parse.Diagnostic.Position;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public entry point: parse or validate, from text or a file, with every problem at once. */
class DefinitionParserTest {
  private static final Map<String, String> DISPATCHER_VALUES =
      Map.of(
          "Region", "eu-west-1", "Account", "123456789012", "Env", "dev", "BatchLimit", "25", "MaxConcurrency", "8");

  @Test
  void aRealisticDefinitionFileParsesCleanly() throws Exception {
    Path file = resource("dispatcher.asl.json");
    List<Diagnostic> diagnostics = DefinitionParser.validate(file, DISPATCHER_VALUES);
    assertTrue(diagnostics.isEmpty(), () -> DiagnosticAssertions.describe(diagnostics));
    StateMachine machine = DefinitionParser.parse(file, DISPATCHER_VALUES);
    MapState map = (MapState) machine.state("RunBatches");
    assertEquals(8, map.maxConcurrency());
    assertEquals(
        List.of("AcquireSlot", "RunJob", "ReleaseSlot", "PaceCrawler", "WaitForToken", "StartCrawler",
            "ReleaseAfterFailure", "BatchFailed"),
        List.copyOf(map.processor().states().keySet()));
    assertEquals(
        List.of("Account", "BatchLimit", "Env", "MaxConcurrency", "Region"),
        List.copyOf(Substitutions.namesUsed(Files.readString(file))));
  }

  @Test
  void everyProblemOfADefinitionIsReportedAtOnce() throws Exception {
    List<Diagnostic> diagnostics = DefinitionParser.validate(resource("broken.asl.json"), Map.of());
    List<String> found = diagnostics.stream().map(d -> d.code() + " " + d.location()).toList();
    assertEquals(
        List.of(
            "SCHEMA_VALIDATION_FAILED /States/Check/Choices/0/BooleanEquals",
            "MISSING_TRANSITION_TARGET /States/Check/Default",
            "SCHEMA_VALIDATION_FAILED /States/Run/HeartbeatSeconds",
            "SCHEMA_VALIDATION_FAILED /States/Run/Retry/0/ErrorEquals",
            "SCHEMA_VALIDATION_FAILED /States/Run/End",
            "SCHEMA_VALIDATION_FAILED /States/Wait",
            "MISSING_TRANSITION_TARGET /States/Wait",
            "MISSING_TRANSITION_TARGET /States/Fan",
            "SCHEMA_VALIDATION_FAILED /States/Fan/MaxConcurrency"),
        found,
        () -> DiagnosticAssertions.describe(diagnostics));
    assertTrue(diagnostics.get(1).message().contains("Missing 'Default' target: Wiat (did you mean 'Wait'?)"));
  }

  @Test
  void parseThrowsWithEveryProblemAndNamesTheFile() throws Exception {
    Path file = resource("broken.asl.json");
    InvalidDefinitionException e =
        assertThrows(InvalidDefinitionException.class, () -> DefinitionParser.parse(file));
    assertEquals(9, e.diagnostics().size());
    assertEquals(file.toString(), e.source());
    String[] lines = e.getMessage().split("\\R");
    assertEquals("Invalid state machine definition " + file + ": 9 errors", lines[0]);
    assertEquals(
        "  " + file + ":6:43: ERROR SCHEMA_VALIDATION_FAILED: Field 'BooleanEquals' must be a boolean (true or false),"
            + " not a string \"yes\" at /States/Check/Choices/0/BooleanEquals",
        lines[1]);
  }

  @Test
  void awsMessageQuotesTheErrorsLikeCreateStateMachine() {
    InvalidDefinitionException e =
        assertThrows(
            InvalidDefinitionException.class,
            () -> DefinitionParser.parse(
                "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}, \"C\": {\"Type\": \"Succeed\"}}}"));
    assertEquals(
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next, "
            + "MISSING_TRANSITION_TARGET: State 'C' is not reachable: no transition from 'StartAt' leads to it at /States/C'",
        e.awsMessage());
  }

  @Test
  void warningsAloneDoNotStopTheParseButAreValidated() {
    String json = DiagnosticAssertions.oneState("{\"Type\": \"Fail\", \"Error\": \"$.error\"}");
    DefinitionParser.parse(json);
    assertEquals(
        List.of(DiagnosticCode.NO_PATH),
        DefinitionParser.validate(json).stream().map(Diagnostic::code).toList());
    assertThrows(
        IllegalArgumentException.class,
        () -> new InvalidDefinitionException(null, DefinitionParser.validate(json)));
  }

  @Test
  void diagnosticsComeInTextOrderWithTheirPositions() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate(
            """
            {"StartAt": "A",
             "States": {
               "A": {"Type": "Pass", "Bad": 1, "Next": "B"},
               "B": {"Type": "Pass", "Worse": 2, "End": true}}}
            """);
    assertEquals(
        List.of(new Position(3, 26), new Position(4, 26)),
        diagnostics.stream().map(Diagnostic::position).toList(),
        () -> DiagnosticAssertions.describe(diagnostics));
    assertEquals(
        "3:26: ERROR SCHEMA_VALIDATION_FAILED: Field 'Bad' is not supported in a Pass state at /States/A/Bad",
        diagnostics.get(0).toString());
  }

  @Test
  void aMissingFileIsAnIoErrorNotAnInvalidDefinition(@TempDir Path dir) {
    assertThrows(IOException.class, () -> DefinitionParser.parse(dir.resolve("absent.json")));
  }

  @Test
  void definitionsReadFromFilesAreUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("unicode.json");
    Files.writeString(file, DiagnosticAssertions.oneState("{\"Type\": \"Pass\", \"Comment\": \"déjà vu ✓\", \"End\": true}"));
    assertEquals("déjà vu ✓", DefinitionParser.parse(file).state("S").comment());
  }

  @Test
  void locationsOfStatesWithSpecialCharactersAreEscapedJsonPointers() {
    List<Diagnostic> diagnostics =
        DefinitionParser.validate("{\"StartAt\": \"a/b~c\", \"States\": {\"a/b~c\": {\"Type\": \"Pass\"}}}");
    assertEquals(
        List.of("/States/a~1b~0c"),
        diagnostics.stream().map(Diagnostic::location).collect(Collectors.toList()),
        () -> DiagnosticAssertions.describe(diagnostics));
    assertEquals(SCHEMA_VALIDATION_FAILED, diagnostics.get(0).code());
    assertTrue(diagnostics.stream().noneMatch(d -> d.code() == MISSING_TRANSITION_TARGET));
  }

  // A file under src/test/resources/definitions.
  private static Path resource(String name) throws URISyntaxException {
    return Path.of(DefinitionParserTest.class.getResource("/definitions/" + name).toURI());
  }
}
