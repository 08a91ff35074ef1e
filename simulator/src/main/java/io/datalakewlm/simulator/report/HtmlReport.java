package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.aws.GlueJobs;
import io.datalakewlm.simulator.aws.Occupancy;
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
 * glance:
 * <ul>
 *   <li>running Glue job runs per source over time, one stacked-area chart per strategy on the
 *       same scales, the busiest sources by name and the rest as "others", with the account's
 *       limit drawn across;</li>
 *   <li>queue depth (objects waiting to start) per priority level over time, per strategy;</li>
 *   <li>waits per priority level: for each strategy a bar to the p95, a mark at the median and a
 *       tick at the maximum.</li>
 * </ul>
 * The summary table and the full terminal table come first. The page is well-formed XML as well
 * as HTML.
 */
public final class HtmlReport {
  /** Sources drawn by name in the running-jobs charts; the rest are summed as "others". */
  static final int TOP_SOURCES = 7;
  static final String OTHERS = "others";
  /** Points per series: enough for a 700-pixel plot, few enough to keep the page small. */
  private static final int SAMPLES = 480;
  private static final String[] PALETTE =
      {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"};
  private static final String OTHERS_COLOR = "#b8b8b8";
  private static final String CSS = """
      body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:960px}
      h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:32px}p.meta{color:#555;margin-top:2px}
      table{border-collapse:collapse;font-size:14px}th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}
      th:first-child,td:first-child{text-align:left}td.bad{color:#b00;font-weight:600}
      svg{display:block;margin:8px 0 18px}text{font-size:11px;fill:#333}text.title{font-size:13px;font-weight:600}
      text.note{fill:#888;font-size:13px}text.limit-label{fill:#b00}pre{font-size:12px;background:#f6f6f6;padding:8px;overflow:auto}
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
    runningJobs(html, report, from, to);
    queueDepth(html, report, from, to);
    waits(html, report);
    sources(html, report);
    waves(html, report);
    aggregates(html, report);
    BoundTheDay.html(html, report);
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
    }
    html.append("</table>\n");
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

  // One stacked-area chart per strategy of running job runs per source, on common scales.
  private static void runningJobs(StringBuilder html, Report report, long from, long to) {
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
    for (StrategyRun run : report.runs()) {
      SvgChart chart = new SvgChart("Running job runs per source: " + run.label(), 240, from, to, Math.max(peak, limit),
          true, "job runs");
      Map<String, int[]> series = group(sampled.get(run.label()), top, count);
      double[] base = new double[count];
      int colorIndex = 0;
      for (Map.Entry<String, int[]> source : series.entrySet()) {
        String color = source.getKey().equals(OTHERS) ? OTHERS_COLOR : PALETTE[colorIndex++ % PALETTE.length];
        double[] points = new double[count * 4];
        for (int i = 0; i < count; i++) {
          long t = from + i * step;
          points[2 * i] = chart.x(t);
          points[2 * i + 1] = chart.y(base[i] + source.getValue()[i]);
          int back = count - 1 - i;
          points[2 * count + 2 * back] = chart.x(t);
          points[2 * count + 2 * back + 1] = chart.y(base[i]);
        }
        for (int i = 0; i < count; i++) {
          base[i] += source.getValue()[i];
        }
        chart.polygon(points, color, "series source-" + cssName(source.getKey()));
        chart.legend(source.getKey(), color);
      }
      if (series.isEmpty()) {
        chart.note("no job ran");
      }
      chart.limit(limit, "account limit " + limit);
      html.append(chart.finish()).append('\n');
    }
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

  // One line chart per strategy of the objects waiting at each priority level.
  private static void queueDepth(StringBuilder html, Report report, long from, long to) {
    html.append("<h2>Queue depth per priority (objects waiting to start)</h2>\n");
    int peak = 0;
    TreeSet<Integer> priorities = new TreeSet<>();
    for (StrategyRun run : report.runs()) {
      priorities.addAll(run.queueDepth().keySet());
      for (int[] samples : run.queueDepth().values()) {
        for (int v : samples) {
          peak = Math.max(peak, v);
        }
      }
    }
    List<Integer> levels = new ArrayList<>(priorities);
    for (StrategyRun run : report.runs()) {
      SvgChart chart = new SvgChart("Queue depth per priority: " + run.label(), 200, from, to, peak, true, "objects waiting");
      for (Map.Entry<Integer, int[]> level : new TreeMap<>(run.queueDepth()).entrySet()) {
        String color = PALETTE[levels.indexOf(level.getKey()) % PALETTE.length];
        chart.polyline(downsample(level.getValue(), run.startMillis(), run.sampleMillis(), chart), color,
            "series priority-" + level.getKey());
        chart.legend("priority " + level.getKey(), color);
      }
      if (run.queueDepth().isEmpty()) {
        chart.note("no object was waiting at any sample");
      }
      html.append(chart.finish()).append('\n');
    }
  }

  // Points of a sampled series, at most SAMPLES of them, each bucket drawn at its highest value so peaks stay visible.
  private static double[] downsample(int[] samples, long start, long stepMillis, SvgChart chart) {
    int stride = Math.max(1, (samples.length + SAMPLES - 1) / SAMPLES);
    int points = (samples.length + stride - 1) / stride;
    double[] out = new double[points * 2];
    for (int p = 0; p < points; p++) {
      int highest = 0;
      for (int i = p * stride; i < Math.min(samples.length, (p + 1) * stride); i++) {
        highest = Math.max(highest, samples[i]);
      }
      out[2 * p] = chart.x(start + (long) p * stride * Math.max(1, stepMillis));
      out[2 * p + 1] = chart.y(highest);
    }
    return out;
  }

  // Horizontal bars per priority and strategy: to the p95, a mark at the median, a tick at the maximum.
  private static void waits(StringBuilder html, Report report) {
    html.append("<h2>Waits per priority (arrival to start, landed objects)</h2>\n");
    TreeSet<Integer> priorities = new TreeSet<>();
    double longest = 1;
    for (Figures f : report.figures()) {
      for (WaitStats w : f.waits()) {
        priorities.add(w.priority());
        if (w.maxSeconds() != null) {
          longest = Math.max(longest, w.maxSeconds());
        }
      }
    }
    List<Figures> all = report.figures();
    int rowHeight = 18;
    int left = 150;
    int right = 300;
    int plot = SvgChart.WIDTH - left - right;
    int height = 40 + priorities.size() * (all.size() * rowHeight + 12) + 20;
    double scale = SvgChart.scaleTop(longest / 60.0, false);
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
        SvgChart.WIDTH, height, SvgChart.WIDTH, height));
    svg.append("<title>Waits per priority</title>");
    svg.append(SvgChart.text(left, 16, "Wait to start, minutes: bar to p95, white mark at p50, black tick at max",
        "start", "title"));
    for (int i = 0; i <= 4; i++) {
      double x = left + plot * i / 4.0;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"24\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e4e4e4\"/>", x, x,
          height - 20));
      svg.append(SvgChart.text(x, height - 6, Display.decimal(scale * i / 4, scale * i / 4 == Math.rint(scale * i / 4) ? 0 : 1)
          + " min", "middle", "tick"));
    }
    int y = 40;
    for (int p : priorities) {
      svg.append(SvgChart.text(8, y + rowHeight * all.size() / 2.0, "priority " + p, "start", "title"));
      for (int s = 0; s < all.size(); s++) {
        Figures f = all.get(s);
        WaitStats w = f.waits(p);
        String color = PALETTE[s % PALETTE.length];
        svg.append(SvgChart.text(left - 6, y + 12, f.label(), "end", "tick"));
        if (w == null || w.landed() == 0) {
          svg.append(SvgChart.text(left + 4, y + 12, w == null ? "no objects" : "none landed", "start", "note"));
        } else {
          double p50 = left + plot * Math.min(1, w.p50Seconds() / 60 / scale);
          double p95 = left + plot * Math.min(1, w.p95Seconds() / 60 / scale);
          double max = left + plot * Math.min(1, w.maxSeconds() / 60 / scale);
          svg.append(String.format(Locale.ROOT,
              "<rect class=\"wait p95 strategy-%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>",
              cssName(f.label()), left, y + 2, Math.max(1, p95 - left), color));
          svg.append(String.format(Locale.ROOT,
              "<line class=\"wait p50\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#fff\" stroke-width=\"2\"/>",
              p50, y + 2, p50, y + 14));
          svg.append(String.format(Locale.ROOT,
              "<line class=\"wait max\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\"/>",
              max, y, max, y + 16));
          svg.append(SvgChart.text(left + plot + 8, y + 12, "p50 " + Display.duration(w.p50Seconds()) + ", p95 "
              + Display.duration(w.p95Seconds()) + ", max " + Display.duration(w.maxSeconds()), "start", "tick"));
        }
        y += rowHeight;
      }
      y += 12;
    }
    html.append(svg).append("</svg>\n");
  }

  // A name safe in a class attribute.
  private static String cssName(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
