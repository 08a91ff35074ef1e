package io.datalakewlm.simulator.strategy;

import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.run.ObjectLedger;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.scenario.AggregateSpec;
import io.datalakewlm.simulator.scenario.DatasetSpec;
import io.datalakewlm.simulator.scenario.ObjectArrival;
import io.datalakewlm.simulator.scenario.Scenario;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The part of a strategy's run every strategy shares: schedule the scenario's arrivals (and each
 * aggregate's daily start) on the virtual clock, advance the clock in slices, sample the waiting
 * objects per priority at each slice, report progress, and stop when everything has settled or
 * the horizon is reached.
 */
final class Replay {
  /** Sampling step of the queue-depth series and of the settle check. */
  static final long SLICE_MILLIS = 60_000;

  private final Scenario scenario;
  private final Scheduler scheduler;
  private final ObjectLedger ledger;
  private final Map<Integer, List<Integer>> samples = new HashMap<>();
  private int pendingArrivals;
  private LimitProbe probe;

  Replay(Scenario scenario, Scheduler scheduler, ObjectLedger ledger) {
    this.scenario = scenario;
    this.scheduler = scheduler;
    this.ledger = ledger;
  }

  /** The priority level of an atomic or aggregate dataset of the scenario. */
  static int priorityOf(Scenario scenario, String dataset) {
    DatasetSpec spec = scenario.dataset(dataset);
    if (spec != null) {
      return spec.priority();
    }
    for (AggregateSpec aggregate : scenario.aggregates()) {
      if (aggregate.name().equals(dataset)) {
        return aggregate.priority();
      }
    }
    throw new IllegalArgumentException("no dataset named " + dataset);
  }

  /** The object key of an aggregate's daily run: {@code aggregate/<source>-<name>/<day>}. */
  static String aggregateKey(AggregateSpec aggregate, LocalDate day) {
    return aggregateKey(aggregate.source() + "-" + aggregate.name(), day);
  }

  /** The object key of the daily run of the aggregate named {@code <source>-<name>}. */
  static String aggregateKey(String datasetName, LocalDate day) {
    return "aggregate/" + datasetName + "/" + day;
  }

  /** Samples what held work back at the end of every slice, for the report's "what bound the day". */
  void probe(LimitProbe probe) {
    this.probe = probe;
  }

  /** Schedules every arrival: the ledger learns of it, then {@code onArrival} handles it. */
  void scheduleArrivals(Consumer<ObjectArrival> onArrival) {
    for (ObjectArrival arrival : scenario.arrivals()) {
      pendingArrivals++;
      scheduler.at(arrival.at().toEpochMilli(), () -> {
        pendingArrivals--;
        ledger.arrived(arrival, scheduler.nowMillis());
        onArrival.accept(arrival);
      });
    }
  }

  /**
   * Schedules each aggregate's daily start inside the horizon: the ledger learns of the
   * aggregate's run as an object of its own, then {@code onStart} starts it.
   */
  void scheduleAggregates(AggregateStart onStart) {
    Instant start = scenario.start();
    Instant end = start.plus(scenario.horizon());
    for (AggregateSpec aggregate : scenario.aggregates()) {
      LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC);
      while (true) {
        Instant at = day.atTime(aggregate.schedule()).toInstant(ZoneOffset.UTC);
        if (!at.isBefore(end)) {
          break;
        }
        if (!at.isBefore(start)) {
          LocalDate today = day;
          String key = aggregateKey(aggregate, today);
          pendingArrivals++;
          scheduler.at(at.toEpochMilli(), () -> {
            pendingArrivals--;
            ledger.arrived(new ObjectArrival(-1, at, aggregate.source(), aggregate.name(), key), scheduler.nowMillis());
            onStart.start(aggregate, today, key);
          });
        }
        day = day.plusDays(1);
      }
    }
  }

  /** Starts an aggregate's run for a day. */
  @FunctionalInterface
  interface AggregateStart {
    void start(AggregateSpec aggregate, LocalDate day, String key);
  }

  /**
   * Advances the clock slice by slice until every arrival has come and settled ({@code settled}
   * also lets the strategy mark dead ends first) and the account is {@code idle} (runs and crawls
   * still going when the last object settles are billed when they end), or until the horizon;
   * returns the end.
   */
  long run(String label, Progress progress, BooleanSupplier settled, BooleanSupplier idle) {
    long start = scenario.start().toEpochMilli();
    long horizon = start + scenario.horizon().toMillis();
    long now = start;
    while (now < horizon) {
      now = Math.min(horizon, now + SLICE_MILLIS);
      scheduler.runUntil(now);
      sample();
      if (probe != null) {
        probe.sample(now);
      }
      progress.update(label, (now - start) / (double) (horizon - start));
      if (pendingArrivals == 0 && settled.getAsBoolean() && idle.getAsBoolean()) {
        break;
      }
    }
    progress.update(label, 1);
    return now;
  }

  /** The sampled waiting objects per priority level, one value per slice. */
  Map<Integer, int[]> queueDepth() {
    Map<Integer, int[]> depth = new HashMap<>();
    samples.forEach((priority, values) -> depth.put(priority, values.stream().mapToInt(Integer::intValue).toArray()));
    return depth;
  }

  // Records the waiting objects per priority at the end of a slice (zero for levels seen before).
  private void sample() {
    Map<Integer, Integer> waiting = ledger.waitingByPriority();
    int index = samples.isEmpty() ? 0 : samples.values().iterator().next().size();
    for (Integer priority : waiting.keySet()) {
      samples.computeIfAbsent(priority, p -> new ArrayList<>(Collections.nCopies(index, 0)));
    }
    samples.forEach((priority, values) -> values.add(waiting.getOrDefault(priority, 0)));
  }
}
