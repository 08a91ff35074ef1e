package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.aws.CostUnit;
import io.datalakewlm.simulator.aws.Prices;
import io.datalakewlm.simulator.aws.ServiceMeter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a run would cost at AWS list prices (us-east-1, see {@link Prices}): the billable usage
 * per unit as the emulated account metered it (already rounded the way AWS bills: per second,
 * with minimums) and its price.
 *
 * @param usage quantity per unit (DPU-seconds, transitions, request units)
 * @param usd price per unit in US dollars
 */
public record Cost(Map<CostUnit, Double> usage, Map<CostUnit, Double> usd) {
  public Cost {
    usage = Collections.unmodifiableMap(new EnumMap<>(usage));
    usd = Collections.unmodifiableMap(new EnumMap<>(usd));
  }

  /** Reads every unit of {@code meter}. */
  public static Cost of(ServiceMeter meter) {
    Map<CostUnit, Double> usage = new EnumMap<>(CostUnit.class);
    Map<CostUnit, Double> usd = new EnumMap<>(CostUnit.class);
    for (CostUnit unit : CostUnit.values()) {
      usage.put(unit, meter.usage(unit));
      usd.put(unit, meter.usd(unit));
    }
    return new Cost(usage, usd);
  }

  public double totalUsd() {
    return usd.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Billed DPU-hours of Glue ETL job runs. */
  public double glueJobDpuHours() {
    return usage.getOrDefault(CostUnit.GLUE_JOB_DPU_SECONDS, 0.0) / 3600;
  }

  /** Billed DPU-hours of crawler runs. */
  public double glueCrawlerDpuHours() {
    return usage.getOrDefault(CostUnit.GLUE_CRAWLER_DPU_SECONDS, 0.0) / 3600;
  }
}
