package io.datalakewlm.simulator.report;

/**
 * The most a limited resource (the account's job runs, one Glue job's runs, one crawler) was
 * used at once, beside its limit.
 *
 * @param limit the quota, or null when the resource has none
 */
public record ResourcePeak(String resource, int peak, Integer limit) {
  /** Whether the peak reached the limit: every slot was in use at some instant. */
  public boolean atLimit() {
    return limit != null && peak >= limit;
  }

  /** The kind of resource: the name up to its last '/' ({@code glue:job}, {@code glue:account}). */
  public String group() {
    int slash = resource.lastIndexOf('/');
    return slash < 0 ? resource : resource.substring(0, slash);
  }
}
