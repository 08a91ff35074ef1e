package io.datalakewlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.scenario.KnobTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wlm simulate}'s refusals: everything wrong with the input is reported before anything runs. */
class SimulateCommandTest {
  static final Path TINY = Path.of("src/test/resources/simulate/tiny-day.yaml");

  @TempDir Path dir;

  record Result(int exitCode, String out, String err) {}

  static Result wlm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Wlm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void listKnobsPrintsTheKnobTableAndExitsZero() {
    Result result = wlm("simulate", "--list-knobs");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(KnobTable.markdown(), result.out());
    assertEquals("", result.err());
    assertTrue(result.out().contains("| `strategies.wlm.maxConcurrency` |"), result.out());
    assertTrue(wlm("--help").out().contains("--list-knobs"), "wlm --help names it");
  }

  @Test
  void noScenarioExitsTwoSayingWhatToGive() {
    Result result = wlm("simulate");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().startsWith("wlm simulate: give a SCENARIO file"), result.err());
    assertEquals("", result.out());
  }

  @Test
  void anUnknownSetKeyExitsTwoNamingTheKeyAndTheFix() {
    Result result = wlm("simulate", TINY.toString(), "--set", "strategies.wlm.maxConcurency=20");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("strategies.wlm.maxConcurency"), result.err());
    assertTrue(result.err().contains("did you mean 'maxConcurrency'?"), result.err());
    assertEquals("", result.out());
  }

  @Test
  void aValueTheScenarioRefusesExitsTwoWithTheScenariosMessage() {
    Result result = wlm("simulate", TINY.toString(), "--set", "quotas.glueAccountConcurrentRuns=0");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("$.quotas.glueAccountConcurrentRuns: 0 is too small (set by --set quotas.glueAccountConcurrentRuns=0)"),
        result.err());
  }

  @Test
  void aBadSweepValueIsRefusedBeforeAnyRun() {
    Result result = wlm("simulate", TINY.toString(), "--sweep", "quotas.glueAccountConcurrentRuns=5,0");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("0 is too small"), result.err());
    assertEquals("", result.out());
  }

  @Test
  void settingsThatAreNotKeyValueAreRefused() {
    Result result = wlm("simulate", TINY.toString(), "--set", "maxConcurrency");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("'maxConcurrency' is not key=value"), result.err());
  }

  @Test
  void anUnknownStrategyLabelIsRefusedWithTheKnownOnes() {
    Result result = wlm("simulate", TINY.toString(), "--strategy", "wlm-2");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("no strategy labelled 'wlm-2'; its strategies are [no-wlm, retry-only, wlm]"), result.err());
  }

  @Test
  void aBrokenScenarioFileExitsTwoWithFileLineAndFix() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(TINY).replace("priority: HIGH", "priority: 12"));
    Result result = wlm("simulate", bad.toString());
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("bad.yaml:25: $.sources[1].priority: 12"), result.err());
  }

  @Test
  void aMissingFileExitsTwo() {
    Result result = wlm("simulate", dir.resolve("nothing.yaml").toString());
    assertEquals(2, result.exitCode());
    assertEquals("wlm simulate: " + dir.resolve("nothing.yaml") + ": no such file (check the path and the working "
        + "directory)", result.err().strip());
  }

  @Test
  void htmlWithASweepOrIntoAMissingFolderIsRefusedBeforeRunning() {
    Result sweep = wlm("simulate", TINY.toString(), "--sweep", "strategies.wlm.maxConcurrency=2,5", "--html",
        dir.resolve("r.html").toString());
    assertEquals(2, sweep.exitCode());
    assertTrue(sweep.err().contains("--html draws one run's charts"), sweep.err());
    Result folder = wlm("simulate", TINY.toString(), "--html", dir.resolve("no/such/r.html").toString());
    assertEquals(2, folder.exitCode());
    assertTrue(folder.err().contains("cannot be written: no such directory " + dir.resolve("no/such")), folder.err());
    assertFalse(Files.exists(dir.resolve("r.html")));
  }

  @Test
  void aScenarioWithoutStrategiesTakesASetOfOneOfTheFourByName() throws IOException {
    String text = Files.readString(TINY);
    Path bare = Files.writeString(dir.resolve("bare.yaml"), text.substring(0, text.indexOf("strategies:")));
    Result result = wlm("simulate", bare.toString(), "--set", "strategies.wlm.maxConcurrency=3", "--strategy", "wlm",
        "--no-progress");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("Overrides: strategies.wlm.maxConcurrency=3"), result.out());
  }

  @Test
  void everyBadValueOfASweepIsListedUnderItsOwnName() {
    Result result = wlm("simulate", TINY.toString(), "--sweep", "strategies.wlm.maxConcurrency=10,abc,-1");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("--sweep strategies.wlm.maxConcurrency=abc: is a string"), result.err());
    assertTrue(result.err().contains("--sweep strategies.wlm.maxConcurrency=-1: -1 is too small"), result.err());
    assertFalse(result.err().contains("--set"), result.err());
  }
}
