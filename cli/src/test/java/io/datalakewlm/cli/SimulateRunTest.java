package io.datalakewlm.cli;

import static io.datalakewlm.cli.SimulateCommandTest.TINY;
import static io.datalakewlm.cli.SimulateCommandTest.wlm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.cli.SimulateCommandTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wlm simulate} running the strategies on the tiny day. */
class SimulateRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theTableComparesEveryStrategyAndExitsZero() {
    Result result = wlm("simulate", TINY.toString(), "--no-progress");
    assertEquals(0, result.exitCode(), result.err());
    String header = result.out().lines().filter(l -> l.contains("no-wlm") && l.contains("retry-only")).findFirst()
        .orElseThrow(() -> new AssertionError(result.out()));
    assertTrue(header.contains("wlm"), header);
    assertTrue(result.out().contains("Makespan lower bound"), result.out());
    assertTrue(result.out().contains("refused at a limit, all APIs"), result.out());
    result.out().lines().forEach(l -> assertTrue(l.length() <= 100, "too wide: " + l));
  }

  @Test
  void theWorkersStateOnDynaliteGivesTheSameDayAsInMemory() throws Exception {
    Result memory = wlm("simulate", TINY.toString(), "--json", "--strategy", "wlm");
    Result dynamo = wlm("simulate", TINY.toString(), "--json", "--strategy", "wlm", "--dynalite");
    assertEquals(0, dynamo.exitCode(), dynamo.err());
    JsonNode inMemory = JSON.readTree(memory.out()).get("strategies").get(0);
    JsonNode onDynalite = JSON.readTree(dynamo.out()).get("strategies").get(0);
    assertEquals(inMemory.get("objects"), onDynalite.get("objects"));
    assertEquals(inMemory.get("makespanSeconds"), onDynalite.get("makespanSeconds"));
    assertTrue(onDynalite.get("dynamoWrites").asLong() > 0, "the workers wrote to dynalite");
  }

  @Test
  void dynaliteAndAnEndpointTogetherAreRefused() {
    Result result = wlm("simulate", TINY.toString(), "--dynalite", "--dynamodb-endpoint", "http://127.0.0.1:1");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("not both"), result.err());
  }

  @Test
  void jsonParsesAndNoWlmIsRefusedWhereWlmIsNot() throws Exception {
    Result result = wlm("simulate", TINY.toString(), "--json");
    assertEquals(0, result.exitCode(), result.err());
    JsonNode json = JSON.readTree(result.out());
    assertEquals("tiny-day", json.at("/scenario/name").asText());
    assertEquals(34, json.at("/scenario/objects").asInt());
    JsonNode strategies = json.get("strategies");
    assertEquals(List.of("no-wlm", "retry-only", "wlm"),
        List.of(strategies.get(0).get("label").asText(), strategies.get(1).get("label").asText(),
            strategies.get(2).get("label").asText()));
    assertTrue(strategies.get(0).get("limitErrors").asLong() > 0, "no-wlm hits the limits");
    JsonNode wlm = strategies.get(2);
    assertEquals(0, wlm.get("limitErrors").asLong());
    assertEquals(34, wlm.at("/objects/completed").asInt());
    assertEquals(0, wlm.at("/objects/failed").asInt() + wlm.at("/objects/lost").asInt());
  }

  @Test
  void aSweepPrintsOneRowPerValue() {
    Result result = wlm("simulate", TINY.toString(), "--sweep", "strategies.wlm.maxConcurrency=2,5", "--strategy", "wlm");
    assertEquals(0, result.exitCode(), result.err());
    List<String> rows = result.out().lines().filter(l -> l.matches("^(2|5)\\s+wlm\\s.*")).toList();
    assertEquals(2, rows.size(), result.out());
    assertTrue(rows.get(0).startsWith("2 "), result.out());
  }

  @Test
  void htmlIsWrittenBesideTheTable() throws Exception {
    Path page = dir.resolve("report.html");
    Result result = wlm("simulate", TINY.toString(), "--html", page.toString(), "--seed", "3");
    assertEquals(0, result.exitCode(), result.err());
    String html = Files.readString(page);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("wlm: running job runs per source"), "the running-jobs chart has a wlm panel");
    assertTrue(result.out().contains("HTML report written to " + page), result.out());
    assertTrue(result.out().contains("seed 3"), result.out());
  }
}
