package io.datalakewlm.simulator.scenario;

/**
 * How many objects a batch of one stage takes: SDLF's {@code min_items_process} and
 * {@code max_items_process} (defaults 1 and 100).
 */
public record StageBounds(int minItems, int maxItems) {
  public static final StageBounds SDLF_DEFAULT = new StageBounds(1, 100);

  public StageBounds {
    if (minItems < 1 || maxItems < minItems) {
      throw new IllegalArgumentException("need 1 <= minItems <= maxItems, got " + minItems + ".." + maxItems);
    }
  }
}
