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
 * value that leaves work undone must not look cheapest), the cost, and the limit that held back the
 * most work over the run. Below the table, the best
 * value per objective for each strategy: the shortest makespan, the shortest p95 wait of the most
 * urgent level and the lowest cost, among the values whose run landed every object (a value that
 * drops work would win all three); the first value tried wins a tie.
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
        "cost", "held back most by"});
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
            Display.usd(f.cost().totalUsd()),
            BoundTheDay.heldBackMost(f)});
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
    for (Best best : best(points, urgent)) {
      out.append("best for ").append(best.strategy()).append(": ");
      if (best.makespan() == null) {
        out.append("no value landed every object\n");
        continue;
      }
      out.append("makespan ").append(best.makespan().value()).append(" (")
          .append(Display.duration(best.makespan().figure())).append("), ")
          .append(urgent < 0 ? "p95 wait " : "P" + urgent + " p95 wait ")
          .append(best.p95() == null ? Display.NONE : best.p95().value() + " ("
              + Display.duration(best.p95().figure()) + ")")
          .append(", cost ").append(best.cost().value()).append(" (").append(Display.usd(best.cost().figure()))
          .append(")\n");
    }
    out.append("refused: calls AWS refused at a limit; unfinished: still waiting or running at the horizon (its cost is"
        + " not all counted); ÷ bound: makespan over its lower bound (1.00 is the best possible); held back most by: the limit that held back"
        + " the most object-minutes (see \"What bound the day\")\n");
    return out.toString();
  }

  /**
   * The sweep for machines: {@code {"key", "values": [{"value", "report": <JsonReport>}],
   * "best": [{"strategy", "makespan", "p95", "cost"}]}}, each best a value of the key or null.
   */
  public static ObjectNode toJson(String key, List<Point> points) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("key", key);
    ArrayNode values = root.putArray("values");
    for (Point point : points) {
      ObjectNode value = values.addObject();
      value.put("value", point.value());
      value.set("report", JsonReport.toJson(point.report()));
    }
    ArrayNode best = root.putArray("best");
    for (Best b : best(points, mostUrgentPriority(points))) {
      ObjectNode entry = best.addObject();
      entry.put("strategy", b.strategy());
      entry.put("makespan", b.makespan() == null ? null : b.makespan().value());
      entry.put("p95", b.p95() == null ? null : b.p95().value());
      entry.put("cost", b.cost() == null ? null : b.cost().value());
    }
    return root;
  }

  /** The value that gave the best figure, and that figure. */
  public record Choice(String value, double figure) {}

  /** One strategy's best values per objective, null where no value landed every object. */
  public record Best(String strategy, Choice makespan, Choice p95, Choice cost) {}

  /** Each strategy's best values, in the order of the first report's strategies. */
  public static List<Best> best(List<Point> points, int urgent) {
    List<Best> out = new ArrayList<>();
    if (points.isEmpty()) {
      return out;
    }
    for (Figures strategy : points.get(0).report().figures()) {
      Choice makespan = null;
      Choice p95 = null;
      Choice cost = null;
      for (Point point : points) {
        Figures f = point.report().figures().stream().filter(x -> x.label().equals(strategy.label())).findFirst()
            .orElse(null);
        if (f == null || f.completed() < f.objects() || f.makespanSeconds() == null) {
          continue;
        }
        makespan = better(makespan, point.value(), f.makespanSeconds());
        WaitStats w = urgent < 0 ? null : f.waits(urgent);
        if (w != null && w.p95Seconds() != null) {
          p95 = better(p95, point.value(), w.p95Seconds());
        }
        cost = better(cost, point.value(), f.cost().totalUsd());
      }
      out.add(new Best(strategy.label(), makespan, p95, cost));
    }
    return out;
  }

  // The lower of the current choice and a new value's figure; the earlier one on a tie.
  private static Choice better(Choice current, String value, double figure) {
    return current == null || figure < current.figure() ? new Choice(value, figure) : current;
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
