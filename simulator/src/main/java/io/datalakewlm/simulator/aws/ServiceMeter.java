package io.datalakewlm.simulator.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * What the emulated account did, for the report: per API the calls and the errors by AWS code;
 * the billable usage in {@link CostUnit}s and its price; per limited resource a {@link Gauge}
 * (now, peak, limit); per kind of run an {@link Occupancy} (running count per tag over time).
 *
 * <p>Every emulated service of one account shares one meter. Maps are sorted by name so that a
 * report printed from two runs with the same seed is identical byte for byte.
 */
public final class ServiceMeter {
  private final LongSupplier clock;
  private final Map<String, ApiStats> apis = new TreeMap<>();
  private final Map<CostUnit, Double> usage = new EnumMap<>(CostUnit.class);
  private final Map<String, Gauge> gauges = new TreeMap<>();
  private final Map<String, Occupancy> occupancies = new TreeMap<>();
  private final List<MeterListener> listeners = new ArrayList<>();
  private int jobRunsBilledAtEnd;

  /** @param clock the present in epoch milliseconds (the scheduler's {@code nowMillis}) */
  public ServiceMeter(LongSupplier clock) {
    this.clock = clock;
  }

  public long nowMillis() {
    return clock.getAsLong();
  }

  public void addListener(MeterListener listener) {
    listeners.add(listener);
  }

  /** Records an accepted call of {@code api}. */
  public void accepted(String api) {
    stats(api).called();
    notify(api, null);
  }

  /** Records a call of {@code api} refused with the AWS error code {@code code}. */
  public void refused(String api, String code) {
    ApiStats stats = stats(api);
    stats.called();
    stats.failed(code);
    notify(api, code);
  }

  /** Adds billable usage (for example DynamoDB request units counted by the store). */
  public void add(CostUnit unit, double quantity) {
    if (quantity < 0 || Double.isNaN(quantity)) {
      throw new IllegalArgumentException("usage must be >= 0, got " + quantity);
    }
    usage.merge(unit, quantity, Double::sum);
  }

  /**
   * Notes that {@code runs} job runs were still running when the run stopped and were billed up
   * to then (Glue bills a run that is stopped or times out for the time it ran; the report flags
   * them, since their whole cost is not known).
   */
  public void billedAtEnd(int runs) {
    jobRunsBilledAtEnd += runs;
  }

  /** Job runs still running when the run stopped, billed up to then. */
  public int jobRunsBilledAtEnd() {
    return jobRunsBilledAtEnd;
  }

  public double usage(CostUnit unit) {
    return usage.getOrDefault(unit, 0.0);
  }

  public double usd(CostUnit unit) {
    return Prices.usd(unit, usage(unit));
  }

  /** The price of everything metered, in US dollars. */
  public double totalUsd() {
    double total = 0;
    for (CostUnit unit : CostUnit.values()) {
      total += usd(unit);
    }
    return total;
  }

  /** The counters of {@code api} (zero counters if it was never called). */
  public ApiStats api(String api) {
    ApiStats stats = apis.get(api);
    return stats != null ? stats : new ApiStats(api);
  }

  /** Every API called, sorted by name. */
  public Map<String, ApiStats> apis() {
    return Collections.unmodifiableMap(apis);
  }

  /** The gauge of {@code resource}, created with {@code limit} on first use. */
  public Gauge gauge(String resource, int limit) {
    Gauge gauge = gauges.computeIfAbsent(resource, r -> new Gauge(r, limit));
    if (gauge.limit() != limit) {
      throw new IllegalArgumentException("gauge " + resource + " already has limit " + gauge.limit());
    }
    return gauge;
  }

  /** The gauge of {@code resource}, or null if none was made. */
  public Gauge gauge(String resource) {
    return gauges.get(resource);
  }

  /** Every gauge, sorted by resource name. */
  public Map<String, Gauge> gauges() {
    return Collections.unmodifiableMap(gauges);
  }

  /** The occupancy series named {@code name}, created on first use. */
  public Occupancy occupancy(String name) {
    return occupancies.computeIfAbsent(name, Occupancy::new);
  }

  public Map<String, Occupancy> occupancies() {
    return Collections.unmodifiableMap(occupancies);
  }

  private ApiStats stats(String api) {
    return apis.computeIfAbsent(api, ApiStats::new);
  }

  private void notify(String api, String code) {
    if (!listeners.isEmpty()) {
      long now = clock.getAsLong();
      for (MeterListener listener : listeners) {
        listener.onCall(now, api, code);
      }
    }
  }
}
