package io.datalakewlm.simulator.scenario;

import io.datalakewlm.simulator.aws.CrawlerDefinition;
import io.datalakewlm.simulator.random.DurationDistribution;

/**
 * The crawler that runs after a dataset's stage-B job.
 *
 * @param enabled false for datasets whose pipeline runs no crawler
 */
public record CrawlerSpec(String name, DurationDistribution duration, double dpu, boolean enabled) {

  public CrawlerDefinition toDefinition(String tag) {
    return new CrawlerDefinition(name, duration, dpu, tag);
  }
}
