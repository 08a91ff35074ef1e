package io.datalakewlm.simulator.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A what-if sweep ({@code wlm simulate --sweep key=v1,v2,…}): the same scenario run once per value
 * of one knob, one row per value (and per strategy when several ran) with the figures a user tunes
 * by: makespan and its ratio to the lower bound, the p95 wait of the most urgent priority level,
 * calls refused at a limit, objects failed or lost, objects still unfinished at the horizon (a
 * value that leaves work undone must not look cheapest), and the cost.
 */
public final class SweepReport {
  /** One value of the swept key and the report of the scenario run with it. */
  public record Point(String value, Report report) {}

  private SweepReport() {}

  /** The terminal table. */
  public static String render(String key, List<Point> points) {
    int urgent = mostUrgentPriority(points);
    List<String[]> rows = new ArrayList<>();
    String waitHeader = urgent < 0 ? "p95 wait" : "p95 wait P" + urgent;
    rows.add(new String[] {key, "strategy", "makespan", "÷ bound", waitHeader, "refused", "failed+lost", "unfinished",
        "cost"});
    for (Point point : points) {
      boolean firstOfValue = true;
      for (Figures f : point.report().figures()) {
        WaitStats w = urgent < 0 ? null : f.waits(urgent);
        rows.add(new String[] {
            firstOfValue ? point.value() : "",
            f.label(),
            Display.duration(f.makespanSeconds()),
            f.makespanOverBound() == null ? Display.NONE : Display.decimal(f.makespanOverBound(), 2),
            w == null ? Display.NONE : Display.duration(w.p95Seconds()),
            f.limitErrors() > 0 ? TableReport.BAD + Display.count(f.limitErrors()) : "0",
            f.failedOrLost() > 0 ? TableReport.BAD + Display.count(f.failedOrLost()) : "0",
            f.unfinished() > 0 ? TableReport.BAD + Display.count(f.unfinished()) : "0",
            Display.usd(f.cost().totalUsd())});
        firstOfValue = false;
      }
    }
    StringBuilder out = new StringBuilder();
    if (!points.isEmpty()) {
      Report first = points.get(0).report();
      out.append("Sweep of ").append(key).append(" over ").append(first.scenario().name()).append(" (")
          .append(first.scenario().file()).append("), seed ").append(first.scenario().seed()).append(": ")
          .append(points.size()).append(points.size() == 1 ? " value" : " values").append('\n');
    }
    out.append(columns(rows));
    out.append("refused: calls AWS refused at a limit; unfinished: still waiting or running at the horizon (its cost is"
        + " not all counted); ÷ bound: makespan over its lower bound (1.00 is the best possible)\n");
    return out.toString();
  }

  /** The sweep for machines: {@code {"key", "values": [{"value", "report": <JsonReport>}]}}. */
  public static ObjectNode toJson(String key, List<Point> points) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("key", key);
    ArrayNode values = root.putArray("values");
    for (Point point : points) {
      ObjectNode value = values.addObject();
      value.put("value", point.value());
      value.set("report", JsonReport.toJson(point.report()));
    }
    return root;
  }

  public static String renderJson(String key, List<Point> points) {
    return JsonReport.write(toJson(key, points));
  }

  // The most urgent priority level any run received objects at, or -1.
  private static int mostUrgentPriority(List<Point> points) {
    int urgent = Integer.MAX_VALUE;
    for (Point point : points) {
      for (Figures f : point.report().figures()) {
        for (WaitStats w : f.waits()) {
          urgent = Math.min(urgent, w.priority());
        }
      }
    }
    return urgent == Integer.MAX_VALUE ? -1 : urgent;
  }

  // Left-aligned columns, two spaces apart.
  private static String columns(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
