package io.datalakewlm.simulator.report;

import java.time.LocalDate;
import java.util.Locale;

/**
 * One hand-written SVG chart with a time axis: a plot area, axes with UTC clock labels and a value
 * scale, and helpers that map (time, value) to pixels. No scripting, no external resources: the
 * page stays one self-contained file that any browser (or XML parser) reads.
 */
final class SvgChart {
  static final int WIDTH = 920;
  private static final int LEFT = 56;
  private static final int RIGHT = 190;
  private static final int TOP = 28;
  private static final int BOTTOM = 34;
  /** Tick spacings for the time axis, in minutes: the first that gives at most 9 ticks wins. */
  private static final long[] TIME_STEPS = {1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080};

  private final StringBuilder svg = new StringBuilder();
  private final int height;
  private final long fromMillis;
  private final long toMillis;
  private final double maxValue;
  private int legendRow;

  /**
   * @param maxValue the highest value to show (the scale's top is rounded up from it)
   * @param counts whether values are counts, so the scale gets whole steps
   */
  SvgChart(String title, int height, long fromMillis, long toMillis, double maxValue, boolean counts, String valueLabel) {
    this.height = height;
    this.fromMillis = fromMillis;
    this.toMillis = Math.max(toMillis, fromMillis + 60_000);
    this.maxValue = scaleTop(Math.max(1, maxValue), counts);
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
        WIDTH, height, WIDTH, height));
    svg.append("<title>").append(Html.escape(title)).append("</title>");
    svg.append(text(LEFT, 16, title, "start", "title"));
    axes(valueLabel);
  }

  /** The x pixel of {@code millis}. */
  double x(long millis) {
    return LEFT + (double) (millis - fromMillis) / (toMillis - fromMillis) * plotWidth();
  }

  /** The y pixel of {@code value}. */
  double y(double value) {
    return TOP + plotHeight() - Math.min(value, maxValue) / maxValue * plotHeight();
  }

  double bottom() {
    return TOP + plotHeight();
  }

  /** A filled polygon through the points (x, y pairs). */
  void polygon(double[] points, String color, String cssClass) {
    svg.append("<polygon class=\"").append(cssClass).append("\" fill=\"").append(color).append("\" points=\"")
        .append(points(points)).append("\"/>");
  }

  /** A line through the points (x, y pairs). */
  void polyline(double[] points, String color, String cssClass) {
    svg.append("<polyline class=\"").append(cssClass).append("\" fill=\"none\" stroke=\"").append(color)
        .append("\" stroke-width=\"1.6\" points=\"").append(points(points)).append("\"/>");
  }

  /** A dashed horizontal line at {@code value}, labelled at its right end. */
  void limit(double value, String label) {
    double y = y(value);
    svg.append(String.format(Locale.ROOT,
        "<line class=\"limit\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#b00\" stroke-dasharray=\"5,4\"/>",
        LEFT, y, (double) LEFT + plotWidth(), y));
    svg.append(text(LEFT + plotWidth() - 4, y - 4, label, "end", "limit-label"));
  }

  /** A legend entry in the right margin. */
  void legend(String label, String color) {
    double y = TOP + 6 + legendRow++ * 16;
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>",
        WIDTH - RIGHT + 14, y - 9, color));
    svg.append(text(WIDTH - RIGHT + 30, y, label, "start", "legend"));
  }

  /** A note in the middle of the plot (no data). */
  void note(String message) {
    svg.append(text(LEFT + plotWidth() / 2.0, TOP + plotHeight() / 2.0, message, "middle", "note"));
  }

  String finish() {
    return svg + "</svg>";
  }

  // The frame, the value gridlines and the time ticks.
  private void axes(String valueLabel) {
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>", LEFT, TOP, plotWidth(),
        plotHeight()));
    for (int i = 0; i <= 4; i++) {
      double value = maxValue * i / 4;
      double y = y(value);
      if (i > 0 && i < 4) {
        svg.append(String.format(Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>", LEFT, y, LEFT + plotWidth(), y));
      }
      svg.append(text(LEFT - 6, y + 4, Display.decimal(value, value == Math.rint(value) ? 0 : 1), "end", "tick"));
    }
    svg.append(text(14, TOP + plotHeight() / 2.0, valueLabel, "middle", "axis-label",
        String.format(Locale.ROOT, " transform=\"rotate(-90 14 %.1f)\"", TOP + plotHeight() / 2.0)));
    long stepMillis = timeStep() * 60_000;
    LocalDate day = Display.day(fromMillis);
    long firstTick = (fromMillis + stepMillis - 1) / stepMillis * stepMillis;
    for (long t = firstTick; t <= toMillis; t += stepMillis) {
      double x = x(t);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>", x, bottom(), x, bottom() + 4));
      svg.append(text(x, bottom() + 16, Display.clock(t, day), "middle", "tick"));
    }
    svg.append(text(LEFT + plotWidth() / 2.0, height - 4, "time (UTC, from " + day + ")", "middle", "axis-label"));
  }

  // The tick spacing in minutes that gives at most 9 ticks.
  private long timeStep() {
    double minutes = (toMillis - fromMillis) / 60_000.0;
    for (long step : TIME_STEPS) {
      if (minutes / step <= 9) {
        return step;
      }
    }
    return TIME_STEPS[TIME_STEPS.length - 1];
  }

  private int plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private int plotHeight() {
    return height - TOP - BOTTOM;
  }

  /** A text element, escaped. */
  static String text(double x, double y, String content, String anchor, String cssClass) {
    return text(x, y, content, anchor, cssClass, "");
  }

  private static String text(double x, double y, String content, String anchor, String cssClass, String extra) {
    return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>",
        cssClass, x, y, anchor, extra, Html.escape(content));
  }

  // "x,y x,y …" with one decimal.
  private static String points(double[] points) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < points.length; i += 2) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(String.format(Locale.ROOT, "%.1f,%.1f", points[i], points[i + 1]));
    }
    return out.toString();
  }

  /**
   * The top of a value scale with four even steps: the step is the smallest of 1, 1.5, 2, 2.5, 3,
   * 4, 5, 6, 8 × 10^k that reaches a quarter of {@code value}; whole steps only for counts.
   */
  static double scaleTop(double value, boolean counts) {
    double quarter = Math.max(value, 1e-9) / 4;
    double power = Math.pow(10, Math.floor(Math.log10(quarter)));
    for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      double step = m * power;
      if (step >= quarter - 1e-9 && (!counts || step == Math.rint(step))) {
        return 4 * step;
      }
    }
    return counts ? 4 * Math.ceil(quarter) : 4 * 10 * power;
  }
}
