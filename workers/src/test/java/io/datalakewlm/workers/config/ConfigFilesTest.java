package io.datalakewlm.workers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.domain.DatasetConfig;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dataset configs and priority files: the shipped examples load, bad files say where and how to fix. */
class ConfigFilesTest {

  private static final Path EXAMPLES = Path.of("..", "dataset", "examples");

  private static ConfigProblem onlyProblem(Runnable load) {
    ConfigException e = assertThrows(ConfigException.class, load::run);
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void theShippedDatasetExamplesLoad() {
    DatasetConfig atomic = DatasetConfigFile.read(EXAMPLES.resolve("engineering-legislators.json"));
    assertEquals("engineering-legislators", atomic.name());
    assertEquals(100, atomic.maxItems("stage_b"));
    assertEquals(1, atomic.minItems("stage_b"));
    DatasetConfig aggregate = DatasetConfigFile.read(EXAMPLES.resolve("engineering-dependent.json"));
    assertEquals(Map.of("dataset1", "engineering-legislators", "dataset2", "engineering-politicians"),
        aggregate.dependencies());
    assertEquals("heavy_transform_blueprint", aggregate.transforms().get("stage_b_transform"));
    assertEquals(2, aggregate.retryCount(), "a config without retry_count checks twice more");
  }

  @Test
  void theAggregateDatasetTemplateLoadsWithItsRetryCount() {
    DatasetConfig template = DatasetConfigFile.read(Path.of("..", "dataset", "aggregate-dataset.json"));
    assertTrue(template.isAggregate());
    assertEquals(3, template.retryCount());
  }

  @Test
  void aNegativeRetryCountNamesThePathAndTheFix() {
    ConfigProblem p = onlyProblem(() -> DatasetConfigFile.parse(
        "{\"name\": \"eng-agg\", \"pipeline\": \"aggregate\", \"version\": 1, \"retry_count\": -1}", "agg.json"));
    assertEquals("$.retry_count", p.path());
    assertTrue(p.fix().contains("an integer >= 0 (default 2)"), p.fix());
  }

  @Test
  void aDatasetWithoutACrawlerSaysSoAndABadFlagIsExplained() {
    String base = "{\"name\": \"web-logs\", \"pipeline\": \"main\", \"version\": 1";
    assertTrue(DatasetConfigFile.parse(base + "}", "logs.json").crawlerEnabled(), "a crawler unless told otherwise");
    assertFalse(DatasetConfigFile.parse(base + ", \"crawler\": {\"enabled\": false}}", "logs.json").crawlerEnabled());
    ConfigProblem p = onlyProblem(() -> DatasetConfigFile.parse(base + ", \"crawler\": {\"enabled\": \"no\"}}",
        "logs.json"));
    assertEquals("$.crawler.enabled", p.path());
    assertTrue(p.toString().startsWith("logs.json: $.crawler.enabled: "), p.toString());
    assertTrue(p.fix().contains("false for a dataset whose pipeline runs no crawler"), p.fix());
  }

  @Test
  void aBadBatchBoundNamesTheFileThePathAndTheFix() {
    String text = """
        {"name": "eng-orders", "pipeline": "main", "version": 1, "max_items_process": {"stage_b": 0}}
        """;
    ConfigProblem p = onlyProblem(() -> DatasetConfigFile.parse(text, "dataset/eng-orders.json"));
    assertEquals("dataset/eng-orders.json", p.file());
    assertEquals("$.max_items_process.stage_b", p.path());
    assertTrue(p.problem().contains("1"), p.toString());
    assertTrue(p.fix().contains("an integer from 1 to 10000"), p.toString());
    assertTrue(p.toString().startsWith("dataset/eng-orders.json: $.max_items_process.stage_b: "), p.toString());
  }

  @Test
  void aMissingPropertyIsNamedWithTheDescriptionOfWhatToWrite() {
    ConfigProblem p = onlyProblem(() -> DatasetConfigFile.parse("{\"name\": \"eng-orders\", \"version\": 2}", "f.json"));
    assertEquals("$.pipeline", p.path());
    assertEquals("required property 'pipeline' is missing", p.problem());
    assertTrue(p.fix().contains("SDLF pipeline"), p.fix());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e = assertThrows(ConfigException.class, () -> DatasetConfigFile.parse(
        "{\"name\": \"noteam\", \"pipeline\": \"\", \"version\": 0, \"dependencies\": {\"a\": 3}}", "f.json"));
    assertEquals(List.of("$.dependencies.a", "$.name", "$.pipeline", "$.version"),
        e.problems().stream().map(ConfigProblem::path).distinct().toList());
    assertTrue(e.problems().stream().filter(p -> p.path().equals("$.name")).allMatch(p -> p.fix().contains("<team>-<dataset>")));
  }

  @Test
  void minAboveMaxAndSelfDependencyAreRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> DatasetConfigFile.parse("""
        {"name": "eng-agg", "pipeline": "aggregate", "version": 1,
         "max_items_process": {"stage_b": 5}, "min_items_process": {"stage_b": 6},
         "dependencies": {"self": "eng-agg"}}
        """, "agg.json"));
    assertEquals(List.of("$.min_items_process.stage_b", "$.dependencies.self"),
        e.problems().stream().map(ConfigProblem::path).toList());
    assertTrue(e.problems().get(0).fix().contains("raise max_items_process.stage_b"));
  }

  @Test
  void anAggregateWithoutDependenciesNamesThePathAndTheFix() {
    ConfigProblem missing = onlyProblem(() -> DatasetConfigFile.parse(
        "{\"name\": \"eng-agg\", \"pipeline\": \"aggregate\", \"version\": 1}", "dataset/agg.json"));
    assertEquals("dataset/agg.json", missing.file());
    assertEquals("$", missing.path());
    assertTrue(missing.problem().contains("aggregate dataset with no dependencies"), missing.problem());
    assertTrue(missing.fix().contains("\"dependencies\""), missing.fix());
    ConfigProblem empty = onlyProblem(() -> DatasetConfigFile.parse(
        "{\"name\": \"eng-agg\", \"pipeline\": \"aggregate\", \"version\": 1, \"dependencies\": {}}", "agg.json"));
    assertEquals("$.dependencies", empty.path());
  }

  @Test
  void aSyntaxErrorGivesLineAndColumn() {
    ConfigProblem p = onlyProblem(() -> DatasetConfigFile.parse("{\n  \"name\": \"a-b\",\n}", "broken.json"));
    assertEquals("$", p.path());
    assertTrue(p.problem().contains("line 3"), p.problem());
  }

  @Test
  void theShippedPriorityFileLoadsWithAliasesAndSources() {
    PriorityFile file = PriorityFile.read(EXAMPLES.resolve("priorities.json"), null);
    assertEquals(PriorityFile.Shape.CURRENT, file.shape());
    Map<String, PriorityEntry> byName = file.entries().stream()
        .collect(java.util.stream.Collectors.toMap(PriorityEntry::name, e -> e));
    assertEquals(new PriorityEntry("engineering", new Priority(3), 2.0, 10, null), byName.get("engineering"));
    assertEquals(Priority.HIGH, byName.get("engineering-legislators").priority());
    assertEquals(Priority.LOW, byName.get("marketing").priority());
    assertEquals("web", byName.get("marketing-clickstream").source());
    assertEquals(0.5, byName.get("web").weight());
  }

  @Test
  void theOldSdlfPriorityFileNeedsItsTeam() {
    Path old = EXAMPLES.resolve("wlm-team-dataset-tables-priority.json");
    ConfigProblem p = onlyProblem(() -> PriorityFile.read(old, null));
    assertTrue(p.fix().contains("--team"), p.fix());
    PriorityFile file = PriorityFile.read(old, "engineering");
    assertEquals(PriorityFile.Shape.LEGACY, file.shape());
    assertEquals(List.of(
        new PriorityEntry("engineering-legislators-persons", Priority.HIGH, null, null, null),
        new PriorityEntry("engineering-legislators-memberships", Priority.LOW, null, null, null),
        new PriorityEntry("engineering-politicians-parties", Priority.LOW, null, null, null)), file.entries());
  }

  @Test
  void aBadPriorityIsExplained() {
    ConfigException e = assertThrows(ConfigException.class, () -> PriorityFile.parse(
        "{\"entries\": {\"eng\": {\"priority\": \"URGENT\", \"wieght\": 2}}}", "prio.json", null));
    assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("$.entries.eng.priority")
        && p.fix().contains("HIGH (= 1) or LOW (= 5)")), e.getMessage());
    assertTrue(e.problems().stream().anyMatch(p -> p.problem().contains("wieght")), e.getMessage());
    ConfigProblem old = onlyProblem(() -> PriorityFile.parse("{\"ds\": [{\"table_name\": \"t\", \"priority\": \"MEDIUM\"}]}",
        "old.json", "eng"));
    assertEquals("$.ds[0].priority", old.path());
    assertTrue(old.fix().contains("HIGH or LOW"), old.fix());
  }
}
