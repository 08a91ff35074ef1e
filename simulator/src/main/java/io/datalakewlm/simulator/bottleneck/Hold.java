package io.datalakewlm.simulator.bottleneck;

import java.util.Objects;

/**
 * One limit holding objects back, as a sample found it.
 *
 * @param subject the job, source or aggregate it concerns ({@code account} for the account's
 *     quota and wlm's pool, {@code glue:StartJobRun} for the start rate), or null for arrivals
 * @param detail what the limit stood at, for the sentence: {@code MaxConcurrentRuns 1},
 *     {@code quota 50}, {@code missing gl-entries}; may be empty
 * @param move the {@code --set} key that would move the limit, or null when no setting does (an
 *     aggregate waits for its inputs; arrivals are the day's own)
 */
public record Hold(BindingLimit limit, String subject, String detail, String move) {
  /** What binds a minute when nothing waits that could start. */
  public static final Hold ARRIVALS = new Hold(BindingLimit.ARRIVALS, null, "", null);

  public Hold {
    Objects.requireNonNull(limit);
    detail = detail == null ? "" : detail;
  }

  /** One sentence for a person: what held the objects back. */
  public String what(int heldBack) {
    String objects = heldBack == 1 ? "1 object" : String.format(java.util.Locale.ROOT, "%,d objects", heldBack);
    return switch (limit) {
      case AGGREGATE_INPUTS -> "aggregate " + subject + " waited for inputs not landed that day ("
          + detail + "); no setting starts it sooner";
      case JOB_CONCURRENCY -> objects + " of job " + subject + " waited for its runs (" + detail + ")";
      case SOURCE_CAP -> objects + " of source " + subject + " waited at its cap (" + detail + ")";
      case ACCOUNT_QUOTA -> objects + " waited for the account's concurrent job runs (" + detail + ")";
      case WLM_POOL -> objects + " waited for a slot of wlm's worker pool (" + detail + ") while the account had room";
      case START_RATE -> objects + " waited for StartJobRun (" + detail + ")";
      case STRATEGY_PACING -> objects + " waited with every limit open: the strategy's "
          + (detail.isEmpty() ? "pacing" : detail);
      case ARRIVALS -> "nothing waited that could start: the work went as fast as it arrived";
    };
  }
}
