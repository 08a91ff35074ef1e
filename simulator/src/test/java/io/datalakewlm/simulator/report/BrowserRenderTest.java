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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of the seed day as a browser reads it: headless Chromium (Debian's
 * {@code chromium}, which {@code .ci/run} installs) loads the page as XHTML, so a markup error
 * shows as Chromium's parser error instead of being silently repaired, and the DOM it built must
 * hold every chart with a panel per strategy. Skipped where Chromium is not installed.
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
        "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(browser.waitFor(120, TimeUnit.SECONDS), "chromium ended");
    assertEquals(0, browser.exitValue(), Files.readString(dir.resolve("stderr.txt")));

    assertFalse(dom.contains("parsererror"), "Chromium found markup errors:\n" + dom.substring(0, Math.min(2000, dom.length())));
    assertFalse(Files.readString(dir.resolve("stderr.txt")).contains("Uncaught"), "no script errors");
    List<String> titles = svgTitles(dom);
    for (Figures f : report.figures()) {
      assertTrue(titles.contains("Running job runs per source: " + f.label()), titles.toString());
      assertTrue(titles.contains("Queue depth per priority: " + f.label()), titles.toString());
    }
    assertTrue(titles.contains("Waits per priority"), titles.toString());
    assertEquals(2 * report.figures().size() + 1, titles.size(), titles.toString());
    for (String section : List.of("Per source", "Per arrival wave")) {
      assertTrue(dom.contains("<h2>" + section), section);
    }
  }

  // The first <title> of each <svg> in the DOM Chromium built.
  private static List<String> svgTitles(String dom) {
    Matcher m = Pattern.compile("<svg[^>]*>\\s*<title>([^<]*)</title>").matcher(dom);
    List<String> titles = new ArrayList<>();
    while (m.find()) {
      titles.add(m.group(1));
    }
    return titles;
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
