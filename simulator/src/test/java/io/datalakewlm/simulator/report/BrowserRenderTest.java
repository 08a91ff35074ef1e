package io.datalakewlm.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.scenario.Scenario;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of the seed day as a browser reads it: headless Chromium (Debian's
 * {@code chromium}, which {@code .ci/run} installs) loads the page as XHTML, so a markup error
 * shows as Chromium's parser error instead of being silently repaired, and the DOM it built must
 * hold every chart with its panels (a panel per strategy, per priority, or per both) and draw each
 * source in one colour in every chart. Skipped where Chromium is not installed.
 */
class BrowserRenderTest {

  @Test
  void chromiumReadsTheSeedDayPageWithoutErrorsAndFindsEveryPanel(@TempDir Path dir) throws Exception {
    Path chromium = onPath("chromium");
    assumeTrue(chromium != null, "chromium is not installed");
    Scenario day = Scenario.load(Path.of("../examples/seed-day.yaml"));
    Report report = Report.of(Simulation.run(day, Progress.NONE));
    Path page = dir.resolve("seed-day.xhtml");
    Files.writeString(page, HtmlReport.render(report), StandardCharsets.UTF_8);

    Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--enable-logging=stderr", "--v=0",
        "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(browser.waitFor(120, TimeUnit.SECONDS), "chromium ended");
    assertEquals(0, browser.exitValue(), Files.readString(dir.resolve("stderr.txt")));

    assertFalse(dom.contains("parsererror"), "Chromium found markup errors:\n" + dom.substring(0, Math.min(2000, dom.length())));
    // the page needs no script; with logging on, Chromium would print any script error as "Uncaught …"
    assertFalse(dom.contains("<script"), "no script in the page");
    assertFalse(Files.readString(dir.resolve("stderr.txt")).contains("Uncaught"), "no script errors");
    Map<String, String> figures = figures(dom);
    assertEquals(List.of("running-jobs", "busy-slots", "queue-depth", "waits-priority", "waits-source"),
        List.copyOf(figures.keySet()), "the charts, in order");
    int strategies = report.figures().size();
    int priorities = (int) report.figures().stream().flatMap(f -> f.waits().stream()).map(WaitStats::priority)
        .distinct().count();
    assertEquals(3, priorities, "the seed day's priorities 1, 2 and 5");
    assertEquals(strategies, panels(figures.get("running-jobs")), "a running-jobs panel per strategy");
    assertEquals(strategies, panels(figures.get("busy-slots")), "a busy-slots panel per strategy");
    assertEquals(strategies * priorities, panels(figures.get("queue-depth")), "a queue panel per strategy and priority");
    assertEquals(priorities, panels(figures.get("waits-priority")), "a waits panel per priority");
    assertEquals(strategies, panels(figures.get("waits-source")), "a source-waits panel per strategy");

    // one colour per source: the same in the stacked areas, the key and the source-wait bars
    Map<String, String> areas = colours(figures.get("running-jobs"), "polygon", "source-");
    Map<String, String> bars = colours(figures.get("waits-source"), "rect", "source-");
    assertEquals(Set.of("clickstream", "finance", "risk"), areas.keySet());
    assertEquals(areas, bars);
    assertEquals(areas.size(), Set.copyOf(areas.values()).size(), "no two sources share a colour");
    Map<String, String> levels = colours(figures.get("queue-depth"), "polyline", "priority-");
    assertEquals(levels, colours(figures.get("waits-priority"), "rect", "priority-"));
    assertTrue(Collections.disjoint(levels.values(), areas.values()), "priorities " + levels + ", sources " + areas);
    for (String section : List.of("Per source", "Per arrival wave")) {
      assertTrue(dom.contains("<h2>" + section), section);
    }
  }

  // Each chart's markup in the DOM Chromium built, by the kind its class names.
  private static Map<String, String> figures(String dom) {
    Matcher m = Pattern.compile("<svg[^>]*class=\"chart ([a-z-]+)\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
    Map<String, String> figures = new LinkedHashMap<>();
    while (m.find()) {
      figures.put(m.group(1), m.group(2));
    }
    return figures;
  }

  private static int panels(String figure) {
    return (int) Pattern.compile("<g class=\"panel\">").matcher(figure).results().count();
  }

  // Name → colour of the elements `tag` classed `prefix` + name; fails when one name shows two colours.
  private static Map<String, String> colours(String figure, String tag, String prefix) {
    Matcher m = Pattern.compile("<" + tag + " class=\"([^\"]*)\"[^>]*?(fill|stroke)=\"(#[0-9a-f]+)\"").matcher(figure);
    Map<String, String> colours = new TreeMap<>();
    while (m.find()) {
      if (List.of(m.group(1).split(" ")).contains("key")) {
        continue; // the series and bars themselves, not the key beside them
      }
      for (String cssClass : m.group(1).split(" ")) {
        if (cssClass.startsWith(prefix)) {
          String name = cssClass.substring(prefix.length());
          String before = colours.put(name, m.group(3));
          assertTrue(before == null || before.equals(m.group(3)), name + " drawn in " + before + " and " + m.group(3));
        }
      }
    }
    return colours;
  }

  // The executable named `name` on the PATH, or null.
  private static Path onPath(String name) throws IOException {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
