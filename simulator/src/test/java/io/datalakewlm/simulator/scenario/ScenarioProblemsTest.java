package io.datalakewlm.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A catalogue of bad scenarios: each gives a message with the path inside the file and a fix. */
class ScenarioProblemsTest {
  @TempDir
  Path dir;

  /** A small valid scenario; each case replaces one marked line. */
  static final String BASE = """
      name: small
      horizon: 12h
      defaults:
        job:
          duration: {fixed: 10m}
      sources:
        - name: retail
          weight: 1
          datasets:
            - name: orders
              priority: 3
            - name: returns
            - count: 3
              namePattern: "stores-{i}"
      arrivals:
        - source: retail
          burst: {at: 0s}
        - dataset: orders
          rate: {perHour: 2, from: 1h, to: 5h}
      aggregates:
        - name: sales
          source: retail
          dependencies: [orders, returns]
          schedule: "06:00"
      strategies:
        - name: wlm
          knobs: {maxConcurrency: 10}
        - name: retry-only
      """;

  static ScenarioException failure(String yaml) {
    return assertThrows(ScenarioException.class, () -> Scenario.parse(yaml, "bad.yaml", Path.of(".")));
  }

  @Test
  void theBaseIsValid() {
    Scenario scenario = Scenario.parse(BASE, "small.yaml", Path.of("."));
    assertEquals(5, scenario.datasets().size());
    assertEquals(3, scenario.dataset("orders").priority());
    assertEquals(5, scenario.dataset("returns").priority(), "LOW by default");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      unknown top-level key     | ~      aggregates:~ | ~      agregates:~ | $                                   | unknown key 'agregates'           | did you mean 'aggregates'?
      priority out of range     | ~              priority: 3~ | ~              priority: 12~ | $.sources[0].datasets[0].priority   | 12 is not one of the allowed values | HIGH, LOW
      weight of the wrong type  | ~          weight: 1~ | ~          weight: heavy~ | $.sources[0].weight                 | is a string, must be a number     | write a number
      missing source name       | ~        - name: retail~ | ~        - nam: retail~ | $.sources[0]                        | missing required key 'name'       | add 'name:'
      unknown knob              | ~          knobs: {maxConcurrency: 10}~ | ~          knobs: {maxConcurency: 10}~ | $.strategies[0].knobs | unknown key 'maxConcurency' | did you mean 'maxConcurrency'?
      unknown strategy          | ~        - name: retry-only~ | ~        - name: retry-always~ | $.strategies[1].name                | 'retry-always' is not one of the allowed values | no-wlm, retry-only, glue-queuing, wlm
      bad duration text         | ~          duration: {fixed: 10m}~ | ~          duration: {fixed: 10 minutes}~ | $.defaults.job.duration.fixed | '10 minutes' is not a duration | 90s, 10m, 1h30m
      two distributions         | ~          duration: {fixed: 10m}~ | ~          duration: {fixed: 10m, uniform: [1m, 2m]}~ | $.defaults.job.duration | has 2 keys | exactly one of fixed, uniform
      uniform upside down       | ~          duration: {fixed: 10m}~ | ~          duration: {uniform: [9m, 2m]}~ | $.defaults.job.duration.uniform | the high bound 2m is below the low bound 9m | write [low, high]
      unknown arrival dataset   | ~        - dataset: orders~ | ~        - dataset: ordrs~ | $.arrivals[1].dataset               | no dataset named 'ordrs'          | did you mean 'orders'?
      burst after the horizon   | ~          burst: {at: 0s}~ | ~          burst: {at: 13h}~ | $.arrivals[0].burst.at              | 13h is not before the horizon 12h | lengthen horizon
      rate window upside down   | ~          rate: {perHour: 2, from: 1h, to: 5h}~ | ~          rate: {perHour: 2, from: 5h, to: 1h}~ | $.arrivals[1].rate.to | ends (1h) before it starts (5h) | later than from
      two patterns in an entry  | ~          burst: {at: 0s}~ | ~          burst: {at: 0s}\\n          rate: {perHour: 1}~ | $.arrivals[0] | has 3 keys | one pattern (burst, rate or file)
      unknown dependency        | ~          dependencies: [orders, returns]~ | ~          dependencies: [orders, retrns]~ | $.aggregates[0].dependencies[1] | no atomic dataset named 'retrns' | did you mean 'returns'?
      aggregate of an unknown source | ~          source: retail~ | ~          source: retial~ | $.aggregates[0].source | no source named 'retial' | did you mean 'retail'?
      schedule not a time       | ~          schedule: "06:00"~ | ~          schedule: "6am"~ | $.aggregates[0].schedule            | '6am' is not a valid schedule     | HH:MM
      name pattern without i    | ~              namePattern: "stores-{i}"~ | ~              namePattern: "stores"~ | $.sources[0].datasets[2].namePattern | has no {i} placeholder | {i:03}
      name and family together | ~            - count: 3~ | ~            - name: x\\n              count: 3~ | $.sources[0].datasets[2] | gives both a name and a generated family | count: and namePattern:
      invalid dataset name      | ~            - name: returns~ | ~            - name: "returns!"~ | $.sources[0].datasets[1].name       | 'returns!' is not a valid name    | letters, digits
      burst count past 32 bits | ~          burst: {at: 0s}~ | ~          burst: {at: 0s, objects: 3000000000}~ | $.arrivals[0].burst.objects | 3000000000 objects in one burst | under 5000000 objects
      burst count past 2^32    | ~          burst: {at: 0s}~ | ~          burst: {at: 0s, objects: 5000000000}~ | $.arrivals[0].burst.objects | 5000000000 objects in one burst | under 5000000 objects
      start not an instant      | ~      horizon: 12h~ | ~      horizon: 12h\\n      start: yesterday~ | $.start                   | 'yesterday' is not an ISO-8601 instant | 2025-01-06T00:00:00Z
      """)
  void aBadScenarioIsRefusedWithPathMessageAndFix(String what, String line, String replacement, String path,
      String message, String fix) {
    String yaml = BASE.replace(dedent(line) + "\n", dedent(replacement.replace("\\n", "\n")) + "\n");
    assertTrue(!yaml.equals(BASE), "the case must change the base: " + what);
    ScenarioException e = failure(yaml);
    Problem problem = e.problems().stream().filter(p -> p.path().equals(path) && p.message().contains(message))
        .findFirst()
        .orElseThrow(() -> new AssertionError(what + ": no '" + message + "' at " + path + " in\n" + e.getMessage()));
    assertTrue(problem.fix() != null && problem.fix().contains(fix), what + ": " + problem.fix());
    assertTrue(e.getMessage().contains("bad.yaml:" + problem.line() + ": " + path), e.getMessage());
    assertTrue(problem.line() > 0, "points at a line of the file");
  }

  // The cases are written indented as in the text block's source; the block itself is not.
  private static String dedent(String text) {
    return text.replaceAll("(?m)^ {6}", "");
  }

  @Test
  void problemsPointAtTheLineInTheFile() {
    ScenarioException e = failure(BASE.replace("        priority: 3", "        priority: 0"));
    assertEquals(11, e.problems().get(0).line());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml = BASE.replace("weight: 1", "weight: -1").replace("dataset: orders", "dataset: nope")
        .replace("[orders, returns]", "[orders, nope]");
    ScenarioException schema = failure(yaml);
    assertEquals(1, schema.problems().size(), "schema problems come first: " + schema.getMessage());
    ScenarioException semantic = failure(yaml.replace("weight: -1", "weight: 1"));
    assertEquals(2, semantic.problems().size(), semantic.getMessage());
  }

  @Test
  void duplicateNamesAreRefusedWithBothPlaces() {
    ScenarioException e = failure(BASE.replace("      - name: returns", "      - name: orders"));
    Problem problem = e.problems().get(0);
    assertEquals("$.sources[0].datasets[1]", problem.path());
    assertTrue(problem.message().contains("dataset 'orders' is defined twice (also at $.sources[0].datasets[0])"));
    ScenarioException generated = failure(BASE.replace("stores-{i}", "orders"  + "{i}").replace("- name: orders", "- name: orders1"));
    assertTrue(generated.getMessage().contains("dataset 'orders1' is defined twice"), generated.getMessage());
    ScenarioException labels = failure(BASE.replace("- name: retry-only", "- name: wlm"));
    assertTrue(labels.getMessage().contains("the label 'wlm' is used twice"), labels.getMessage());
  }

  @Test
  void aSharedJobMustBeDescribedOnce() {
    String yaml = BASE.replace("      - name: returns\n", "      - name: returns\n        job: {name: shared, workers: 2}\n"
        + "      - name: refunds\n        job: {name: shared, workers: 3}\n");
    ScenarioException e = failure(yaml);
    assertTrue(e.getMessage().contains("the job 'shared' is shared but described differently"), e.getMessage());
  }

  @Test
  void minItemsAboveMaxItemsIsRefused() {
    ScenarioException e = failure(BASE.replace("    duration: {fixed: 10m}\n",
        "    duration: {fixed: 10m}\n  stages:\n    B: {minItems: 50, maxItems: 10}\n"));
    assertEquals("$.defaults.stages.B.minItems", e.problems().get(0).path(), e.getMessage());
    assertTrue(e.problems().get(0).message().contains("minItems 50 is above maxItems 10"));
  }

  @Test
  void yamlSyntaxAndDuplicateKeysAreReportedWithTheLine() {
    ScenarioException syntax = failure(BASE.replace("  datasets:", "  datasets: [unclosed"));
    assertTrue(syntax.getMessage().startsWith("bad.yaml: 1 problem"), syntax.getMessage());
    assertTrue(syntax.problems().get(0).message().startsWith("not valid YAML"));
    assertTrue(syntax.problems().get(0).line() > 0);
    ScenarioException duplicate = failure(BASE.replace("horizon: 12h", "horizon: 12h\nhorizon: 6h"));
    assertTrue(duplicate.problems().get(0).message().contains("Duplicate field 'horizon'"), duplicate.getMessage());
    assertEquals(3, duplicate.problems().get(0).line());
  }

  @Test
  void anEmptyOrMissingFileIsRefused() {
    assertTrue(failure("").getMessage().contains("the file is empty"));
    ScenarioException missing = assertThrows(ScenarioException.class, () -> Scenario.load(dir.resolve("nope.yaml")));
    assertTrue(missing.getMessage().contains("$: no such file. Fix: check the path"), missing.getMessage());
  }

  @Test
  void arrivalFilesAreCheckedLineByLine() throws IOException {
    Files.writeString(dir.resolve("in.csv"), """
        time,dataset,objects
        1h,orders,2
        soon,orders
        2h,ordrs
        3h,orders,0
        13h,orders
        """);
    String yaml = BASE.replace("    burst: {at: 0s}", "    file: in.csv");
    ScenarioException e = assertThrows(ScenarioException.class, () -> Scenario.parse(yaml, "bad.yaml", dir));
    List<String> messages = e.problems().stream().map(Problem::message).toList();
    assertTrue(messages.contains("in.csv:3: 'soon' is not a duration; write it like 90s, 10m, 1h30m, 2d or 250ms"),
        messages.toString());
    assertTrue(messages.contains("in.csv:5: objects must be a positive integer, got '0'"), messages.toString());
    assertTrue(e.problems().stream().allMatch(p -> p.path().equals("$.arrivals[0].file")));
    ScenarioException missing = assertThrows(ScenarioException.class,
        () -> Scenario.parse(BASE.replace("    burst: {at: 0s}", "    file: absent.csv"), "bad.yaml", dir));
    assertTrue(missing.getMessage().contains("absent.csv: no such file. Fix: give a path relative"), missing.getMessage());

    Files.writeString(dir.resolve("in.csv"), "1h,orders,2\n2h,ordrs\n13h,orders\n");
    ScenarioException lines = assertThrows(ScenarioException.class, () -> Scenario.parse(yaml, "bad.yaml", dir));
    List<String> lineMessages = lines.problems().stream().map(Problem::message).toList();
    assertTrue(lineMessages.contains("in.csv:2: no dataset named 'ordrs'"), lineMessages.toString());
    assertTrue(lineMessages.contains("in.csv:3: 13h is not before the horizon 12h"), lineMessages.toString());
  }

  @Test
  void anAggregateReceivesNoObjects() {
    ScenarioException e = failure(BASE.replace("  - dataset: orders", "  - dataset: sales"));
    assertTrue(e.getMessage().contains("'sales' is an aggregate; aggregates receive no objects"), e.getMessage());
  }
}
