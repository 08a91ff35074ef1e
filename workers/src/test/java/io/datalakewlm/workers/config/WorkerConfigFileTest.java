package io.datalakewlm.workers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.handler.HandlerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config of `wlm workers`: the shipped example loads, defaults are filled in, bad files say where and how to fix. */
class WorkerConfigFileTest {

  private static ConfigProblem onlyProblem(String yaml) {
    ConfigException e = assertThrows(ConfigException.class, () -> WorkerConfigFile.parse(yaml, "workers.yaml"));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void theShippedExampleLoads() {
    WorkerConfig c = WorkerConfigFile.read(Path.of("examples", "workers.yaml"));
    assertEquals("dev", c.environment());
    assertEquals("eu-west-1", c.region());
    assertEquals("123456789012", c.accountId());
    assertEquals(HandlerRegistry.NAMES, c.activities().stream().map(WorkerConfig.Activity::handler).toList());
    WorkerConfig.Activity select = c.activities().get(1);
    assertEquals("SelectBatch", select.handler());
    assertEquals(4, select.pollers());
    assertEquals(16, select.maxConcurrent());
    assertEquals("wlm-SelectBatch-dev", select.nameIn(c.environment()));
    assertEquals(Duration.ofSeconds(80), c.drainTimeout());
    assertNull(c.dynamoDbEndpoint());
  }

  @Test
  void onlyTheEnvironmentIsNeededAndEveryHandlerIsServedByDefault() {
    WorkerConfig c = WorkerConfigFile.parse("environment: prod\n", "w.yaml");
    assertEquals(13, c.activities().size());
    assertTrue(c.activities().stream().allMatch(a -> a.pollers() == 2 && a.maxConcurrent() == 4 && a.arn() == null));
    assertEquals("prod", c.tables());
    assertEquals(Duration.ofSeconds(20), c.heartbeatInterval());
    assertEquals(Duration.ofMinutes(1), c.settings().configCacheTtl());
    assertEquals(c, WorkerConfigFile.defaults("prod"));
  }

  @Test
  void jsonIsReadToo() {
    WorkerConfig c = WorkerConfigFile.parse("""
        {"environment": "dev", "dynamoDb": {"endpoint": "http://127.0.0.1:4567", "createTables": true},
         "activities": {"Reap": {"name": "my-reaper", "pollers": 1}}, "worker": {"name": "w-1"}}
        """, "w.json");
    assertEquals(URI.create("http://127.0.0.1:4567"), c.dynamoDbEndpoint());
    assertTrue(c.createTables());
    assertEquals(1, c.activities().size());
    assertEquals("my-reaper", c.activities().get(0).nameIn("dev"));
    assertEquals(2, c.activities().get(0).maxConcurrent());
    assertEquals("w-1", c.workerName());
  }

  @Test
  void commandLineOverridesFollowTheDerivedNames() {
    WorkerConfig c = WorkerConfigFile.parse("environment: dev\ndynamoDb: {dynalite: true}\n", "w.yaml")
        .withOverrides("test", null, URI.create("http://127.0.0.1:8083"), URI.create("http://127.0.0.1:4567"), null);
    assertEquals("test", c.tables());
    assertEquals("wlm-Fail-test", c.activities().get(6).nameIn(c.environment()));
    assertFalse(c.dynalite(), "an endpoint given on the command line replaces the file's dynalite");
    assertEquals(URI.create("http://127.0.0.1:4567"), c.dynamoDbEndpoint());
  }

  @Test
  void anUnknownHandlerIsNamedWithTheListOfHandlers() {
    ConfigProblem p = onlyProblem("environment: dev\nactivities:\n  Selectbatch: {}\n");
    assertTrue(p.path().startsWith("$.activities"), p.toString());
    assertTrue(p.problem().contains("Selectbatch"), p.toString());
    assertTrue(p.fix().contains("SelectBatch") && p.fix().contains("case matters"), p.toString());
  }

  @Test
  void anUnquotedAccountIdIsRefusedWithTheAdviceToQuoteIt() {
    ConfigProblem p = onlyProblem("environment: dev\nstepFunctions:\n  accountId: 123456789012\n");
    assertEquals("workers.yaml: $.stepFunctions.accountId: ", p.toString().substring(0, 41));
    assertTrue(p.fix().contains("quoted in YAML"), p.toString());
  }

  @Test
  void aMisspelledKeyIsNamed() {
    ConfigProblem p = onlyProblem("environment: dev\nworker:\n  heartbeatSecond: 5\n");
    assertTrue(p.path().startsWith("$.worker"), p.toString());
    assertTrue(p.problem().contains("heartbeatSecond"), p.toString());
  }

  @Test
  void fewerSlotsThanPollersAndArnWithNameAndDynaliteWithEndpointAreReportedTogether() {
    ConfigException e = assertThrows(ConfigException.class, () -> WorkerConfigFile.parse("""
        environment: dev
        dynamoDb: {endpoint: 'http://localhost:4567', dynalite: true}
        activities:
          AcquireSlot: {pollers: 4, maxConcurrent: 2}
          Reap: {arn: 'arn:aws:states:eu-west-1:123456789012:activity:r', name: r}
        """, "w.yaml"));
    List<String> paths = new ArrayList<>(e.problems().stream().map(ConfigProblem::path).toList());
    assertEquals(List.of("$.activities.AcquireSlot.maxConcurrent", "$.activities.Reap", "$.dynamoDb.dynalite"), paths);
    assertTrue(e.problems().get(0).fix().contains("at least pollers"), e.getMessage());
  }

  @Test
  void aYamlSyntaxErrorHasItsLine() {
    ConfigProblem p = onlyProblem("environment: dev\nworker:\n  pollers: [1\n");
    assertEquals("$", p.path());
    assertTrue(p.problem().startsWith("at line 4, column 1: not valid YAML: a '[' list that is not closed"),
        p.toString());
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    ConfigProblem p = onlyProblem("environment: dev\nregion: eu-west-1\nenvironment: prod\n");
    assertTrue(p.problem().contains("the key 'environment' is given twice"), p.toString());
  }

  @Test
  void aMissingEnvironmentAndAnEmptyFileAreRefused() {
    assertEquals("$.environment", onlyProblem("region: eu-west-1\n").path());
    assertTrue(onlyProblem("").fix().contains("environment: dev"));
  }

  @Test
  void theSchemaListsExactlyTheRegisteredHandlers() throws IOException {
    try (InputStream in = WorkerConfigFile.class.getResourceAsStream(WorkerConfigFile.SCHEMA)) {
      JsonNode names = new ObjectMapper().readTree(in).at("/properties/activities/propertyNames/enum");
      List<String> listed = new ArrayList<>();
      names.forEach(n -> listed.add(n.asText()));
      assertEquals(HandlerRegistry.NAMES, listed);
    }
  }
}
