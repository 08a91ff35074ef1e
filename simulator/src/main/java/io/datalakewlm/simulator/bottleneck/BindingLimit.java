package io.datalakewlm.simulator.bottleneck;

/**
 * The limits that can hold a waiting object back, in the precedence used when several hold the
 * same object at once: the most specific first, because moving a broader limit does not help an
 * object that a narrower one still holds (raising the account's quota does not start a second run
 * of a job at its {@code MaxConcurrentRuns}). {@link #ARRIVALS} is what binds when nothing waits
 * that could start.
 */
public enum BindingLimit {
  /** An aggregate's daily run waits for inputs that have not landed that day. */
  AGGREGATE_INPUTS("aggregate-inputs", "aggregate inputs"),
  /** Its Glue job runs as many runs as its {@code MaxConcurrentRuns} (or wlm's per-job slots). */
  JOB_CONCURRENCY("job-max-concurrent-runs", "job MaxConcurrentRuns"),
  /** Its source has {@code maxInFlight} batches running (wlm's per-source cap). */
  SOURCE_CAP("source-max-in-flight", "source maxInFlight"),
  /** The account runs as many Glue job runs as its quota. */
  ACCOUNT_QUOTA("account-quota", "account job runs"),
  /** Every slot of wlm's worker pool is taken while the account still has room. */
  WLM_POOL("wlm-pool", "wlm pool"),
  /** {@code StartJobRun} was throttled, or its starts used the whole rate of the minute. */
  START_RATE("start-rate", "StartJobRun rate"),
  /** Every limit was open and the object still waited: retry back-off, batching, the next round. */
  STRATEGY_PACING("strategy-pacing", "strategy's pacing"),
  /** Nothing waited that could start: the day went as fast as its objects arrived. */
  ARRIVALS("arrivals", "arrivals");

  private final String id;
  private final String title;

  BindingLimit(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** The name in {@code --json}, e.g. {@code account-quota}. */
  public String id() {
    return id;
  }

  /** The short name the table and the page show. */
  public String title() {
    return title;
  }
}
