package io.datalakewlm.simulator.report;

import static io.datalakewlm.simulator.report.ReportFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-source and per-wave figures, on the hand-made day of {@link ReportFixtures} and on a simulated one. */
class SourcesAndWavesTest {

  private static Report handMade() {
    Scenario scenario = ReportFixtures.scenario();
    return Report.of(scenario, List.of(ReportFixtures.noWlm(scenario), ReportFixtures.wlm(scenario)),
        Duration.ofMinutes(15));
  }

  @Test
  void eachSourceHasItsOutcomesWaitsLastLandingAndShares() {
    Figures wlm = handMade().figures("wlm");
    SourceFigures big = wlm.source("big");
    assertEquals(6, big.arrived());
    assertEquals(6, big.landed());
    // waits 0, 0, 0, 0, 600, 600: nearest rank 3 of 6 is 0, rank 6 of 6 is 600
    assertEquals(0.0, big.p50Seconds());
    assertEquals(600.0, big.p95Seconds());
    assertEquals(600.0, big.maxSeconds());
    assertEquals(at(1200), big.lastLandedMillis());
    // two job runs for 1,200 s against small's one of 270 s
    assertEquals(2400.0, big.jobRunSeconds(), 1e-9);
    assertEquals(2400.0 / 2670, big.runShare(), 1e-9);
    assertEquals(1.0 / 3, big.weightShare(), 1e-9);
    SourceFigures small = wlm.source("small");
    assertEquals(60.0, small.maxSeconds());
    assertEquals(at(2130), small.lastLandedMillis());
    assertEquals(2.0 / 3, small.weightShare(), 1e-9);
  }

  @Test
  void failedAndLostObjectsCountAgainstTheirSourceAndHaveNoWait() {
    SourceFigures big = handMade().figures("no-wlm").source("big");
    assertEquals(2, big.landed());
    assertEquals(4, big.failed(), "three failed, one lost");
    assertEquals(0.0, big.maxSeconds(), "only the two landed objects have a wait");
    assertEquals(at(600), big.lastLandedMillis());
  }

  @Test
  void aWaveIsDoneWhenItsLastObjectLandedAndNotBeforeEveryOneDid() {
    Report report = handMade();
    ArrivalWave burst = report.figures("wlm").waves().get(0);
    assertEquals("big", burst.target());
    assertEquals("burst", burst.kind());
    assertEquals(6, burst.objects());
    assertEquals(at(1200), burst.doneMillis());
    assertEquals(600.0, burst.p95Seconds());
    ArrivalWave s1 = report.figures("wlm").waves().get(1);
    assertEquals(1, s1.objects());
    assertEquals(at(2130), s1.doneMillis());
    assertEquals(60.0, s1.p95Seconds());
    ArrivalWave dropped = report.figures("no-wlm").waves().get(0);
    assertEquals(-1, dropped.doneMillis(), "four of its objects never landed");
    assertEquals(at(600), dropped.lastLandedMillis());
    assertEquals(4, dropped.failed());
  }

  @Test
  void theTableAndTheJsonCarryTheNewSections() throws Exception {
    Report report = handMade();
    String table = TableReport.render(report);
    assertTrue(table.contains("Per source"), table);
    assertTrue(table.lines().anyMatch(l -> l.matches("\\s+big \\(weight 1\\): landed\\s+2 of 6 ! 4 failed\\s+6 of 6\\s*")),
        table);
    assertTrue(table.lines().anyMatch(l -> l.matches("\\s+big 00:00 burst, 6 objects: done\\s+4 not landed\\s+00:20\\s*")),
        table);
    JsonNode json = new ObjectMapper().readTree(JsonReport.render(report));
    JsonNode wlm = json.path("strategies").get(1);
    assertEquals("2025-01-06T00:35:30Z", wlm.path("sources").get(1).path("lastLanded").asText());
    assertEquals(600.0, wlm.path("waves").get(0).path("p95Seconds").asDouble());
    assertEquals("2025-01-06T00:20:00Z", wlm.path("waves").get(0).path("done").asText());
    assertTrue(json.path("strategies").get(0).path("waves").get(0).path("done").isNull());
  }

  @Test
  void theHtmlHasATableForSourcesAndWaves() throws Exception {
    String html = HtmlReport.render(handMade());
    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(html.contains("<h2>Per source (job-run share of the run / share its weight asks)</h2>"), html);
    assertTrue(html.contains("<tr><td>big 00:00 burst, 6 objects: done; p95 wait</td><td class=\"bad\">4 not landed; 0s</td>"
        + "<td>00:20; 10m</td></tr>"), html);
  }

  /**
   * Four one-object datasets per source, 10-minute jobs, room for eight runs at once: the source
   * capped at one batch in flight lands its four objects one after the other, so its last object
   * waits at least three jobs' time while the uncapped source's objects start at once.
   */
  @Test
  void aSourceCappedByMaxInFlightShowsItsLongWait() {
    Scenario day = Scenario.parse("""
        name: capped
        seed: 1
        start: 2025-01-06T00:00:00Z
        horizon: 6h
        quotas: {glueAccountConcurrentRuns: 8}
        defaults:
          job: {duration: 10m, perObject: 0s}
          crawler: {enabled: false}
          stages: {B: {minItems: 1, maxItems: 1}}
        sources:
          - name: capped
            maxInFlight: 1
            datasets: [{name: c1}, {name: c2}, {name: c3}, {name: c4}]
          - name: free
            datasets: [{name: f1}, {name: f2}, {name: f3}, {name: f4}]
        arrivals:
          - source: capped
            burst: {at: 1h, objects: 1}
          - source: free
            burst: {at: 1h, objects: 1}
        strategies:
          - name: wlm
        """, "capped.yaml", Path.of("."));
    Simulation.Result result = Simulation.run(day, Progress.NONE);
    Figures wlm = Report.of(result).figures("wlm");
    SourceFigures capped = wlm.source("capped");
    SourceFigures free = wlm.source("free");
    assertEquals(4, capped.landed());
    assertEquals(4, free.landed());
    assertTrue(capped.maxSeconds() >= 3 * 600, "capped max wait " + capped.maxSeconds());
    assertTrue(free.maxSeconds() < 600, "free max wait " + free.maxSeconds());
    assertTrue(capped.lastLandedMillis() - free.lastLandedMillis() >= 3 * 600_000,
        "the capped source finishes three jobs later");
    StrategyRun run = result.runs().get(0);
    for (ArrivalWave wave : wlm.waves()) {
      long last = run.objects().stream().filter(o -> o.source().equals(wave.target()))
          .mapToLong(ObjectRecord::landedMillis).max().orElseThrow();
      assertEquals(last, wave.doneMillis(), "a wave's done time is its last landing");
      assertTrue(run.objects().stream().filter(o -> o.source().equals(wave.target()))
          .allMatch(o -> o.outcome() == ObjectOutcome.COMPLETED));
    }
    assertNull(wlm.source("nobody"));
  }
}
