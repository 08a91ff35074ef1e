package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.run.DependencyCheck;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.scenario.AggregateSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One aggregate's run of one day: when it was scheduled, when each of its inputs was first in
 * that day, when all of them were (ready), and when its transform started and ended, or that it
 * was abandoned and which inputs were missing.
 *
 * <p>An input is in for the day when an object of that dataset landed that UTC day, which is what
 * the dependency check asks ("stage B completed today"). {@code readyMillis} is when the last
 * input came in; {@code checks} are the dependency stage's own looks, each with what it found
 * missing, so the first check without missing inputs is when the stage saw it ready (the
 * transform is queued then). The missing inputs of an abandoned run are the inputs not in by the
 * end of the run; an input that came in after the last check shows with its time in
 * {@code inputs}, and the last check names what was missing when the stage gave up.
 *
 * @param scheduledMillis the aggregate's start that day (its {@code schedule})
 * @param inputs each dependency → when its first object of that day landed, or -1
 * @param readyMillis when the last input came in, or -1 while one was missing
 * @param transformStartMillis when the aggregate's job run started, or -1
 * @param transformEndMillis when it succeeded, or -1
 * @param missing the inputs with no landed object that day, in the aggregate's order
 * @param reason for a failed or lost run, the error that ended it; else null
 * @param checks the dependency checks of the run, in time order (empty for a strategy that
 *     records none)
 */
public record AggregateDay(String aggregate, String source, LocalDate day, long scheduledMillis,
    Map<String, Long> inputs, long readyMillis, long transformStartMillis, long transformEndMillis,
    ObjectOutcome outcome, List<String> missing, String reason, List<DependencyCheck> checks) {

  public AggregateDay {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    missing = List.copyOf(missing);
    checks = List.copyOf(checks);
  }

  /** Whether the run was given up: failed or lost (an unfinished run is still waiting). */
  public boolean abandoned() {
    return outcome == ObjectOutcome.FAILED || outcome == ObjectOutcome.LOST;
  }

  /**
   * The checks in a few words, consecutive checks that found the same inputs missing together:
   * {@code 06:00 07:00 (missing: crm-contacts), 08:00 (ready)}; more than four alike show their
   * first and last time and their number. {@link Display#NONE} when no check was recorded.
   *
   * @param dayZero the report's first day (later days' times carry {@code +1d})
   */
  public String checksSummary(LocalDate dayZero) {
    if (checks.isEmpty()) {
      return Display.NONE;
    }
    List<String> groups = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= checks.size(); i++) {
      if (i == checks.size() || !checks.get(i).missing().equals(checks.get(from).missing())) {
        List<DependencyCheck> alike = checks.subList(from, i);
        String times = alike.size() <= 4
            ? String.join(" ", alike.stream().map(c -> Display.clock(c.atMillis(), dayZero)).toList())
            : Display.clock(alike.get(0).atMillis(), dayZero) + "…" + Display.clock(alike.get(alike.size() - 1).atMillis(),
                dayZero) + ", " + alike.size() + " checks";
        List<String> missing = alike.get(0).missing();
        groups.add(times + (missing.isEmpty() ? " (ready)" : " (missing: " + String.join(", ", missing) + ")"));
        from = i;
      }
    }
    return String.join(", ", groups);
  }

  /**
   * The times of the checks alone, for a terminal cell: {@code 06:00 06:15 06:30}, or the first
   * and last time and their number ({@code 06:00…07:30 ×4}) when the list would be longer than
   * {@code maxChars}; {@link Display#NONE} when no check was recorded.
   */
  public String checkTimes(LocalDate dayZero, int maxChars) {
    if (checks.isEmpty()) {
      return Display.NONE;
    }
    String all = String.join(" ", checks.stream().map(c -> Display.clock(c.atMillis(), dayZero)).toList());
    if (all.length() <= maxChars || checks.size() == 1) {
      return all;
    }
    return Display.clock(checks.get(0).atMillis(), dayZero) + "…"
        + Display.clock(checks.get(checks.size() - 1).atMillis(), dayZero) + " ×" + checks.size();
  }

  /** Every aggregate's run of every day, in the order they were scheduled, with its checks. */
  public static List<AggregateDay> measure(List<ObjectRecord> objects, List<AggregateSpec> aggregates,
      List<DependencyCheck> checks) {
    if (aggregates.isEmpty()) {
      return List.of();
    }
    Map<String, List<DependencyCheck>> checksOf = new HashMap<>();
    checks.forEach(c -> checksOf.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c));
    checksOf.values().forEach(list -> list.sort(Comparator.comparingLong(DependencyCheck::atMillis)));
    Map<String, AggregateSpec> byName = new HashMap<>();
    aggregates.forEach(a -> byName.put(a.name(), a));
    // dataset → day → first landing that day
    Map<String, Map<LocalDate, Long>> firstLanding = new HashMap<>();
    List<ObjectRecord> runs = new ArrayList<>();
    for (ObjectRecord o : objects) {
      if (byName.containsKey(o.dataset()) && o.key().startsWith("aggregate/")) {
        runs.add(o);
      }
      if (o.outcome() == ObjectOutcome.COMPLETED && o.landedMillis() >= 0) {
        firstLanding.computeIfAbsent(o.dataset(), d -> new HashMap<>())
            .merge(day(o.landedMillis()), o.landedMillis(), Math::min);
      }
    }
    runs.sort(Comparator.comparingLong(ObjectRecord::arrivedMillis));
    List<AggregateDay> out = new ArrayList<>();
    for (ObjectRecord run : runs) {
      AggregateSpec aggregate = byName.get(run.dataset());
      LocalDate day = day(run.arrivedMillis());
      Map<String, Long> inputs = new LinkedHashMap<>();
      List<String> missing = new ArrayList<>();
      long ready = -1;
      for (String dependency : aggregate.dependencies()) {
        Long in = firstLanding.getOrDefault(dependency, Map.of()).get(day);
        inputs.put(dependency, in == null ? -1L : in);
        if (in == null) {
          missing.add(dependency);
        } else {
          ready = Math.max(ready, in);
        }
      }
      boolean landed = run.outcome() == ObjectOutcome.COMPLETED;
      out.add(new AggregateDay(aggregate.name(), aggregate.source(), day, run.arrivedMillis(), inputs,
          missing.isEmpty() ? ready : -1, run.startedMillis(), landed ? run.landedMillis() : -1, run.outcome(), missing,
          run.reason(), checksOf.getOrDefault(run.key(), List.of())));
    }
    return out;
  }

  // The UTC day of an instant.
  private static LocalDate day(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
