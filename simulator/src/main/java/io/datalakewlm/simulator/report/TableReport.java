package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.aws.CostUnit;
import io.datalakewlm.simulator.scenario.Scenario;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The terminal report: one column per strategy, side by side, in 100 columns (strategies that do
 * not fit go to a second block). A {@code !} marks what went wrong (calls AWS refused at a limit,
 * objects failed or lost); a {@code *} marks a resource that reached its limit.
 */
public final class TableReport {
  /** The width the table fits in. */
  public static final int WIDTH = 100;
  static final String BAD = "! ";
  static final String AT_LIMIT = " *";

  private TableReport() {}

  public static String render(Report report) {
    StringBuilder out = new StringBuilder();
    header(out, report);
    out.append('\n');
    out.append(grid(report).render(WIDTH));
    out.append('\n').append("! AWS refused calls at a limit, or objects failed or were lost.  "
        + "* a resource reached its limit.\n");
    return out.toString();
  }

  // The scenario, its overrides, its arrivals and the makespan's lower bound.
  private static void header(StringBuilder out, Report report) {
    Scenario scenario = report.scenario();
    out.append("Scenario ").append(scenario.name()).append(" (").append(scenario.file()).append("), seed ")
        .append(scenario.seed()).append('\n');
    if (!scenario.overrides().isEmpty()) {
      out.append("Overrides: ").append(String.join(", ", scenario.overrides())).append('\n');
    }
    var arrivals = scenario.arrivals();
    if (!arrivals.isEmpty()) {
      long first = arrivals.get(0).at().toEpochMilli();
      long last = arrivals.get(arrivals.size() - 1).at().toEpochMilli();
      LocalDate day = Display.day(first);
      out.append(Display.count(arrivals.size())).append(" objects in ").append(arrivals.perDataset().size())
          .append(" datasets arrive ").append(Display.clock(first, day)).append(" to ")
          .append(Display.clock(last, day)).append(" UTC on ").append(day);
      // aggregates' runs are objects of the report too (the "arrived" row counts them)
      int scheduled = report.figures().isEmpty() ? 0 : report.figures().get(0).objects() - arrivals.size();
      if (scheduled > 0) {
        out.append(", and ").append(Display.count(scheduled)).append(scheduled == 1 ? " aggregate run is" : " aggregate runs are")
            .append(" scheduled (").append(Display.count(arrivals.size() + scheduled)).append(" in all)");
      }
      out.append("; horizon ")
          .append(Display.duration((double) scenario.horizon().toSeconds())).append('\n');
    }
    LowerBound bound = report.lowerBound();
    out.append("Makespan lower bound ").append(Display.duration(bound.seconds())).append(" (from mean durations):\n")
        .append("  work ÷ ").append(scenario.quotas().glueAccountConcurrentRuns()).append(" account job runs ")
        .append(Display.duration(bound.workSeconds())).append(", critical path ")
        .append(Display.duration(bound.criticalPathSeconds()));
    if (bound.criticalJob() != null) {
      out.append(" (job ").append(bound.criticalJob()).append(')');
    }
    out.append('\n');
  }

  // Every section, in reading order.
  private static TextGrid grid(Report report) {
    List<Figures> all = report.figures();
    List<String> headers = new ArrayList<>();
    for (Figures f : all) {
      headers.add(f.label().equals(f.kind()) ? f.label() : f.label() + " (" + f.kind() + ")");
    }
    TextGrid grid = new TextGrid(headers);
    knobs(grid, all);
    objects(grid, all);
    time(grid, report, all);
    waits(grid, all);
    sources(grid, all);
    waves(grid, report, all);
    aggregates(grid, report, all);
    fairness(grid, report, all);
    catalog(grid, all);
    refusals(grid, all);
    peaks(grid, all);
    cost(grid, all);
    return grid;
  }

  // The knobs set away from their defaults; the others are counted, and listed by --json.
  private static void knobs(TextGrid grid, List<Figures> all) {
    Set<String> names = new LinkedHashSet<>();
    all.forEach(f -> names.addAll(f.changedKnobs()));
    boolean anyDefault = all.stream().anyMatch(f -> f.knobs().size() > f.changedKnobs().size());
    if (names.isEmpty() && !anyDefault) {
      return;
    }
    grid.section("Knobs (set in the scenario or by --set)");
    for (String name : names) {
      grid.row("  " + name, cells(all, f -> f.changedKnobs().contains(name) ? f.knobs().get(name) : Display.NONE));
    }
    if (anyDefault) {
      grid.row("  others at their defaults", cells(all, f -> Display.count(f.knobs().size() - f.changedKnobs().size())));
    }
  }

  // Outcomes, then the errors that ended the failed and lost objects.
  private static void objects(TextGrid grid, List<Figures> all) {
    grid.section("Objects");
    grid.row("  arrived", cells(all, f -> Display.count(f.objects())));
    grid.row("  landed", cells(all, f -> Display.count(f.completed())));
    grid.row("  failed", cells(all, f -> bad(f.failed())));
    grid.row("  lost", cells(all, f -> bad(f.lost())));
    grid.row("  unfinished at the horizon", cells(all, f -> Display.count(f.unfinished())));
    Set<String> reasons = new LinkedHashSet<>();
    all.forEach(f -> reasons.addAll(f.failureReasons().keySet()));
    if (!reasons.isEmpty()) {
      grid.row("  failed or lost because of", cells(all, f -> ""));
    }
    for (String reason : reasons) {
      grid.row("    " + shorten(reason, 40), cells(all, f -> {
        Integer n = f.failureReasons().get(reason);
        return n == null ? Display.NONE : Display.count(n);
      }));
    }
  }

  // The makespan and its ratio to the lower bound.
  private static void time(TextGrid grid, Report report, List<Figures> all) {
    grid.section("Makespan (first arrival to last landed)");
    grid.row("  makespan", cells(all, f -> Display.duration(f.makespanSeconds())));
    grid.row("  ÷ lower bound " + Display.duration(report.lowerBound().seconds()) + " (if all landed)",
        cells(all, f -> f.makespanOverBound() != null ? Display.decimal(f.makespanOverBound(), 2)
            : f.completed() < f.objects() ? "n/a" : Display.NONE));
  }

  // Landed count and p50/p95/max per priority level.
  private static void waits(TextGrid grid, List<Figures> all) {
    Set<Integer> priorities = new TreeSet<>();
    all.forEach(f -> f.waits().forEach(w -> priorities.add(w.priority())));
    if (priorities.isEmpty()) {
      return;
    }
    grid.section("Wait from arrival to start (landed objects only; nearest rank)");
    for (int p : priorities) {
      grid.row("  priority " + p + ": landed", cells(all, f -> {
        WaitStats w = f.waits(p);
        return w == null ? Display.NONE : Display.count(w.landed()) + " of " + Display.count(w.objects());
      }));
      grid.row("    p50", cells(all, f -> f.waits(p) == null ? Display.NONE : Display.duration(f.waits(p).p50Seconds())));
      grid.row("    p95", cells(all, f -> f.waits(p) == null ? Display.NONE : Display.duration(f.waits(p).p95Seconds())));
      grid.row("    max", cells(all, f -> f.waits(p) == null ? Display.NONE : Display.duration(f.waits(p).maxSeconds())));
    }
  }

  // Per source: outcomes, waits, last landing, and job-run share beside weight share.
  private static void sources(TextGrid grid, List<Figures> all) {
    if (all.isEmpty() || all.get(0).sources().isEmpty()) {
      return;
    }
    grid.section("Per source (job-run share of the run / share its weight asks)");
    for (SourceFigures first : all.get(0).sources()) {
      String name = first.source();
      String cap = first.maxInFlight() > 0 ? ", maxInFlight " + first.maxInFlight() : "";
      grid.row("  " + shorten(name, 30) + " (weight " + Display.decimal(first.weight(), first.weight() % 1 == 0 ? 0 : 1)
          + cap + "): landed", cells(all, f -> {
            SourceFigures s = f.source(name);
            return s == null ? Display.NONE : Display.count(s.landed()) + " of " + Display.count(s.arrived())
                + (s.failed() > 0 ? " " + BAD + Display.count(s.failed()) + " failed" : "");
          }));
      grid.row("    wait p50 / p95", cells(all, f -> f.source(name) == null ? Display.NONE
          : Display.duration(f.source(name).p50Seconds()) + " / " + Display.duration(f.source(name).p95Seconds())));
      grid.row("    wait max", cells(all, f -> f.source(name) == null ? Display.NONE
          : Display.duration(f.source(name).maxSeconds())));
      grid.row("    last landed", cells(all, f -> {
        SourceFigures s = f.source(name);
        return s == null || s.lastLandedMillis() < 0 ? Display.NONE
            : Display.clock(s.lastLandedMillis(), Display.day(f.firstArrivalMillis()));
      }));
      grid.row("    job-run share / weight", cells(all, f -> f.source(name) == null ? Display.NONE
          : percent(f.source(name).runShare()) + " / " + percent(f.source(name).weightShare())));
    }
  }

  // Per burst and rate window: how many objects, when the last landed, and the p95 wait.
  private static void waves(TextGrid grid, Report report, List<Figures> all) {
    if (all.isEmpty() || all.get(0).waves().isEmpty()) {
      return;
    }
    LocalDate day = Display.day(report.scenario().start().toEpochMilli());
    grid.section("Per arrival wave (done: when its last object landed)");
    for (int i = 0; i < all.get(0).waves().size(); i++) {
      ArrivalWave first = all.get(0).waves().get(i);
      int index = i;
      String when = first.kind().equals("burst") ? Display.clock(first.fromMillis(), day)
          : Display.clock(first.fromMillis(), day) + "-" + Display.clock(first.toMillis(), day);
      grid.row("  " + shorten(first.target(), 24) + " " + when + " " + first.kind() + ", " + Display.count(first.objects())
          + (first.objects() == 1 ? " object: done" : " objects: done"), cells(all, f -> {
            ArrivalWave w = f.waves().get(index);
            return w.doneMillis() >= 0 ? Display.clock(w.doneMillis(), day)
                : w.objects() == 0 ? Display.NONE : Display.count(w.objects() - w.landed()) + " not landed";
          }));
      grid.row("    p95 wait", cells(all, f -> Display.duration(f.waves().get(index).p95Seconds())));
    }
  }

  // Per aggregate and day: when its inputs were all in, and its transform or what was missing.
  private static void aggregates(TextGrid grid, Report report, List<Figures> all) {
    if (all.isEmpty() || all.get(0).aggregates().isEmpty()) {
      return;
    }
    LocalDate day = Display.day(report.scenario().start().toEpochMilli());
    grid.section("Per aggregate and day (ready: its last input landed)");
    List<AggregateDay> first = all.get(0).aggregates();
    for (AggregateDay run : first) {
      String label = shorten(run.aggregate(), 28) + " " + run.day() + " at " + Display.clock(run.scheduledMillis(), day);
      grid.row("  " + label + ": ready", cells(all, f -> {
        AggregateDay a = same(f, run);
        return a == null ? Display.NONE : a.readyMillis() >= 0 ? Display.clock(a.readyMillis(), day)
            : "missing " + shorten(String.join(", ", a.missing()), 30);
      }));
      grid.row("    transform", cells(all, f -> {
        AggregateDay a = same(f, run);
        if (a == null) {
          return Display.NONE;
        }
        if (a.abandoned()) {
          return BAD + "abandoned";
        }
        return a.transformEndMillis() >= 0
            ? Display.clock(a.transformStartMillis(), day) + "-" + Display.clock(a.transformEndMillis(), day)
            : "unfinished";
      }));
      // times only, so the strategies still fit side by side: "ready" above names what was
      // missing, and the JSON and HTML give each check's missing inputs
      grid.row("    checks", cells(all, f -> {
        AggregateDay a = same(f, run);
        return a == null ? Display.NONE : a.checkTimes(day, 17);
      }));
    }
  }

  // The run of the same aggregate and day in another strategy's figures, or null.
  private static AggregateDay same(Figures f, AggregateDay run) {
    return f.aggregates().stream().filter(a -> a.aggregate().equals(run.aggregate()) && a.day().equals(run.day()))
        .findFirst().orElse(null);
  }

  // A share as a whole percentage.
  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }

  // Jain's index: contested windows, mean, worst window.
  private static void fairness(TextGrid grid, Report report, List<Figures> all) {
    grid.section("Fairness between sources (Jain's index, " + Display.duration((double) report.fairnessWindow().toSeconds())
        + " windows with 2+ sources waiting throughout)");
    grid.row("  contested windows", cells(all, f -> f.fairness().contestedWindows() + " of " + f.fairness().windows()));
    grid.row("  mean", cells(all, f -> f.fairness().mean() == null ? "no contention" : Display.decimal(f.fairness().mean(), 2)));
    grid.row("  min", cells(all, f -> {
      Fairness fair = f.fairness();
      return fair.min() == null ? Display.NONE
          : Display.decimal(fair.min(), 2) + " at " + Display.clock(fair.worstWindowStartMillis(), Display.day(f.firstArrivalMillis()));
    }));
  }

  // Crawls run, and how soon a landed object was in the catalog.
  private static void catalog(TextGrid grid, List<Figures> all) {
    if (all.stream().allMatch(f -> f.catalog().crawls() == 0 && f.catalog().notCovered() == 0)) {
      return; // no dataset runs a crawler
    }
    grid.section("Catalog freshness (landed to covered by a finished crawl; nearest rank)");
    grid.row("  crawls", cells(all, f -> Display.count(f.catalog().crawls())));
    grid.row("  objects covered", cells(all, f -> Display.count(f.catalog().covered())));
    grid.row("  landed, not covered by the end", cells(all, f -> Display.count(f.catalog().notCovered())));
    grid.row("  p50", cells(all, f -> Display.duration(f.catalog().p50Seconds())));
    grid.row("  p95", cells(all, f -> Display.duration(f.catalog().p95Seconds())));
  }

  // Calls per API and refusals per code, marking the limit codes.
  private static void refusals(TextGrid grid, List<Figures> all) {
    grid.section("AWS calls: made, and refused by error code");
    Map<String, Set<String>> codes = new TreeMap<>();
    all.forEach(f -> f.apis().forEach(a -> codes.computeIfAbsent(a.api(), k -> new TreeSet<>()).addAll(a.errors().keySet())));
    for (Map.Entry<String, Set<String>> api : codes.entrySet()) {
      grid.row("  " + api.getKey(), cells(all, f -> f.api(api.getKey()) == null ? "0" : Display.count(f.api(api.getKey()).calls())));
      for (String code : api.getValue()) {
        boolean limit = ApiErrors.LIMIT_CODES.contains(code);
        grid.row("    " + code, cells(all, f -> {
          ApiErrors a = f.api(api.getKey());
          long n = a == null ? 0 : a.errors().getOrDefault(code, 0L);
          return n > 0 && limit ? BAD + Display.count(n) : Display.count(n);
        }));
      }
    }
    grid.row("  refused at a limit, all APIs", cells(all, f -> bad(f.limitErrors())));
  }

  // Single resources by name; families (one gauge per job or crawler) summarized.
  private static void peaks(TextGrid grid, List<Figures> all) {
    grid.section("Peak concurrency / limit");
    Map<String, Integer> sizes = new TreeMap<>();
    all.forEach(f -> f.resourceGroups().forEach(g -> sizes.merge(g.group(), g.resources(), Math::max)));
    for (Map.Entry<String, Integer> group : sizes.entrySet()) {
      if (group.getValue() == 1) {
        String resource = all.stream().flatMap(f -> f.peaks().stream()).filter(p -> p.group().equals(group.getKey()))
            .findFirst().orElseThrow().resource();
        grid.row("  " + resource, cells(all, f -> peak(f.peak(resource))));
        continue;
      }
      grid.row("  " + group.getKey() + " (" + group.getValue() + "): highest", cells(all, f -> {
        ResourceGroup g = group(f, group.getKey());
        return g == null ? Display.NONE : peak(new ResourcePeak(g.group(), g.maxPeak(), g.limitOfMax()));
      }));
      grid.row("    at their limit", cells(all, f -> {
        ResourceGroup g = group(f, group.getKey());
        return g == null ? Display.NONE : Display.count(g.atLimit()) + " of " + Display.count(g.resources());
      }));
    }
  }

  // Usage, then the price of each unit and the total.
  private static void cost(TextGrid grid, List<Figures> all) {
    grid.section("Usage and cost (AWS list prices, us-east-1)");
    grid.row("  Step Functions transitions", cells(all, f -> Display.count(f.transitions())));
    grid.row("  DynamoDB reads / writes", cells(all, f -> Display.count(f.dynamoReads()) + " / " + Display.count(f.dynamoWrites())));
    grid.row("  Glue job DPU-hours", cells(all, f -> Display.decimal(f.cost().glueJobDpuHours(), 1)));
    if (all.stream().anyMatch(f -> f.jobRunsBilledAtEnd() > 0)) {
      grid.row("    of job runs cut off by the horizon (billed to it)", cells(all, f -> bad(f.jobRunsBilledAtEnd())));
    }
    grid.row("  Glue crawler DPU-hours", cells(all, f -> Display.decimal(f.cost().glueCrawlerDpuHours(), 1)));
    for (CostUnit unit : CostUnit.values()) {
      grid.row("  cost of " + costLabel(unit), cells(all, f -> Display.usd(f.cost().usd().get(unit))));
    }
    grid.row("  cost, total", cells(all, f -> Display.usd(f.cost().totalUsd())));
  }

  /** The row label of a cost unit. */
  static String costLabel(CostUnit unit) {
    return switch (unit) {
      case GLUE_JOB_DPU_SECONDS -> "Glue jobs";
      case GLUE_CRAWLER_DPU_SECONDS -> "Glue crawlers";
      case SFN_STATE_TRANSITIONS -> "Step Functions";
      case DYNAMODB_WRITE_REQUEST_UNITS -> "DynamoDB writes";
      case DYNAMODB_READ_REQUEST_UNITS -> "DynamoDB reads";
    };
  }

  // The group named `name` of one strategy, or null.
  private static ResourceGroup group(Figures f, String name) {
    return f.resourceGroups().stream().filter(g -> g.group().equals(name)).findFirst().orElse(null);
  }

  // "45 / 50", with the at-limit mark.
  private static String peak(ResourcePeak peak) {
    if (peak == null) {
      return Display.NONE;
    }
    String limit = peak.limit() == null ? "∞" : Display.count(peak.limit());
    return Display.count(peak.peak()) + " / " + limit + (peak.atLimit() ? AT_LIMIT : "");
  }

  // A count, marked when above zero.
  private static String bad(long n) {
    return n > 0 ? BAD + Display.count(n) : "0";
  }

  // Cuts long text to `max` characters with an ellipsis.
  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  // One cell per strategy.
  private static List<String> cells(List<Figures> all, Function<Figures, String> cell) {
    List<String> cells = new ArrayList<>();
    for (Figures f : all) {
      cells.add(cell.apply(f));
    }
    return cells;
  }
}
