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
import java.util.Map;
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
  void theHtmlIsWellFormedWithAFigurePerChartAndAPanelPerStrategyAndPriority() throws Exception {
    String html = HtmlReport.render(report);
    assertFalse(html.contains("<script"), "no scripts");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    NodeList svgs = doc.getElementsByTagNameNS(SVG, "svg");
    assertEquals(5, svgs.getLength());
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < svgs.getLength(); i++) {
      titles.add(((Element) svgs.item(i)).getElementsByTagNameNS(SVG, "title").item(0).getTextContent());
    }
    assertEquals(List.of("Running job runs per source", "Busy job-run slots against the limit", "Queue depth per priority",
        "Waits per priority", "Waits per source"), titles);

    List<Element> jobs = panels((Element) svgs.item(0));
    assertEquals(2, jobs.size(), "a panel per strategy");
    assertEquals(1, classed(jobs.get(1), "polygon", "source-big"));
    assertEquals(1, classed(jobs.get(1), "polygon", "source-small"));
    assertEquals(1, classed(jobs.get(1), "line", "limit"));
    assertTrue(jobs.get(1).getTextContent().contains("00:30"), "time labels on the axis");
    assertTrue(jobs.get(1).getTextContent().contains("wlm at 00:00: 2 job runs (big 2)"), "exact values on hover");

    // wlm ran two job runs, the account's limit, from 00:00 to 00:20; no-wlm from 00:00 to 00:10
    List<Element> busy = panels((Element) svgs.item(1));
    assertEquals("no-wlm: at most 2 of 2 slots busy; at the account limit for 10m", tooltip(busy.get(0)));
    assertEquals("wlm: at most 2 of 2 slots busy; at the account limit for 20m", tooltip(busy.get(1)));

    // a row per priority, a panel per strategy in it
    List<Element> queue = panels((Element) svgs.item(2));
    assertEquals(4, queue.size());
    assertEquals("no-wlm, priority 1: at most 0 waiting", tooltip(queue.get(0)));
    assertTrue(queue.get(0).getTextContent().contains("none waiting"));
    assertEquals("wlm, priority 1: at most 1 waiting, at 00:30", tooltip(queue.get(1)));
    assertEquals(1, classed(queue.get(1), "polyline", "priority-1"));
    assertEquals("wlm, priority 5: at most 2 waiting, at 00:01", tooltip(queue.get(3)));
    assertTrue(queue.get(3).getTextContent().contains("wlm, priority 5, 00:01-"), "exact values on hover");

    List<Element> waits = panels((Element) svgs.item(3));
    assertEquals(2, waits.size(), "a panel per priority");
    assertEquals(2, classed(waits.get(0), "rect", "p95"));
    assertTrue(waits.get(0).getTextContent().contains("p50 1m, p95 1m, max 1m"));
    assertTrue(waits.get(0).getTextContent().contains("wlm, priority 1: 1 landed of 1; wait p50 1m, p95 1m, max 1m"));

    List<Element> sources = panels((Element) svgs.item(4));
    assertEquals(2, sources.size(), "a panel per strategy");
    assertEquals(1, classed(sources.get(1), "rect", "source-big"));
  }

  @Test
  void eachPriorityOfTheQueueHasItsOwnScaleSoABurstDoesNotFlattenPriorityOne() throws Exception {
    StrategyRun wlm = ReportFixtures.wlm(scenario);
    int[] urgent = new int[36];
    urgent[29] = 1;
    int[] burst = new int[36];
    burst[0] = 400;
    StrategyRun busy = new StrategyRun(wlm.spec(), wlm.objects(), wlm.meter(), wlm.transitions(), wlm.dynamoReads(),
        wlm.dynamoWrites(), wlm.startMillis(), wlm.endMillis(), wlm.sampleMillis(), Map.of(1, urgent, 5, burst),
        wlm.knobs(), wlm.crawls());
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(HtmlReport.render(
        Report.of(scenario, List.of(busy), Duration.ofMinutes(15))).getBytes(StandardCharsets.UTF_8)));
    List<Element> queue = panels((Element) doc.getElementsByTagNameNS(SVG, "svg").item(2));
    assertEquals("4", topTick(queue.get(0)), "priority 1's one object reaches a quarter of its panel");
    assertEquals("400", topTick(queue.get(1)));
  }

  @Test
  void aSourceHasOneColourInEveryChartAndPrioritiesAnotherPalette() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
        HtmlReport.render(report).getBytes(StandardCharsets.UTF_8)));
    NodeList svgs = doc.getElementsByTagNameNS(SVG, "svg");
    String big = fill((Element) svgs.item(0), "polygon", "source-big");
    String small = fill((Element) svgs.item(0), "polygon", "source-small");
    assertFalse(big.equals(small));
    assertEquals(big, fill((Element) svgs.item(4), "rect", "p95", "source-big"));
    assertEquals(small, fill((Element) svgs.item(4), "rect", "p95", "source-small"));
    assertEquals(big, fill((Element) svgs.item(0), "rect", "key", "source-big"), "the key");
    assertEquals(small, fill((Element) svgs.item(4), "rect", "key", "source-small"), "the key");
    String p1 = fill((Element) svgs.item(2), "polyline", "priority-1");
    assertEquals(p1, fill((Element) svgs.item(3), "rect", "p95", "priority-1"));
    assertFalse(List.of(big, small).contains(p1), "a priority's colour is no source's");
  }

  private static final String SVG = "http://www.w3.org/2000/svg";

  // The panels of a figure, in order.
  private static List<Element> panels(Element svg) {
    NodeList groups = svg.getElementsByTagNameNS(SVG, "g");
    List<Element> panels = new ArrayList<>();
    for (int i = 0; i < groups.getLength(); i++) {
      if (((Element) groups.item(i)).getAttribute("class").equals("panel")) {
        panels.add((Element) groups.item(i));
      }
    }
    return panels;
  }

  // A panel's own tooltip.
  private static String tooltip(Element panel) {
    return panel.getElementsByTagNameNS(SVG, "title").item(0).getTextContent();
  }

  // The label of the highest value tick of a time panel (ticks are drawn from 0 up).
  private static String topTick(Element panel) {
    NodeList texts = panel.getElementsByTagNameNS(SVG, "text");
    String top = null;
    int ticks = 0;
    for (int i = 0; i < texts.getLength() && ticks < 5; i++) {
      if (((Element) texts.item(i)).getAttribute("class").equals("tick")) {
        top = texts.item(i).getTextContent();
        ticks++;
      }
    }
    return top;
  }

  // The colour of the first element named `tag` with every class in `cssClasses` (its fill, or its stroke when unfilled).
  private static String fill(Element root, String tag, String... cssClasses) {
    NodeList nodes = root.getElementsByTagNameNS(SVG, tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (List.of(e.getAttribute("class").split(" ")).containsAll(List.of(cssClasses))) {
        return e.getAttribute("fill").equals("none") ? e.getAttribute("stroke") : e.getAttribute("fill");
      }
    }
    throw new AssertionError("no " + tag + " of classes " + List.of(cssClasses));
  }

  // How many elements named `tag` carry the class `cssClass`.
  private static int classed(Element root, String tag, String cssClass) {
    NodeList nodes = root.getElementsByTagNameNS(SVG, tag);
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
    assertEquals(List.of("10", "no-wlm", "34m 30s", "–", "0s", "! 4", "! 4", "0", "$1.80"),
        List.of(lines.get(2).strip().split(" {2,}")));
    assertEquals(List.of("wlm", "35m 30s", "1.03", "1m", "0", "0", "0", "$5.04"),
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
