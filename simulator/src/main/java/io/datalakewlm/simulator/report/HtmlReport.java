package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.aws.GlueJobs;
import io.datalakewlm.simulator.aws.Occupancy;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The report as one self-contained HTML page ({@code wlm simulate --html FILE}) with inline,
 * hand-written SVG charts — no scripts, no libraries, nothing fetched — that a person reads at a
 * glance, each a figure of small multiples (panels) with a colour key, {@code <title>} tooltips
 * with exact values on areas, bars and hover columns, and one colour per source on the whole page
 * ({@link ChartColours}; priorities in teal):
 * <ul>
 *   <li>running Glue job runs per source over time, stacked, a panel per strategy on the same
 *       scales, the busiest sources by name and the rest as "others", the account's limit drawn
 *       across;</li>
 *   <li>busy job-run slots per strategy against the account's limit (and wlm's pool where lower);</li>
 *   <li>queue depth (objects waiting to start): a panel per priority level and strategy, each level
 *       on its own scale, so a burst does not flatten the priority-1 line;</li>
 *   <li>waits per priority level: a panel per level on its own time scale, for each strategy a bar
 *       to the p95, a mark at the median and a tick at the maximum;</li>
 *   <li>waits per source, the same bars, a panel per strategy on a logarithmic time scale.</li>
 * </ul>
 * The summary table comes first, the full terminal table last. The page is well-formed XML as well
 * as HTML.
 */
public final class HtmlReport {
  /** Sources drawn by name in the running-jobs charts; the rest are summed as "others". */
  static final int TOP_SOURCES = 7;
  static final String OTHERS = "others";
  /** Points per series: enough for a 700-pixel plot, few enough to keep the page small. */
  private static final int SAMPLES = 480;
  /** Strategy panels side by side in the running-jobs and busy-slots figures. */
  private static final int COLUMNS = 2;
  /** Hover columns with exact values across a full-width time panel. */
  private static final int HOVER_COLUMNS = 48;
  /** The busy-slots line, and wlm's pool beside the account's limit (neither a source's nor a priority's colour). */
  private static final String BUSY = "#333";
  private static final String POOL = "#e08000";
  private static final String CSS = """
      body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:960px}
      h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:32px}p.meta{color:#555;margin-top:2px}
      table{border-collapse:collapse;font-size:14px}th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}
      th:first-child,td:first-child{text-align:left}td.bad{color:#b00;font-weight:600}
      svg{display:block;margin:8px 0 18px}text{font-size:11px;fill:#333}text.title{font-size:13px;font-weight:600}
      text.note{fill:#888;font-size:13px}text.panel-title{font-size:12px;font-weight:600}text.note-small{fill:#666}text.limit-label{fill:#b00}pre{font-size:12px;background:#f6f6f6;padding:8px;overflow:auto}
      """;

  private HtmlReport() {}

  public static String render(Report report) {
    Scenario scenario = report.scenario();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<title>").append(Html.escape("wlm simulate: " + scenario.name())).append("</title><style>")
        .append(CSS).append("</style></head><body>\n");
    html.append("<h1>").append(Html.escape(scenario.name())).append("</h1>");
    html.append("<p class=\"meta\">").append(Html.escape(scenario.file() + ", seed " + scenario.seed()
        + (scenario.overrides().isEmpty() ? "" : ", overrides: " + String.join(", ", scenario.overrides()))
        + (scenario.description() == null ? "" : " — " + scenario.description()))).append("</p>\n");
    summary(html, report);
    long from = report.runs().stream().mapToLong(StrategyRun::startMillis).min().orElse(0);
    long to = report.runs().stream().mapToLong(StrategyRun::endMillis).max().orElse(from);
    ChartColours colours = colours(report);
    runningJobs(html, report, colours, from, to);
    busySlots(html, report, from, to);
    queueDepth(html, report, colours, from, to);
    waits(html, report, colours);
    sourceWaits(html, report, colours);
    sources(html, report);
    waves(html, report);
    aggregates(html, report);
    html.append("<h2>Every figure</h2><pre>").append(Html.escape(TableReport.render(report))).append("</pre>\n");
    html.append("</body></html>\n");
    return html.toString();
  }

  // The key figures per strategy as an HTML table.
  private static void summary(StringBuilder html, Report report) {
    List<Figures> all = report.figures();
    tableHead(html, "Summary", all);
    summaryRow(html, "landed / arrived", all, f -> Display.count(f.completed()) + " / " + Display.count(f.objects()), f -> false);
    summaryRow(html, "failed + lost", all, f -> Display.count(f.failedOrLost()), f -> f.failedOrLost() > 0);
    summaryRow(html, "unfinished", all, f -> Display.count(f.unfinished()), f -> f.unfinished() > 0);
    summaryRow(html, "makespan", all, f -> Display.duration(f.makespanSeconds()), f -> false);
    summaryRow(html, "÷ lower bound (" + Display.duration(report.lowerBound().seconds()) + ")", all,
        f -> f.makespanOverBound() == null ? Display.NONE : Display.decimal(f.makespanOverBound(), 2), f -> false);
    TreeSet<Integer> priorities = new TreeSet<>();
    all.forEach(f -> f.waits().forEach(w -> priorities.add(w.priority())));
    for (int p : priorities) {
      summaryRow(html, "priority " + p + " wait p50 / p95", all, f -> {
        WaitStats w = f.waits(p);
        return w == null ? Display.NONE : Display.duration(w.p50Seconds()) + " / " + Display.duration(w.p95Seconds());
      }, f -> false);
    }
    summaryRow(html, "calls refused at a limit", all, f -> Display.count(f.limitErrors()), f -> f.limitErrors() > 0);
    summaryRow(html, "fairness (Jain) mean / min", all, f -> f.fairness().mean() == null ? "no contention"
        : Display.decimal(f.fairness().mean(), 2) + " / " + Display.decimal(f.fairness().min(), 2), f -> false);
    summaryRow(html, "crawls; catalog freshness p50 / p95", all, f -> Display.count(f.catalog().crawls()) + "; "
        + Display.duration(f.catalog().p50Seconds()) + " / " + Display.duration(f.catalog().p95Seconds()),
        f -> f.catalog().notCovered() > 0);
    summaryRow(html, "cost (list prices)", all, f -> Display.usd(f.cost().totalUsd()), f -> false);
    html.append("</table>\n");
  }

  // Per source: landed, waits, last landing and shares, one row per source and a column per strategy.
  private static void sources(StringBuilder html, Report report) {
    List<Figures> all = report.figures();
    if (all.isEmpty() || all.get(0).sources().isEmpty()) {
      return;
    }
    tableHead(html, "Per source (job-run share of the run / share its weight asks)", all);
    LocalDate day = Display.day(report.scenario().start().toEpochMilli());
    for (SourceFigures first : all.get(0).sources()) {
      String name = first.source();
      summaryRow(html, name + ": landed / arrived", all, f -> f.source(name) == null ? Display.NONE
          : Display.count(f.source(name).landed()) + " / " + Display.count(f.source(name).arrived()),
          f -> f.source(name) != null && f.source(name).failed() > 0);
      summaryRow(html, name + ": wait p50 / p95 / max", all, f -> f.source(name) == null ? Display.NONE
          : Display.duration(f.source(name).p50Seconds()) + " / " + Display.duration(f.source(name).p95Seconds())
              + " / " + Display.duration(f.source(name).maxSeconds()), f -> false);
      summaryRow(html, name + ": last landed; job-run share / weight", all, f -> {
        SourceFigures src = f.source(name);
        return src == null ? Display.NONE : (src.lastLandedMillis() < 0 ? Display.NONE
            : Display.clock(src.lastLandedMillis(), day)) + "; " + Math.round(src.runShare() * 100) + "% / "
            + Math.round(src.weightShare() * 100) + "%";
      }, f -> false);
    }
    html.append("</table>\n");
  }

  // Per burst and rate window: done and p95 wait.
  private static void waves(StringBuilder html, Report report) {
    List<Figures> all = report.figures();
    if (all.isEmpty() || all.get(0).waves().isEmpty()) {
      return;
    }
    tableHead(html, "Per arrival wave (done: when its last object landed)", all);
    LocalDate day = Display.day(report.scenario().start().toEpochMilli());
    for (int i = 0; i < all.get(0).waves().size(); i++) {
      ArrivalWave first = all.get(0).waves().get(i);
      int index = i;
      String when = Display.clock(first.fromMillis(), day)
          + (first.kind().equals("rate") ? "-" + Display.clock(first.toMillis(), day) : "");
      summaryRow(html, first.target() + " " + when + " " + first.kind() + ", " + Display.count(first.objects())
          + (first.objects() == 1 ? " object" : " objects") + ": done; p95 wait", all, f -> {
            ArrivalWave w = f.waves().get(index);
            String done = w.doneMillis() >= 0 ? Display.clock(w.doneMillis(), day)
                : Display.count(w.objects() - w.landed()) + " not landed";
            return done + "; " + Display.duration(w.p95Seconds());
          }, f -> f.waves().get(index).doneMillis() < 0 && f.waves().get(index).objects() > 0);
    }
    html.append("</table>\n");
  }

  // Per aggregate and day: ready and transform, or the missing inputs.
  private static void aggregates(StringBuilder html, Report report) {
    List<Figures> all = report.figures();
    if (all.isEmpty() || all.get(0).aggregates().isEmpty()) {
      return;
    }
    tableHead(html, "Per aggregate and day (ready: its last input landed)", all);
    LocalDate day = Display.day(report.scenario().start().toEpochMilli());
    for (AggregateDay run : all.get(0).aggregates()) {
      summaryRow(html, run.aggregate() + " " + run.day() + " at " + Display.clock(run.scheduledMillis(), day)
          + ": ready; transform", all, f -> {
            AggregateDay a = f.aggregates().stream()
                .filter(x -> x.aggregate().equals(run.aggregate()) && x.day().equals(run.day())).findFirst().orElse(null);
            if (a == null) {
              return Display.NONE;
            }
            String ready = a.readyMillis() >= 0 ? Display.clock(a.readyMillis(), day)
                : "missing " + String.join(", ", a.missing());
            String transform = a.abandoned() ? "abandoned" : a.transformEndMillis() >= 0
                ? Display.clock(a.transformStartMillis(), day) + "-" + Display.clock(a.transformEndMillis(), day)
                : "unfinished";
            return ready + "; " + transform;
          }, f -> f.aggregates().stream().anyMatch(a -> a.aggregate().equals(run.aggregate())
              && a.day().equals(run.day()) && a.abandoned()));
      aggregateChecks(html, run, all, day);
    }
    html.append("</table>\n");
  }

  // The row of an aggregate day's dependency checks: their times and what each found missing.
  private static void aggregateChecks(StringBuilder html, AggregateDay run, List<Figures> all, LocalDate day) {
    summaryRow(html, "  checks (what each found missing)", all, f -> f.aggregates().stream()
        .filter(a -> a.aggregate().equals(run.aggregate()) && a.day().equals(run.day())).findFirst()
        .map(a -> a.checksSummary(day)).orElse(Display.NONE), f -> false);
  }

  // A heading and the header row of a table with a column per strategy.
  private static void tableHead(StringBuilder html, String heading, List<Figures> all) {
    html.append("<h2>").append(Html.escape(heading)).append("</h2><table><tr><th>figure</th>");
    for (Figures f : all) {
      html.append("<th>").append(Html.escape(f.label())).append("</th>");
    }
    html.append("</tr>");
  }

  // One row of the summary, its cells marked bad where the predicate says so.
  private static void summaryRow(StringBuilder html, String label, List<Figures> all,
      Function<Figures, String> cell, Predicate<Figures> bad) {
    html.append("<tr><td>").append(Html.escape(label)).append("</td>");
    for (Figures f : all) {
      html.append(bad.test(f) ? "<td class=\"bad\">" : "<td>").append(Html.escape(cell.apply(f))).append("</td>");
    }
    html.append("</tr>");
  }

  // The colours of the page: every source the scenario names (then any other a run shows), every priority level.
  private static ChartColours colours(Report report) {
    List<String> sources = new ArrayList<>();
    report.scenario().sources().forEach(source -> sources.add(source.name()));
    TreeSet<Integer> priorities = new TreeSet<>();
    for (StrategyRun run : report.runs()) {
      for (ObjectRecord object : run.objects()) {
        sources.add(object.source());
        priorities.add(object.priority());
      }
      sources.addAll(run.meter().occupancy(GlueJobs.RUNNING_SERIES).tags());
      priorities.addAll(run.queueDepth().keySet());
    }
    return new ChartColours(sources, priorities);
  }

  // Running job runs per source, stacked: a panel per strategy, all on one scale, the account's limit drawn across.
  private static void runningJobs(StringBuilder html, Report report, ChartColours colours, long from, long to) {
    html.append("<h2>Running Glue job runs per source</h2>\n");
    long step = Math.max(1, (to - from) / SAMPLES);
    int count = (int) ((to - from) / step) + 1;
    Map<String, Map<String, int[]>> sampled = new LinkedHashMap<>();
    Map<String, Double> totals = new TreeMap<>();
    int peak = 0;
    for (StrategyRun run : report.runs()) {
      Occupancy jobs = run.meter().occupancy(GlueJobs.RUNNING_SERIES);
      Map<String, int[]> rows = jobs.sample(from, step, count);
      sampled.put(run.label(), rows);
      rows.forEach((tag, values) -> {
        double sum = 0;
        for (int v : values) {
          sum += v;
        }
        totals.merge(tag, sum, Double::sum);
      });
      for (int i = 0; i < count; i++) {
        int total = 0;
        for (int[] values : rows.values()) {
          total += values[i];
        }
        peak = Math.max(peak, total);
      }
    }
    List<String> top = topSources(totals);
    int limit = report.scenario().quotas().glueAccountConcurrentRuns();
    List<StrategyRun> runs = report.runs();
    int panelHeight = 190;
    double width = SvgChart.WIDTH / (double) COLUMNS;
    SvgChart chart = new SvgChart("running-jobs", "Running job runs per source",
        36 + (runs.size() + COLUMNS - 1) / COLUMNS * panelHeight);
    Map<String, String> key = new LinkedHashMap<>();
    top.forEach(source -> key.put(source, colours.source(source)));
    if (top.size() < totals.size()) {
      key.put(OTHERS, ChartColours.OTHERS);
    }
    chart.key(260, 16, key, "source-");
    for (int r = 0; r < runs.size(); r++) {
      StrategyRun run = runs.get(r);
      Occupancy jobs = run.meter().occupancy(GlueJobs.RUNNING_SERIES);
      Map<String, int[]> series = group(sampled.get(run.label()), top, count);
      SvgChart.TimePanel panel = new SvgChart.TimePanel(run.label(), run.label()
          + ": running job runs per source; account limit " + limit, (r % COLUMNS) * width, 26 + (r / COLUMNS) * panelHeight,
          width, panelHeight - 6, from, to, Math.max(peak, limit), true);
      double[] base = new double[count];
      for (Map.Entry<String, int[]> source : series.entrySet()) {
        String name = source.getKey();
        String color = name.equals(OTHERS) ? ChartColours.OTHERS : colours.source(name);
        double[] points = new double[count * 4];
        for (int i = 0; i < count; i++) {
          long t = from + i * step;
          points[2 * i] = panel.x(t);
          points[2 * i + 1] = panel.y(base[i] + source.getValue()[i]);
          int back = count - 1 - i;
          points[2 * count + 2 * back] = panel.x(t);
          points[2 * count + 2 * back + 1] = panel.y(base[i]);
        }
        for (int i = 0; i < count; i++) {
          base[i] += source.getValue()[i];
        }
        double seconds = 0;
        for (SourceFigures figures : report.figures(run.label()).sources()) {
          if (name.equals(OTHERS) ? !top.contains(figures.source()) : name.equals(figures.source())) {
            seconds += figures.jobRunSeconds();
          }
        }
        panel.polygon(points, color, "series source-" + SvgChart.cssName(name), run.label() + ", " + name + ": "
            + (name.equals(OTHERS) ? "" : "at most " + jobRuns(jobs.peak(name)) + " at once, ")
            + Display.decimal(seconds / 3600, 1) + " job-run hours");
      }
      if (series.isEmpty()) {
        panel.note("no job ran");
      }
      panel.limit(limit, "account limit " + limit, ChartColours.LIMIT);
      LocalDate day = Display.day(from);
      for (int c = 0; c < HOVER_COLUMNS; c++) {
        int lo = c * count / HOVER_COLUMNS;
        int hi = (c + 1) * count / HOVER_COLUMNS;
        if (hi <= lo) {
          continue;
        }
        int busiest = lo;
        for (int i = lo; i < hi; i++) {
          busiest = base[i] > base[busiest] ? i : busiest;
        }
        StringBuilder tip = new StringBuilder(run.label() + " at " + Display.clock(from + busiest * step, day) + ": "
            + jobRuns((long) base[busiest]));
        String sep = " (";
        for (Map.Entry<String, int[]> source : series.entrySet()) {
          if (source.getValue()[busiest] > 0) {
            tip.append(sep).append(source.getKey()).append(' ').append(source.getValue()[busiest]);
            sep = ", ";
          }
        }
        tip.append(sep.equals(", ") ? ")" : "").append(", the most in ").append(Display.clock(from + lo * step, day))
            .append('-').append(Display.clock(from + hi * step, day));
        panel.hover(from + lo * step, from + hi * step, tip.toString());
      }
      chart.add(panel);
    }
    html.append(chart.finish()).append('\n');
  }

  // Busy job-run slots (all running job runs) per strategy against the account's limit and wlm's pool.
  private static void busySlots(StringBuilder html, Report report, long from, long to) {
    html.append("<h2>Busy job-run slots against the limit</h2>\n");
    int limit = report.scenario().quotas().glueAccountConcurrentRuns();
    List<StrategyRun> runs = report.runs();
    long step = Math.max(1, (to - from) / SAMPLES);
    int count = (int) ((to - from) / step) + 1;
    int panelHeight = 150;
    double width = SvgChart.WIDTH / (double) COLUMNS;
    SvgChart chart = new SvgChart("busy-slots", "Busy job-run slots against the limit",
        36 + (runs.size() + COLUMNS - 1) / COLUMNS * panelHeight);
    chart.key(300, 16, Map.of("running job runs, all sources", BUSY), "busy-");
    LocalDate day = Display.day(from);
    for (int r = 0; r < runs.size(); r++) {
      StrategyRun run = runs.get(r);
      Busy busy = Busy.of(run.meter().occupancy(GlueJobs.RUNNING_SERIES), limit, from, to, step, count);
      int pool = pool(run, limit);
      SvgChart.TimePanel panel = new SvgChart.TimePanel(run.label(), run.label() + ": at most " + busy.peak + " of "
          + limit + " slots busy; at the account limit for " + Display.duration(busy.atLimitMillis / 1000.0),
          (r % COLUMNS) * width, 26 + (r / COLUMNS) * panelHeight, width, panelHeight - 6, from, to, limit, true);
      double[] points = new double[count * 4];
      for (int i = 0; i < count; i++) {
        // a step line through each sample's highest value, so a short peak stays visible
        points[4 * i] = panel.x(from + i * step);
        points[4 * i + 1] = panel.y(busy.highest[i]);
        points[4 * i + 2] = panel.x(Math.min(to, from + (i + 1) * step));
        points[4 * i + 3] = panel.y(busy.highest[i]);
      }
      panel.polyline(points, BUSY, "series busy", run.label() + ": at most " + jobRuns(busy.peak) + " at once");
      panel.limit(limit, "account limit " + limit, ChartColours.LIMIT);
      if (pool < limit) {
        panel.limit(pool, "wlm pool " + pool, POOL);
      }
      for (int c = 0; c < HOVER_COLUMNS; c++) {
        int lo = c * count / HOVER_COLUMNS;
        int hi = (c + 1) * count / HOVER_COLUMNS;
        if (hi <= lo) {
          continue;
        }
        int most = 0;
        for (int i = lo; i < hi; i++) {
          most = Math.max(most, busy.highest[i]);
        }
        panel.hover(from + lo * step, from + hi * step, run.label() + " " + Display.clock(from + lo * step, day) + "-"
            + Display.clock(from + hi * step, day) + ": at most " + most + " of " + (pool < limit ? pool : limit)
            + " slots busy");
      }
      chart.add(panel);
    }
    html.append(chart.finish()).append('\n');
  }

  private static String jobRuns(long n) {
    return Display.count(n) + (n == 1 ? " job run" : " job runs");
  }

  // wlm's pool, the lower of its two knobs (what the template's MaxConcurrency says); the account limit for the others.
  private static int pool(StrategyRun run, int limit) {
    int pool = limit;
    for (String knob : List.of("maxConcurrency", "glueAccountSlots")) {
      String value = run.knobs().get(knob);
      if (value != null) {
        try {
          pool = Math.min(pool, (int) Double.parseDouble(value));
        } catch (NumberFormatException notANumber) {
          // a knob that is not a number bounds nothing the chart can draw
        }
      }
    }
    return pool;
  }

  /**
   * The account's running job runs, all sources together, read from every change: the highest
   * value in each sample interval (so no short peak is missed), the peak, and how long it was at the limit.
   */
  private record Busy(int[] highest, int peak, long atLimitMillis) {
    static Busy of(Occupancy jobs, int limit, long from, long to, long step, int count) {
      int[] highest = new int[count];
      List<Occupancy.Change> changes = jobs.changes();
      Map<String, Integer> value = new TreeMap<>();
      int total = 0;
      int peak = 0;
      long atLimit = 0;
      long since = from;
      int next = 0;
      for (int i = 0; i < count; i++) {
        long end = Math.min(to, from + (i + 1) * step);
        highest[i] = total;
        while (next < changes.size() && (changes.get(next).atMillis() < end || i == count - 1)) {
          Occupancy.Change change = changes.get(next++);
          long at = Math.max(from, Math.min(to, change.atMillis()));
          atLimit += total >= limit ? at - since : 0;
          since = at;
          total += change.value() - value.getOrDefault(change.tag(), 0);
          value.put(change.tag(), change.value());
          peak = Math.max(peak, total);
          highest[i] = Math.max(highest[i], total);
        }
      }
      atLimit += total >= limit ? Math.max(0, to - since) : 0;
      return new Busy(highest, peak, atLimit);
    }
  }

  // Queue depth: a panel per priority level and strategy, each level's row on its own scale.
  private static void queueDepth(StringBuilder html, Report report, ChartColours colours, long from, long to) {
    html.append("<h2>Queue depth per priority (objects waiting to start)</h2>\n");
    TreeSet<Integer> levels = new TreeSet<>();
    report.runs().forEach(run -> levels.addAll(run.queueDepth().keySet()));
    report.figures().forEach(f -> f.waits().forEach(w -> levels.add(w.priority())));
    List<StrategyRun> runs = report.runs();
    int panelHeight = 120;
    int rowLabel = 78;
    double width = (SvgChart.WIDTH - rowLabel) / (double) Math.max(1, runs.size());
    SvgChart chart = new SvgChart("queue-depth", "Queue depth per priority", 36 + levels.size() * panelHeight);
    Map<String, String> key = new LinkedHashMap<>();
    levels.forEach(p -> key.put("priority " + p, colours.priority(p)));
    chart.key(260, 16, key, "");
    chart.label(SvgChart.WIDTH - 4, 16, "each priority on its own scale", "end", "note-small");
    LocalDate day = Display.day(from);
    int row = 0;
    for (int p : levels) {
      double y = 26 + row++ * panelHeight;
      int peak = 0;
      for (StrategyRun run : runs) {
        for (int v : run.queueDepth().getOrDefault(p, new int[0])) {
          peak = Math.max(peak, v);
        }
      }
      chart.label(8, y + panelHeight / 2.0, "priority " + p, "start", "title");
      for (int c = 0; c < runs.size(); c++) {
        StrategyRun run = runs.get(c);
        int[] samples = run.queueDepth().get(p);
        int most = 0;
        long mostAt = run.startMillis();
        for (int i = 0; samples != null && i < samples.length; i++) {
          if (samples[i] > most) {
            most = samples[i];
            mostAt = run.startMillis() + (i + 1L) * Math.max(1, run.sampleMillis());
          }
        }
        String summary = run.label() + ", priority " + p + ": at most " + Display.count(most) + " waiting"
            + (most > 0 ? ", at " + Display.clock(mostAt, day) : "");
        SvgChart.TimePanel panel = new SvgChart.TimePanel(run.label(), summary, rowLabel + c * width, y, width,
            panelHeight - 6, from, to, peak, true);
        if (samples == null || most == 0) {
          panel.note("none waiting");
        } else {
          panel.polyline(downsample(samples, run.startMillis(), run.sampleMillis(), panel), colours.priority(p),
              "series priority-" + p, summary);
          int columns = HOVER_COLUMNS / 2;
          long stepMillis = Math.max(1, run.sampleMillis());
          for (int k = 0; k < columns; k++) {
            int lo = k * samples.length / columns;
            int hi = (k + 1) * samples.length / columns;
            if (hi <= lo) {
              continue;
            }
            int high = 0;
            for (int i = lo; i < hi; i++) {
              high = Math.max(high, samples[i]);
            }
            long start = run.startMillis() + (lo + 1L) * stepMillis;
            long end = run.startMillis() + (long) hi * stepMillis;
            panel.hover(start, end, run.label() + ", priority " + p + ", " + Display.clock(start, day) + "-"
                + Display.clock(end, day) + ": at most " + Display.count(high) + " waiting");
          }
        }
        chart.add(panel);
      }
    }
    if (levels.isEmpty()) {
      html.append("<p>No object arrived.</p>\n");
      return;
    }
    html.append(chart.finish()).append('\n');
  }

  // Points of a sampled series (sample i taken at the end of slice i), at most SAMPLES of them, each bucket drawn at
  // its highest value so peaks stay visible.
  private static double[] downsample(int[] samples, long start, long stepMillis, SvgChart.TimePanel panel) {
    int stride = Math.max(1, (samples.length + SAMPLES - 1) / SAMPLES);
    int points = (samples.length + stride - 1) / stride;
    double[] out = new double[points * 2];
    for (int p = 0; p < points; p++) {
      int highest = 0;
      for (int i = p * stride; i < Math.min(samples.length, (p + 1) * stride); i++) {
        highest = Math.max(highest, samples[i]);
      }
      out[2 * p] = panel.x(start + ((long) p * stride + 1) * Math.max(1, stepMillis));
      out[2 * p + 1] = panel.y(highest);
    }
    return out;
  }

  // Waits per priority: a panel per level on its own scale, a bar per strategy in the level's shade.
  private static void waits(StringBuilder html, Report report, ChartColours colours) {
    html.append("<h2>Waits per priority (arrival to start, landed objects)</h2>\n");
    TreeSet<Integer> priorities = new TreeSet<>();
    report.figures().forEach(f -> f.waits().forEach(w -> priorities.add(w.priority())));
    List<Figures> all = report.figures();
    int panelHeight = SvgChart.BarPanel.height(all.size()) + 6;
    SvgChart chart = new SvgChart("waits-priority", "Waits per priority", 36 + priorities.size() * panelHeight);
    Map<String, String> key = new LinkedHashMap<>();
    priorities.forEach(p -> key.put("priority " + p, colours.priority(p)));
    chart.key(160, 16, key, "");
    chart.label(SvgChart.WIDTH - 4, 16, "bar to p95, white mark at p50, black tick at max; each priority on its own scale",
        "end", "note-small");
    int row = 0;
    for (int p : priorities) {
      double longest = 1;
      for (Figures f : all) {
        WaitStats w = f.waits(p);
        longest = Math.max(longest, w == null || w.maxSeconds() == null ? 0 : w.maxSeconds());
      }
      SvgChart.BarPanel panel = new SvgChart.BarPanel("priority " + p, "priority " + p
          + ": wait from arrival to start per strategy, landed objects", 0, 26 + row++ * panelHeight, SvgChart.WIDTH,
          all.size(), longest, false);
      for (Figures f : all) {
        WaitStats w = f.waits(p);
        String note = w == null ? "no objects" : "none landed";
        SvgChart.WaitBar bar = w == null || w.landed() == 0 ? new SvgChart.WaitBar(null, null, null, note)
            : new SvgChart.WaitBar(w.p50Seconds(), w.p95Seconds(), w.maxSeconds(), null);
        panel.bar(f.label(), bar, colours.priority(p), "wait p95 priority-" + p + " strategy-" + SvgChart.cssName(f.label()),
            w == null ? f.label() + ": no objects" : f.label() + ", priority " + p + ": " + Display.count(w.landed())
                + " landed of " + Display.count(w.objects()) + "; wait p50 " + Display.duration(w.p50Seconds()) + ", p95 "
                + Display.duration(w.p95Seconds()) + ", max " + Display.duration(w.maxSeconds()));
      }
      chart.add(panel);
    }
    html.append(chart.finish()).append('\n');
  }

  // Waits per source: a panel per strategy, a bar per source in its colour, on a log scale (seconds to hours).
  private static void sourceWaits(StringBuilder html, Report report, ChartColours colours) {
    List<Figures> all = report.figures();
    if (all.isEmpty() || all.get(0).sources().isEmpty()) {
      return;
    }
    html.append("<h2>Waits per source (arrival to start, landed objects)</h2>\n");
    double longest = 1;
    for (Figures f : all) {
      for (SourceFigures source : f.sources()) {
        longest = Math.max(longest, source.maxSeconds() == null ? 0 : source.maxSeconds());
      }
    }
    int height = 36;
    for (Figures f : all) {
      height += SvgChart.BarPanel.height(f.sources().size()) + 6;
    }
    SvgChart chart = new SvgChart("waits-source", "Waits per source", height);
    Map<String, String> key = new LinkedHashMap<>();
    all.get(0).sources().forEach(source -> key.put(source.source(), colours.source(source.source())));
    chart.key(160, 16, key, "source-");
    chart.label(SvgChart.WIDTH - 4, 16, "bar to p95, white mark at p50, black tick at max; logarithmic scale", "end",
        "note-small");
    double y = 26;
    for (Figures f : all) {
      SvgChart.BarPanel panel = new SvgChart.BarPanel(f.label(), f.label()
          + ": wait from arrival to start per source, landed objects", 0, y, SvgChart.WIDTH, f.sources().size(), longest, true);
      for (SourceFigures source : f.sources()) {
        SvgChart.WaitBar bar = source.landed() == 0 ? new SvgChart.WaitBar(null, null, null, "none landed")
            : new SvgChart.WaitBar(source.p50Seconds(), source.p95Seconds(), source.maxSeconds(), null);
        panel.bar(source.source(), bar, colours.source(source.source()), "wait p95 source-" + SvgChart.cssName(source.source()),
            f.label() + ", " + source.source() + ": " + Display.count(source.landed()) + " landed of "
                + Display.count(source.arrived()) + "; wait p50 " + Display.duration(source.p50Seconds()) + ", p95 "
                + Display.duration(source.p95Seconds()) + ", max " + Display.duration(source.maxSeconds()));
      }
      y += SvgChart.BarPanel.height(f.sources().size()) + 6;
      chart.add(panel);
    }
    html.append(chart.finish()).append('\n');
  }

  // The busiest sources over all strategies, at most TOP_SOURCES of them (all when one more would only be "others").
  private static List<String> topSources(Map<String, Double> totals) {
    List<Map.Entry<String, Double>> sorted = new ArrayList<>(totals.entrySet());
    sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    int keep = sorted.size() <= TOP_SOURCES + 1 ? sorted.size() : TOP_SOURCES;
    List<String> top = new ArrayList<>();
    for (int i = 0; i < keep; i++) {
      top.add(sorted.get(i).getKey());
    }
    return top;
  }

  // The top sources in order, then the rest summed as "others" (absent when empty).
  private static Map<String, int[]> group(Map<String, int[]> rows, List<String> top, int count) {
    Map<String, int[]> out = new LinkedHashMap<>();
    for (String source : top) {
      out.put(source, rows.getOrDefault(source, new int[count]));
    }
    int[] others = new int[count];
    boolean any = false;
    for (Map.Entry<String, int[]> row : rows.entrySet()) {
      if (!top.contains(row.getKey())) {
        for (int i = 0; i < count; i++) {
          others[i] += row.getValue()[i];
          any |= row.getValue()[i] > 0;
        }
      }
    }
    if (any) {
      out.put(OTHERS, others);
    }
    return out;
  }
}
