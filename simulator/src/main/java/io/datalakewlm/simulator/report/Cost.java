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
 * <p>DynamoDB: when the meter holds no request units, the workers' requests are priced at one
 * on-demand request unit each (their items are under 1 KB written and 4 KB read); a transactional
 * or larger request costs more on AWS, so this is a floor.
 *
 * @param usage quantity per unit (DPU-seconds, transitions, request units)
 * @param usd price per unit in US dollars
 */
public record Cost(Map<CostUnit, Double> usage, Map<CostUnit, Double> usd) {
  public Cost {
    usage = Collections.unmodifiableMap(new EnumMap<>(usage));
    usd = Collections.unmodifiableMap(new EnumMap<>(usd));
  }

  /**
   * Reads every unit of {@code meter}; DynamoDB units it lacks come from the request counts.
   *
   * @param dynamoReads the workers' read requests (GetItem, Query pages)
   * @param dynamoWrites the workers' write requests (Put, Update, Delete, failed conditions included)
   */
  public static Cost of(ServiceMeter meter, long dynamoReads, long dynamoWrites) {
    Map<CostUnit, Double> usage = new EnumMap<>(CostUnit.class);
    Map<CostUnit, Double> usd = new EnumMap<>(CostUnit.class);
    for (CostUnit unit : CostUnit.values()) {
      double quantity = meter.usage(unit);
      if (quantity == 0 && unit == CostUnit.DYNAMODB_READ_REQUEST_UNITS) {
        quantity = dynamoReads;
      } else if (quantity == 0 && unit == CostUnit.DYNAMODB_WRITE_REQUEST_UNITS) {
        quantity = dynamoWrites;
      }
      usage.put(unit, quantity);
      usd.put(unit, Prices.usd(unit, quantity));
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
