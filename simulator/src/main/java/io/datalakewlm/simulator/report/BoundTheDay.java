package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.bottleneck.BindingLimit;
import io.datalakewlm.simulator.bottleneck.Bottleneck;
import io.datalakewlm.simulator.bottleneck.BottleneckTimeline;
import io.datalakewlm.simulator.bottleneck.Hold;
import java.time.LocalDate;
import java.util.List;

/**
 * "What bound the day", for the table and the page: per strategy, the periods of its run with
 * the limit that held back the most work in each, and the {@code --set} key that would move it.
 * Periods differ between strategies, so this is a list per strategy rather than a column each.
 */
final class BoundTheDay {
  /** Periods shown per strategy in the table; {@code --json} lists them all. */
  static final int SHOWN = 10;

  private BoundTheDay() {}

  /** The block of the text table; empty when no run was sampled. */
  static String text(Report report) {
    if (report.figures().stream().allMatch(f -> f.bottlenecks().isEmpty())) {
      return "";
    }
    LocalDate day = Display.day(report.scenario().start().toEpochMilli());
    StringBuilder out = new StringBuilder();
    out.append("What bound the day (").append(BottleneckTimeline.BUCKET_MILLIS / 60_000)
        .append("-minute periods; held: peak objects held back; → the --set key to move it)\n");
    for (Figures f : report.figures()) {
      if (f.bottlenecks().isEmpty()) {
        out.append("  ").append(f.label()).append(": not sampled\n");
        continue;
      }
      out.append("  ").append(f.label()).append(": held back most by ").append(heldBackMost(f)).append('\n');
      List<Bottleneck> periods = f.bottlenecks();
      java.util.Set<String> explained = new java.util.HashSet<>();
      for (Bottleneck b : periods.subList(0, Math.min(SHOWN, periods.size()))) {
        String when = Display.clock(b.fromMillis(), day) + "-" + Display.clock(b.toMillis(), day);
        StringBuilder line = new StringBuilder("    ").append(pad(when, 12)).append(' ').append(name(b));
        if (b.limit() != BindingLimit.ARRIVALS) {
          line.append(", held ").append(Display.count(b.peakHeldBack()));
        }
        if (b.move() != null) {
          line.append(" → ").append(b.move());
        }
        out.append(line).append('\n');
        // the sentence once per limit and subject: the later periods of the same hold only differ in time
        if (b.limit() != BindingLimit.ARRIVALS && explained.add(b.limit() + " " + b.subject())) {
          out.append(wrap(b.what(), "                 ", TableReport.WIDTH));
        }
      }
      if (periods.size() > SHOWN) {
        out.append("    … ").append(periods.size() - SHOWN).append(" more periods (--json lists them all)\n");
      }
    }
    return out.toString();
  }

  /** The page's table: one row per period, strategy by strategy. */
  static void html(StringBuilder html, Report report) {
    if (report.figures().stream().allMatch(f -> f.bottlenecks().isEmpty())) {
      return;
    }
    LocalDate day = Display.day(report.scenario().start().toEpochMilli());
    html.append("<h2>What bound the day</h2><table class=\"bound\"><tr><th>strategy</th><th>from</th><th>to</th>")
        .append("<th>limit</th><th>held back (peak)</th><th>what</th><th>move (--set)</th></tr>");
    for (Figures f : report.figures()) {
      for (Bottleneck b : f.bottlenecks()) {
        html.append("<tr><td>").append(Html.escape(f.label())).append("</td><td>")
            .append(Display.clock(b.fromMillis(), day)).append("</td><td>").append(Display.clock(b.toMillis(), day))
            .append("</td><td>").append(Html.escape(name(b))).append("</td><td>")
            .append(b.limit() == BindingLimit.ARRIVALS ? Display.NONE : Display.count(b.peakHeldBack()))
            .append("</td><td style=\"text-align:left\">").append(Html.escape(b.what())).append("</td><td>")
            .append(b.move() == null ? Display.NONE : "<code>" + Html.escape(b.move()) + "</code>").append("</td></tr>");
      }
    }
    html.append("</table>\n");
  }

  /** "account job runs", "job MaxConcurrentRuns clicks-001", "arrivals"; none for a run not sampled. */
  static String heldBackMost(Figures f) {
    if (f.bottlenecks().isEmpty()) {
      return Display.NONE;
    }
    Hold most = f.heldBackMost();
    return most.subject() == null || most.limit() == BindingLimit.ACCOUNT_QUOTA || most.limit() == BindingLimit.WLM_POOL
        || most.limit() == BindingLimit.START_RATE ? most.limit().title() : most.limit().title() + " " + most.subject();
  }

  // The limit with its subject where it names one.
  private static String name(Bottleneck b) {
    return switch (b.limit()) {
      case ACCOUNT_QUOTA, WLM_POOL, START_RATE, ARRIVALS -> b.limit().title();
      case STRATEGY_PACING -> b.limit().title();
      default -> b.limit().title() + " " + b.subject();
    };
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  // Words to lines of at most `width`, each starting with `indent`.
  private static String wrap(String text, String indent, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
        out.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    return out.append(line).append('\n').toString();
  }
}
