package io.datalakewlm.simulator.aws;

import io.datalakewlm.simulator.random.DurationDistribution;
import java.util.Objects;

/**
 * A Glue crawler as the emulator needs it.
 *
 * @param runTime the time a crawl takes, drawn per crawl
 * @param dpu the DPUs a crawl is billed for; AWS chooses them itself and does not publish the
 *     number, so this is an estimate (default 2)
 * @param tag an opaque label carried by every crawl, e.g. the source
 */
public record CrawlerDefinition(String name, DurationDistribution runTime, double dpu, String tag) {
  public static final double DEFAULT_DPU = 2;

  public CrawlerDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(runTime, "runTime");
    if (!(dpu > 0)) {
      throw new IllegalArgumentException(name + ": crawler DPU must be > 0, got " + dpu);
    }
    tag = tag == null ? name : tag;
  }
}
