package io.datalakewlm.simulator.report;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * One hand-written SVG figure: a title, a colour key and small multiples ({@link TimePanel}s with a
 * time axis, {@link BarPanel}s of durations), each panel on its own scale where the figure says
 * so. Every panel is a {@code <g class="panel">} whose {@code <title>} is its tooltip; series, bars
 * and hover columns carry their own {@code <title>} with exact values, which a browser shows on
 * hover without any script. No external resources: the page stays one self-contained file that
 * any browser (or XML parser) reads.
 */
final class SvgChart {
  static final int WIDTH = 920;
  /** Tick spacings for the time axis, in minutes: the first that fits the panel's width wins. */
  private static final long[] TIME_STEPS = {1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080};
  /** Ticks of a logarithmic duration axis, in seconds. */
  private static final double[] LOG_TICKS = {1, 10, 60, 600, 3600, 36_000, 86_400, 864_000};

  private final StringBuilder svg = new StringBuilder();
  private int panels;

  /** @param kind a class naming the figure ({@code running-jobs}, {@code queue-depth}, …) */
  SvgChart(String kind, String title, int height) {
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart %s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " role=\"img\">", kind, WIDTH, height, WIDTH, height));
    svg.append("<title>").append(Html.escape(title)).append("</title>");
    svg.append(text(8, 16, title, "start", "title"));
  }

  /**
   * A colour key in one row from ({@code x}, {@code y}): label → colour, each entry classed
   * {@code key} and {@code cssPrefix + cssName(label)}.
   */
  void key(double x, double y, Map<String, String> entries, String cssPrefix) {
    double at = x;
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      svg.append(String.format(Locale.ROOT,
          "<rect class=\"key %s%s\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>", cssPrefix,
          cssName(entry.getKey()), at, y - 9, entry.getValue()));
      svg.append(text(at + 14, y, entry.getKey(), "start", "legend"));
      at += 14 + 6.5 * entry.getKey().length() + 16;
    }
  }

  /** A line of text in the figure, outside any panel. */
  void label(double x, double y, String content, String anchor, String cssClass) {
    svg.append(text(x, y, content, anchor, cssClass));
  }

  void add(Panel panel) {
    svg.append(panel.finish());
    panels++;
  }

  int panels() {
    return panels;
  }

  String finish() {
    return svg + "</svg>";
  }

  /** A panel: a box in the figure with its title and its tooltip. */
  abstract static class Panel {
    final StringBuilder svg = new StringBuilder();
    final double left;
    final double top;
    final double plotWidth;
    final double plotHeight;

    /** The panel's box is ({@code x}, {@code y}, {@code width}, {@code height}); the plot is inset by the margins. */
    Panel(String title, String tooltip, double x, double y, double width, double height, double marginLeft,
        double marginRight, double marginBottom) {
      this.left = x + marginLeft;
      this.top = y + 20;
      this.plotWidth = width - marginLeft - marginRight;
      this.plotHeight = height - 20 - marginBottom;
      svg.append("<g class=\"panel\"><title>").append(Html.escape(tooltip)).append("</title>");
      svg.append(text(left, y + 14, title, "start", "panel-title"));
    }

    /** A note in the middle of the plot (no data). */
    void note(String message) {
      svg.append(text(left + plotWidth / 2, top + plotHeight / 2, message, "middle", "note"));
    }

    String finish() {
      return svg + "</g>";
    }
  }

  /** A panel of values over time: a value scale from 0, UTC clock ticks. */
  static final class TimePanel extends Panel {
    private final long fromMillis;
    private final long toMillis;
    private final double maxValue;

    /**
     * @param maxValue the highest value to show (the scale's top is rounded up from it)
     * @param counts whether values are counts, so the scale gets whole steps
     */
    TimePanel(String title, String tooltip, double x, double y, double width, double height, long fromMillis,
        long toMillis, double maxValue, boolean counts) {
      super(title, tooltip, x, y, width, height, 40, 18, 22);
      this.fromMillis = fromMillis;
      this.toMillis = Math.max(toMillis, fromMillis + 60_000);
      this.maxValue = scaleTop(Math.max(1, maxValue), counts);
      axes();
    }

    double x(long millis) {
      return left + (double) (millis - fromMillis) / (toMillis - fromMillis) * plotWidth;
    }

    double y(double value) {
      return top + plotHeight - Math.min(value, maxValue) / maxValue * plotHeight;
    }

    /** A filled polygon through the points (x, y pairs). */
    void polygon(double[] points, String color, String cssClass, String tooltip) {
      svg.append("<polygon class=\"").append(cssClass).append("\" fill=\"").append(color).append("\" points=\"")
          .append(points(points)).append("\"><title>").append(Html.escape(tooltip)).append("</title></polygon>");
    }

    /** A line through the points (x, y pairs). */
    void polyline(double[] points, String color, String cssClass, String tooltip) {
      svg.append("<polyline class=\"").append(cssClass).append("\" fill=\"none\" stroke=\"").append(color)
          .append("\" stroke-width=\"1.6\" points=\"").append(points(points)).append("\"><title>")
          .append(Html.escape(tooltip)).append("</title></polyline>");
    }

    /** A dashed horizontal line at {@code value}, labelled at its right end. */
    void limit(double value, String label, String color) {
      double y = y(value);
      svg.append(String.format(Locale.ROOT,
          "<line class=\"limit\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"5,4\">"
              + "<title>%s</title></line>", left, y, left + plotWidth, y, color, Html.escape(label)));
      svg.append(String.format(Locale.ROOT, "<text class=\"limit-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\""
          + " style=\"fill:%s\">%s</text>", left + plotWidth - 4, y - 3, color, Html.escape(label)));
    }

    /**
     * An invisible column over the plot from {@code fromMillis} to {@code toMillis} whose tooltip
     * gives the exact values there (transparent but painted, so the browser hovers it).
     */
    void hover(long fromMillis, long toMillis, String tooltip) {
      double x1 = x(Math.max(fromMillis, this.fromMillis));
      double x2 = x(Math.min(toMillis, this.toMillis));
      svg.append(String.format(Locale.ROOT, "<rect class=\"hover\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
          + " fill=\"#000\" fill-opacity=\"0\"><title>%s</title></rect>", x1, top, Math.max(0.5, x2 - x1), plotHeight,
          Html.escape(tooltip)));
    }

    // The frame, the value gridlines and the time ticks.
    private void axes() {
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#999\"/>", left, top,
          plotWidth, plotHeight));
      for (int i = 0; i <= 4; i++) {
        double value = maxValue * i / 4;
        double y = y(value);
        if (i > 0 && i < 4) {
          svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>",
              left, y, left + plotWidth, y));
        }
        svg.append(text(left - 5, y + 4, Display.decimal(value, value == Math.rint(value) ? 0 : 1), "end", "tick"));
      }
      long stepMillis = timeStep() * 60_000;
      LocalDate day = Display.day(fromMillis);
      long firstTick = (fromMillis + stepMillis - 1) / stepMillis * stepMillis;
      for (long t = firstTick; t <= toMillis; t += stepMillis) {
        double x = x(t);
        double bottom = top + plotHeight;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>",
            x, bottom, x, bottom + 4));
        svg.append(text(x, bottom + 15, Display.clock(t, day), "middle", "tick"));
      }
    }

    // The tick spacing in minutes that leaves at least 52 pixels between labels.
    private long timeStep() {
      double minutes = (toMillis - fromMillis) / 60_000.0;
      double ticks = Math.max(2, Math.min(9, plotWidth / 52));
      for (long step : TIME_STEPS) {
        if (minutes / step <= ticks) {
          return step;
        }
      }
      return TIME_STEPS[TIME_STEPS.length - 1];
    }
  }

  /**
   * A panel of horizontal duration bars, one row each: a bar to the p95, a white mark at the
   * median, a black tick at the maximum, the figures in words at the right; on a linear scale
   * from 0 or a logarithmic one from 1 s.
   */
  static final class BarPanel extends Panel {
    static final int ROW = 16;
    private static final int LABEL_WIDTH = 120;
    private static final int VALUE_WIDTH = 270;
    private final double topSeconds;
    private final boolean log;
    private int row;

    /** The height a panel of {@code rows} rows needs. */
    static int height(int rows) {
      return 20 + rows * ROW + 24;
    }

    BarPanel(String title, String tooltip, double x, double y, double width, int rows, double maxSeconds, boolean log) {
      super(title, tooltip, x, y, width, height(rows), LABEL_WIDTH, VALUE_WIDTH, 24);
      this.log = log;
      this.topSeconds = log ? Math.max(10, Math.pow(10, Math.ceil(Math.log10(Math.max(1, maxSeconds)))))
          : linearTop(maxSeconds);
      axis();
    }

    /** One row: a bar, or the note when there is no wait to show. */
    void bar(String label, WaitBar wait, String color, String cssClass, String tooltip) {
      double y = top + row++ * ROW;
      svg.append(text(left - 6, y + 12, label, "end", "tick"));
      if (wait.p95Seconds() == null) {
        svg.append(text(left + 4, y + 12, wait.note(), "start", "note"));
        return;
      }
      double p50 = x(wait.p50Seconds());
      double p95 = x(wait.p95Seconds());
      double max = x(wait.maxSeconds());
      svg.append(String.format(Locale.ROOT,
          "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"11\" fill=\"%s\"><title>%s</title></rect>",
          cssClass, left, y + 2, Math.max(1, p95 - left), color, Html.escape(tooltip)));
      svg.append(String.format(Locale.ROOT, "<line class=\"wait p50\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
          + " stroke=\"#fff\" stroke-width=\"2\"/>", p50, y + 2, p50, y + 13));
      svg.append(String.format(Locale.ROOT, "<line class=\"wait max\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
          + " stroke=\"#000\" stroke-width=\"2\"><title>%s</title></line>", max, y, max, y + 15, Html.escape(tooltip)));
      svg.append(text(left + plotWidth + 8, y + 12, "p50 " + Display.duration(wait.p50Seconds()) + ", p95 "
          + Display.duration(wait.p95Seconds()) + ", max " + Display.duration(wait.maxSeconds()), "start", "tick"));
    }

    private double x(double seconds) {
      double share = log ? Math.log10(Math.max(1, seconds)) / Math.log10(topSeconds) : seconds / topSeconds;
      return left + plotWidth * Math.min(1, Math.max(0, share));
    }

    private void axis() {
      double bottom = top + plotHeight;
      if (log) {
        for (double tick : LOG_TICKS) {
          if (tick <= topSeconds) {
            gridline(x(tick), bottom, Display.duration(tick));
          }
        }
      } else {
        for (int i = 0; i <= 4; i++) {
          gridline(left + plotWidth * i / 4.0, bottom, Display.duration(topSeconds * i / 4));
        }
      }
    }

    private void gridline(double x, double bottom, String label) {
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>",
          x, top, x, bottom));
      svg.append(text(x, bottom + 14, label, "middle", "tick"));
    }

    // A top in whole seconds, minutes or hours, with four even steps.
    private static double linearTop(double maxSeconds) {
      double unit = maxSeconds < 120 ? 1 : maxSeconds < 7200 ? 60 : 3600;
      return scaleTop(Math.max(1, maxSeconds / unit), false) * unit;
    }
  }

  /** What a wait bar shows; the figures null with a note when there is none. */
  record WaitBar(Double p50Seconds, Double p95Seconds, Double maxSeconds, String note) {}

  /** A text element, escaped. */
  static String text(double x, double y, String content, String anchor, String cssClass) {
    return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        cssClass, x, y, anchor, Html.escape(content));
  }

  /** A name safe in a class attribute. */
  static String cssName(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
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
