package io.datalakewlm.workers.crawl;

import io.datalakewlm.workers.pacing.TokenBuckets;
import io.datalakewlm.workers.queue.DatasetLane;
import io.datalakewlm.workers.queue.DatasetLanes;
import io.datalakewlm.workers.store.AttributePath;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Update;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Coalesced crawls of a dataset's crawler, kept on its lane record (see {@link DatasetLane.CrawlState}).
 *
 * <ul>
 *   <li>A finished batch asks for a crawl in the same write that frees its job slot
 *       ({@link #onCompletion}): it sets {@code crawlRequestedAt}, and claims the crawl when no
 *       crawl is claimed or when the claimed one is over, so of all the batches that finish
 *       while no crawl runs exactly one starts it ({@link #decide}). A crawl catalogues everything
 *       written before it started, so it covers every object landed before its claim.</li>
 *   <li>Whether the claimed crawl is over comes from Glue: the worker reads the crawler
 *       ({@code GetCrawler}, a {@link CrawlerView}) before it completes the batch. The claim is
 *       over when the crawler is READY and its last crawl started at or after the claim. So a
 *       crawl's end writes nothing unless batches asked for a crawl while it ran.</li>
 *   <li>A batch that finishes while the crawler runs only records its request: when that crawl
 *       ends (Glue's "Glue Crawler State Change" event, {@link #finished}), a request later than
 *       the claim becomes ONE follow-up crawl, however many batches asked. Because that crawl may
 *       end between the worker's read of the crawler and its write, the worker reads the crawler
 *       again after the write ({@code check}); found READY or STOPPING, a crawl execution takes
 *       the ended claim over ({@link #takeOver}).</li>
 *   <li>{@code intervalSeconds} is the least time between two crawl starts of a dataset: a crawl
 *       claimed sooner is started later (the answer says how long to wait).</li>
 *   <li>A claim older than {@code leaseSeconds} is taken over whatever Glue said (a crawl whose
 *       start was lost).</li>
 * </ul>
 * Crawler starts are paced by the {@code glue:StartCrawler} token bucket: a worker takes that
 * token with its next job's StartJobRun token, in one write (SelectBatch).
 */
public final class Crawls {

  /** The token bucket that paces StartCrawler. */
  public static final String START_CRAWLER = "glue:StartCrawler";
  /** How long a crawler found missing is not asked for again. */
  static final Duration MISSING_BACKOFF = Duration.ofDays(1);
  /** Glue's clock and the workers' may differ by this much. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  /**
   * How crawls are asked for.
   *
   * @param interval the least time between two crawl starts of one dataset; zero for none
   * @param lease how long a claim lasts whatever Glue says, before another may take over
   * @param pacing the StartCrawler bucket, or null to take no token here
   */
  public record Policy(Duration interval, Duration lease, TokenBuckets.Definition pacing) {
    public Policy {
      Objects.requireNonNull(interval);
      Objects.requireNonNull(lease);
    }
  }

  /** What the caller should do. */
  public enum Action {
    /**
     * Nothing: no crawl was asked for, or a claimed crawl Glue showed still to start covers this
     * request, or a running one makes it its follow-up.
     */
    NONE,
    /** Start the crawler (after {@code waitSeconds}, a StartCrawler token). */
    START,
    /** Leave the start to a crawl execution that waits {@code waitSeconds} (the least interval). */
    DEFER,
    /** Read the crawler again: if it is READY, its crawl ended while this request was written. */
    CHECK
  }

  /**
   * What the caller should do.
   *
   * @param claimId the claim to start (START, DEFER) or the claim seen (CHECK)
   */
  public record Decision(Action action, long waitSeconds, String claimId) {
    public static final Decision NONE = new Decision(Action.NONE, 0, null);

    public boolean start() {
      return action == Action.START || action == Action.DEFER;
    }
  }

  private final DatasetLanes lanes;
  private final TokenBuckets buckets;
  private final Clock clock;

  public Crawls(DatasetLanes lanes, TokenBuckets buckets, Clock clock) {
    this.lanes = Objects.requireNonNull(lanes);
    this.buckets = Objects.requireNonNull(buckets);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * The actions a finished batch adds to its lane's release: the request, and the claim when no
   * crawl is claimed or the claimed one is over.
   *
   * @param current the lane as read before this attempt of the release (conditioned on its version)
   * @param claimId the batch's id, which becomes the claim
   */
  public List<Update.Action> onCompletion(DatasetLane current, String claimId, CrawlerView crawler, Policy policy) {
    Instant now = clock.instant();
    DatasetLane.CrawlState crawl = current.crawl();
    if (crawl.missingUntil() != null && crawl.missingUntil().isAfter(now)) {
      return List.of(); // the dataset has no crawler (it was found missing lately)
    }
    List<Update.Action> actions = new ArrayList<>();
    actions.add(new Update.Set(AttributePath.of("crawlRequestedAt"), now.toEpochMilli()));
    if (!crawl.claimed() || over(crawl, crawler, policy, now)) {
      actions.add(new Update.Set(AttributePath.of("crawlClaimId"), claimId));
      actions.add(new Update.Set(AttributePath.of("crawlClaimedAt"), now.toEpochMilli()));
      if (crawler.lastCrawlStart() != null) {
        actions.add(new Update.Set(AttributePath.of("crawlLastStartAt"), crawler.lastCrawlStart().toEpochMilli()));
      }
    }
    return actions;
  }

  /**
   * Whether the lane after a completion holds this batch's claim, and when to start its crawl.
   *
   * @param crawler what Glue said before the write: a crawl that was running then may have ended
   *     before the write (CHECK); a READY crawler with a claim not over means the claimed crawl
   *     has yet to start, and will cover this batch
   */
  public Decision decide(DatasetLane after, String claimId, CrawlerView crawler, Policy policy) {
    if (after == null) {
      return Decision.NONE;
    }
    DatasetLane.CrawlState crawl = after.crawl();
    if (claimId.equals(crawl.claimId())) {
      return started(after, claimId, policy, clock.instant());
    }
    if (!crawl.claimed() || crawler.status() == CrawlerView.Status.READY) {
      return Decision.NONE; // the crawler is missing, or the claimed crawl is still to start
    }
    return new Decision(Action.CHECK, 0, crawl.claimId());
  }

  /**
   * The worker read the crawler again after its request (a {@link Action#CHECK}): if the claim it
   * saw is over, it takes it over and starts the crawl that covers its batch.
   */
  public Decision takeOver(String stage, String datasetName, String seenClaimId, CrawlerView crawler, Policy policy) {
    Instant now = clock.instant();
    Optional<DatasetLane> read = lanes.get(stage, datasetName);
    if (read.isEmpty() || !seenClaimId.equals(read.get().crawl().claimId())
        || !over(read.get().crawl(), crawler, policy, now)) {
      return Decision.NONE; // taken over by another, or the claimed crawl has yet to run and will cover it
    }
    String claimId = "takeover-" + now.toEpochMilli();
    Update.Builder update = Update.builder().set("crawlClaimId", claimId).set("crawlClaimedAt", now.toEpochMilli());
    if (crawler.lastCrawlStart() != null) {
      update.set("crawlLastStartAt", crawler.lastCrawlStart().toEpochMilli());
    }
    Optional<DatasetLane> taken = lanes.update(stage, datasetName, update.build(),
        Condition.eq("crawlClaimId", seenClaimId));
    return taken.map(l -> started(l, claimId, policy, now)).orElse(Decision.NONE);
  }

  /**
   * A crawl of the dataset ended (its crawler's state change event). A request made after the
   * claim becomes one follow-up crawl, claimed now; without one nothing is written: the claim
   * stays until the next finished batch finds it over.
   */
  public Decision finished(String stage, String datasetName, Policy policy) {
    Instant now = clock.instant();
    Optional<DatasetLane> read = lanes.get(stage, datasetName);
    if (read.isEmpty() || !read.get().crawl().claimed()) {
      return Decision.NONE; // not ours (a crawl started by someone else)
    }
    DatasetLane.CrawlState crawl = read.get().crawl();
    boolean followUp = crawl.requestedAt() != null && crawl.requestedAt().isAfter(crawl.claimedAt());
    if (!followUp) {
      return Decision.NONE;
    }
    String claimId = "follow-" + now.toEpochMilli();
    Optional<DatasetLane> claimed = lanes.update(stage, datasetName, Update.builder().set("crawlClaimId", claimId)
        .set("crawlClaimedAt", now.toEpochMilli()).set("crawlLastStartAt", startOf(crawl, policy).toEpochMilli())
        .build(), Condition.eq("crawlClaimId", crawl.claimId()));
    return claimed.map(l -> interval(l, claimId, policy, now)).orElse(Decision.NONE);
  }

  /**
   * The claimed crawl could not start because the crawler already runs (someone else started it):
   * a request later than the claim makes its end start the follow-up that covers this batch.
   */
  public void busy(String stage, String datasetName) {
    lanes.update(stage, datasetName, Update.builder().set("crawlRequestedAt", clock.millis()).build(),
        Condition.exists("crawlClaimId"));
  }

  /**
   * The claimed crawl could not start (throttled beyond the retries, the crawler missing): the
   * claim goes, so the next finished batch asks again; a missing crawler is not asked for a day.
   */
  public void giveBack(String stage, String datasetName, boolean missing) {
    Update.Builder update = Update.builder().remove("crawlClaimId").remove("crawlClaimedAt");
    if (missing) {
      update.set("crawlerMissingUntil", clock.instant().plus(MISSING_BACKOFF).toEpochMilli());
    }
    lanes.update(stage, datasetName, update.build(), Condition.exists("crawlClaimId"));
  }

  // Whether the claimed crawl is over: Glue shows it ran since the claim, or the claim's lease ran
  // out (a claimer that died before StartCrawler; a crawl may wait long for its start token, so
  // "not started yet" alone says nothing).
  private static boolean over(DatasetLane.CrawlState crawl, CrawlerView crawler, Policy policy, Instant now) {
    if (crawl.claimedAt() == null || !crawl.claimedAt().plus(policy.lease()).isAfter(now)) {
      return true;
    }
    if (crawler.status() != CrawlerView.Status.READY) {
      return false;
    }
    return crawler.lastCrawlStart() != null
        && !crawler.lastCrawlStart().isBefore(crawl.claimedAt().minus(CLOCK_SKEW));
  }

  // When the claimed crawl starts: at its claim, or later if the least interval deferred it.
  private static Instant startOf(DatasetLane.CrawlState crawl, Policy policy) {
    Instant earliest = crawl.lastStartAt() == null ? crawl.claimedAt() : crawl.lastStartAt().plus(policy.interval());
    return earliest.isAfter(crawl.claimedAt()) ? earliest : crawl.claimedAt();
  }

  // The start of a claimed crawl: now (with a start token when this caller paces it) or after the least interval.
  private Decision started(DatasetLane lane, String claimId, Policy policy, Instant now) {
    Decision decision = interval(lane, claimId, policy, now);
    if (decision.action() == Action.DEFER || policy.pacing() == null) {
      return decision;
    }
    long tokenWait = buckets.take(START_CRAWLER, policy.pacing()).map(g -> g.waitSeconds()).orElse(0L);
    return new Decision(Action.START, tokenWait, claimId);
  }

  // How long the least interval since the last start still asks to wait.
  private static Decision interval(DatasetLane lane, String claimId, Policy policy, Instant now) {
    Instant last = lane.crawl().lastStartAt();
    Instant earliest = last == null ? now : last.plus(policy.interval());
    long wait = earliest.isAfter(now) ? (Duration.between(now, earliest).toMillis() + 999) / 1000 : 0;
    return new Decision(wait > 0 ? Action.DEFER : Action.START, wait, claimId);
  }
}
