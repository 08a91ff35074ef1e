package io.datalakewlm.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.simulator.aws.CostUnit;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The table, JSON, HTML, sweep and progress renderers on the hand-computed day. */
class RenderersTest {
  private final Scenario scenario = ReportFixtures.scenario();
  private final Report report = Report.of(scenario,
      List.of(ReportFixtures.noWlm(scenario), ReportFixtures.wlm(scenario)), Duration.ofMinutes(15));

  /** The cells of the table row whose label is {@code label}, split on runs of two spaces. */
  private static List<String> row(String table, String label) {
    return row(table, null, label);
  }

  /** The cells of the first row labelled {@code label} after the row labelled {@code after}. */
  private static List<String> row(String table, String after, String label) {
    boolean seen = after == null;
    for (String line : table.split("\n")) {
      seen |= line.stripLeading().startsWith(after + "  ");
      if (!seen) {
        continue;
      }
      if (line.stripLeading().startsWith(label + "  ")) {
        List<String> cells = new ArrayList<>(List.of(line.strip().split(" {2,}")));
        cells.remove(0);
        return cells;
      }
    }
    throw new AssertionError("no row " + label + " in\n" + table);
  }

  @Test
  void theTableShowsEachFigureSideBySideWithinAHundredColumns() {
    String table = TableReport.render(report);
    for (String line : table.split("\n")) {
      assertTrue(line.length() <= TableReport.WIDTH, "too wide: " + line);
    }
    assertTrue(table.contains("Makespan lower bound 34m 30s (from mean durations):\n"
        + "  work ÷ 2 account job runs 32m 15s, critical path 34m 30s (job s1)\n"),
        table);
    assertEquals(List.of("no-wlm", "wlm"), headers(table));
    assertEquals(List.of("3", "7"), row(table, "landed"));
    assertEquals(List.of("! 3", "0"), row(table, "failed"));
    assertEquals(List.of("! 1", "0"), row(table, "lost"));
    assertEquals(List.of("3", "–"), row(table, "Glue.ConcurrentRunsExceededException"));
    assertEquals(List.of("34m 30s", "35m 30s"), row(table, "makespan"));
    assertEquals(List.of("n/a", "1.03"), row(table, "÷ lower bound 34m 30s (if all landed)"));
    assertEquals(List.of("2 of 6", "6 of 6"), row(table, "priority 5: landed"));
    assertEquals(List.of("0s", "10m"), row(table, "priority 5: landed", "p95"));
    assertEquals(List.of("! 3", "0"), row(table, "ConcurrentRunsExceededException"));
    assertEquals(List.of("1", "0"), row(table, "EntityNotFoundException"));
    assertEquals(List.of("! 4", "0"), row(table, "refused at a limit, all APIs"));
    assertEquals(List.of("2 / 2 *", "2 / 2 *"), row(table, "glue:account/concurrent-job-runs"));
    assertEquals(List.of("3 of 3", "3 of 3"), row(table, "at their limit"));
    assertEquals(List.of("–", "7"), row(table, "maxConcurrency"));
    assertEquals(List.of("0", Integer.toString(report.figures("wlm").knobs().size() - 1)), row(table, "others at their defaults"));
    assertEquals(List.of("no contention", "no contention"), row(table, "mean"));
    assertEquals(List.of("$1.80", "$5.04"), row(table, "cost, total"));
  }

  private static List<String> headers(String table) {
    return List.of(table.lines().filter(l -> l.startsWith("     ")).findFirst().orElseThrow().strip().split(" {2,}"));
  }

  @Test
  void strategiesThatDoNotFitSideBySideGoToAnotherBlock() {
    List<io.datalakewlm.simulator.run.StrategyRun> runs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      runs.add(i % 2 == 0 ? ReportFixtures.noWlm(scenario) : ReportFixtures.wlm(scenario));
    }
    String table = TableReport.render(Report.of(scenario, runs, Duration.ofMinutes(15)));
    for (String line : table.split("\n")) {
      assertTrue(line.length() <= TableReport.WIDTH, "too wide: " + line);
    }
    assertTrue(table.split("\n  landed ", -1).length - 1 >= 2, "the rows repeat in a second block:\n" + table);
  }

  @Test
  void theJsonHasStableFieldsAndNumbersAsNumbers() throws Exception {
    JsonNode json = new ObjectMapper().readTree(JsonReport.render(report));
    assertEquals("tiny", json.at("/scenario/name").asText());
    assertEquals(7, json.at("/scenario/objects").asInt());
    assertTrue(json.at("/lowerBound/seconds").isNumber());
    assertEquals(2_070, json.at("/lowerBound/seconds").asDouble(), 1e-9);
    assertEquals("s1", json.at("/lowerBound/criticalJob").asText());
    assertEquals(900, json.at("/fairnessWindowSeconds").asInt());
    JsonNode noWlm = json.at("/strategies/0");
    assertEquals("no-wlm", noWlm.get("label").asText());
    assertEquals(3, noWlm.at("/objects/failed").asInt());
    assertEquals(1, noWlm.at("/objects/lost").asInt());
    assertEquals(3, noWlm.at("/failureReasons/Glue.ConcurrentRunsExceededException").asInt());
    assertEquals(4, noWlm.get("limitErrors").asInt());
    assertEquals("glue:GetJobRun", noWlm.at("/apis/0/api").asText());
    assertEquals(3, noWlm.at("/apis/1/errors/ConcurrentRunsExceededException").asInt());
    JsonNode wlm = json.at("/strategies/1");
    assertTrue(wlm.get("makespanSeconds").isNumber());
    assertEquals(2_130, wlm.get("makespanSeconds").asDouble(), 1e-9);
    assertEquals(600, wlm.at("/waits/1/p95Seconds").asDouble(), 1e-9);
    assertEquals(5, wlm.at("/waits/1/priority").asInt());
    assertTrue(wlm.at("/fairness/mean").isNull());
    assertEquals(0, wlm.at("/fairness/contestedWindows").asInt());
    assertEquals(2, wlm.at("/peaks/0/limit").asInt());
    assertEquals(1_000, wlm.get("transitions").asLong());
    assertEquals(7.416667, wlm.get("glueJobDpuHours").asDouble(), 1e-6);
    assertEquals(5.038333, wlm.at("/cost/totalUsd").asDouble(), 1e-6);
    assertEquals(7, wlm.at("/knobs/maxConcurrency").asInt());
    assertTrue(wlm.at("/knobs/maxConcurrency").isNumber(), "a knob's number is a JSON number");
    assertEquals("maxConcurrency", wlm.at("/changedKnobs/0").asText());
    assertEquals(1, wlm.get("changedKnobs").size());
  }

  @Test
  void theHtmlIsWellFormedWithAChartPerStrategyAndItsSeries() throws Exception {
    String html = HtmlReport.render(report);
    assertFalse(html.contains("<script"), "no scripts");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    NodeList svgs = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
    // running jobs and queue depth per strategy, and one waits chart
    assertEquals(5, svgs.getLength());
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < svgs.getLength(); i++) {
      titles.add(((Element) svgs.item(i)).getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent());
    }
    assertEquals(List.of("Running job runs per source: no-wlm", "Running job runs per source: wlm",
        "Queue depth per priority: no-wlm", "Queue depth per priority: wlm", "Waits per priority"), titles);
    Element wlmJobs = (Element) svgs.item(1);
    assertEquals(1, classed(wlmJobs, "polygon", "source-big"));
    assertEquals(1, classed(wlmJobs, "polygon", "source-small"));
    assertEquals(1, classed(wlmJobs, "line", "limit"));
    assertTrue(wlmJobs.getTextContent().contains("00:30"), "time labels on the axis");
    Element wlmQueue = (Element) svgs.item(3);
    assertEquals(1, classed(wlmQueue, "polyline", "priority-1"));
    assertEquals(1, classed(wlmQueue, "polyline", "priority-5"));
    assertTrue(svgs.item(2).getTextContent().contains("no object was waiting at any sample"));
    Element waits = (Element) svgs.item(4);
    // priority 1 and 5, two strategies each
    assertEquals(4, classed(waits, "rect", "p95"));
    assertTrue(waits.getTextContent().contains("p50 1m, p95 1m, max 1m"));
  }

  // How many elements named `tag` carry the class `cssClass`.
  private static int classed(Element root, String tag, String cssClass) {
    NodeList nodes = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
    int n = 0;
    for (int i = 0; i < nodes.getLength(); i++) {
      if (List.of(((Element) nodes.item(i)).getAttribute("class").split(" ")).contains(cssClass)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aSweepPrintsOneRowPerValueAndStrategy() throws Exception {
    List<SweepReport.Point> points = List.of(new SweepReport.Point("10", report), new SweepReport.Point("20", report));
    String table = SweepReport.render("strategies.wlm.maxConcurrency", points);
    List<String> lines = table.lines().toList();
    assertTrue(lines.get(1).startsWith("strategies.wlm.maxConcurrency  strategy  makespan"), table);
    assertTrue(lines.get(1).contains("p95 wait P1"), table);
    assertTrue(lines.get(1).contains("failed+lost  unfinished  cost"), table);
    assertEquals(List.of("10", "no-wlm", "34m 30s", "–", "0s", "! 4", "! 4", "0", "$1.80", "–"),
        List.of(lines.get(2).strip().split(" {2,}")));
    assertEquals(List.of("wlm", "35m 30s", "1.03", "1m", "0", "0", "0", "$5.04", "–"),
        List.of(lines.get(3).strip().split(" {2,}")));
    assertTrue(lines.get(4).startsWith("20 "), table);
    JsonNode json = new ObjectMapper().readTree(SweepReport.renderJson("strategies.wlm.maxConcurrency", points));
    assertEquals(2, json.get("values").size());
    assertEquals("20", json.at("/values/1/value").asText());
    assertEquals(2_130, json.at("/values/1/report/strategies/1/makespanSeconds").asDouble(), 1e-9);
  }

  @Test
  void aSweepNamesTheBestValuePerObjectiveAmongThoseThatLandedEverything() throws Exception {
    Scenario scenario = ReportFixtures.scenario();
    StrategyRun dear = ReportFixtures.wlm(scenario);
    dear.meter().add(CostUnit.GLUE_JOB_DPU_SECONDS, 36_000); // 10 DPU-hours more for the same day
    List<SweepReport.Point> points = List.of(
        new SweepReport.Point("10", Report.of(scenario, List.of(ReportFixtures.noWlm(scenario), dear),
            Report.DEFAULT_FAIRNESS_WINDOW)),
        new SweepReport.Point("20", Report.of(scenario, List.of(ReportFixtures.noWlm(scenario),
            ReportFixtures.wlm(scenario)), Report.DEFAULT_FAIRNESS_WINDOW)));
    String table = SweepReport.render("strategies.wlm.maxConcurrency", points);
    assertTrue(table.contains("best for no-wlm: no value landed every object\n"), table);
    assertTrue(table.contains("best for wlm: makespan 10 (35m 30s), P1 p95 wait 10 (1m), cost 20 ($5.04)\n"), table);
    JsonNode best = new ObjectMapper().readTree(SweepReport.renderJson("strategies.wlm.maxConcurrency", points))
        .get("best");
    assertTrue(best.at("/0/makespan").isNull());
    assertEquals("20", best.at("/1/cost").asText());
    assertEquals("10", best.at("/1/makespan").asText());
  }

  @Test
  void theProgressBarRedrawsInPlaceOnlyWhenThePercentChanges() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text));
    bar.update("wlm", 0.45);
    bar.update("wlm", 0.451);
    bar.update("wlm", 1.0);
    bar.clear();
    String[] frames = text.toString().split("\r", -1);
    assertEquals("[#############                 ]  45% wlm", frames[1]);
    assertEquals("[##############################] 100% wlm", frames[2]);
    assertEquals(5, frames.length, "two frames and a clear: " + List.of(frames));
  }
}
