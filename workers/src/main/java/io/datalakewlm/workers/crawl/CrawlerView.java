package io.datalakewlm.workers.crawl;

import java.time.Instant;
import java.util.Objects;

/**
 * What Glue said of a dataset's crawler just before a finished batch asked for its crawl
 * ({@code GetCrawler}): Glue, not the lane, knows whether the claimed crawl is over.
 *
 * @param status READY, RUNNING or STOPPING, or UNKNOWN when the worker could not ask
 * @param lastCrawlStart when the crawler's last finished crawl started ({@code LastCrawl.StartTime}), or null
 */
public record CrawlerView(Status status, Instant lastCrawlStart) {

  /** The crawler's state. */
  public enum Status { READY, RUNNING, STOPPING, UNKNOWN }

  /** Nothing is known: only the claim's lease can end it. */
  public static final CrawlerView UNKNOWN = new CrawlerView(Status.UNKNOWN, null);

  public CrawlerView {
    Objects.requireNonNull(status);
  }

  /** The name Glue gives a state; anything else is UNKNOWN. */
  public static Status status(String state) {
    if (state == null) {
      return Status.UNKNOWN;
    }
    return switch (state) {
      case "READY" -> Status.READY;
      case "RUNNING" -> Status.RUNNING;
      case "STOPPING" -> Status.STOPPING;
      default -> Status.UNKNOWN;
    };
  }
}
