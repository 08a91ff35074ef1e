package io.datalakewlm.simulator.aws;

/**
 * The concurrency of one limited resource (a Glue job's runs, the account's job runs, a crawler):
 * how many are in use now, the most ever in use, and the limit beside them, so a report can show
 * "peak 50 / limit 50" and the tests can prove the limit was never exceeded.
 */
public final class Gauge {
  private final String resource;
  private final int limit;
  private int current;
  private int peak;

  Gauge(String resource, int limit) {
    this.resource = resource;
    this.limit = limit;
  }

  public String resource() {
    return resource;
  }

  /** The quota on this resource ({@link Integer#MAX_VALUE} when unlimited). */
  public int limit() {
    return limit;
  }

  public int current() {
    return current;
  }

  public int peak() {
    return peak;
  }

  boolean isFull() {
    return current >= limit;
  }

  void acquire() {
    if (current >= limit) {
      throw new IllegalStateException(resource + " is at its limit " + limit);
    }
    current++;
    peak = Math.max(peak, current);
  }

  void release() {
    if (current == 0) {
      throw new IllegalStateException(resource + " released more often than acquired");
    }
    current--;
  }
}
