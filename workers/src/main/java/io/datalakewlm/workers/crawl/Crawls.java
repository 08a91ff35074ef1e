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
 *       ({@link #onCompletion}): it sets {@code crawlRequestedAt} and claims the crawl with
 *       {@code if_not_exists}, so of all the batches that finish while no crawl is claimed exactly
 *       one starts it ({@link #decide}). A crawl catalogues everything written before it started,
 *       so it covers every object landed before its claim.</li>
 *   <li>A batch that finishes while the crawler runs only records its request: when that crawl
 *       ends (Glue's "Glue Crawler State Change" event, {@link #finished}), a request later than
 *       the claim becomes ONE follow-up crawl, however many batches asked.</li>
 *   <li>{@code intervalSeconds} is the least time between two crawl starts of a dataset: a crawl
 *       claimed sooner is started later (the answer says how long to wait).</li>
 *   <li>A claim whose end event never came (lost, or the crawl failed to start without telling)
 *       is taken over once it is older than {@code leaseSeconds}.</li>
 * </ul>
 * Crawler starts are paced by the {@code glue:StartCrawler} token bucket.
 */
public final class Crawls {

  /** The token bucket that paces StartCrawler. */
  public static final String START_CRAWLER = "glue:StartCrawler";
  /** How long a crawler found missing is not asked for again. */
  static final Duration MISSING_BACKOFF = Duration.ofDays(1);

  /**
   * How crawls are asked for.
   *
   * @param interval the least time between two crawl starts of one dataset; zero for none
   * @param lease how long a claim waits for its crawl's end event before another may take over
   * @param pacing the StartCrawler bucket, or null to take no token
   */
  public record Policy(Duration interval, Duration lease, TokenBuckets.Definition pacing) {
    public Policy {
      Objects.requireNonNull(interval);
      Objects.requireNonNull(lease);
    }
  }

  /**
   * What the caller should do.
   *
   * @param start whether to start the crawler
   * @param waitSeconds how long to wait before starting it (least interval, then a start token)
   * @param deferred whether the wait comes from the least interval (the caller should not wait
   *     itself but leave the start to a crawl execution)
   */
  public record Decision(boolean start, long waitSeconds, boolean deferred, String claimId) {
    static final Decision NONE = new Decision(false, 0, false, null);
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
   * The actions a finished batch adds to its lane's release: the request and the claim.
   *
   * @param claimId the batch's id, which becomes the claim if no crawl is claimed
   */
  public List<Update.Action> onCompletion(DatasetLane before, String claimId) {
    Instant now = clock.instant();
    if (before.crawl().missingUntil() != null && before.crawl().missingUntil().isAfter(now)) {
      return List.of(); // the dataset has no crawler (it was found missing lately)
    }
    List<Update.Action> actions = new ArrayList<>();
    actions.add(new Update.Set(AttributePath.of("crawlRequestedAt"), now.toEpochMilli()));
    actions.add(new Update.SetIfAbsent(AttributePath.of("crawlClaimId"), claimId));
    actions.add(new Update.SetIfAbsent(AttributePath.of("crawlClaimedAt"), now.toEpochMilli()));
    return actions;
  }

  /** Whether the lane after a completion holds this batch's claim, and when to start its crawl. */
  public Decision decide(DatasetLane after, String claimId, Policy policy) {
    if (after == null) {
      return Decision.NONE;
    }
    Instant now = clock.instant();
    DatasetLane.CrawlState crawl = after.crawl();
    if (claimId.equals(crawl.claimId())) {
      return started(after, claimId, policy, now);
    }
    if (crawl.claimedAt() != null && !crawl.claimedAt().plus(policy.lease()).isAfter(now)) {
      // the claimed crawl never reported its end: take it over
      Optional<DatasetLane> taken = lanes.update(after.stage(), after.datasetName(), Update.builder()
          .set("crawlClaimId", claimId).set("crawlClaimedAt", now.toEpochMilli()).build(),
          Condition.eq("crawlClaimId", crawl.claimId()));
      if (taken.isPresent()) {
        return started(taken.get(), claimId, policy, now);
      }
    }
    return Decision.NONE; // a crawl runs: this request becomes its follow-up
  }

  /**
   * Records that a crawl of the dataset ended (its crawler's state change event). A request made
   * after the claim becomes one follow-up crawl, claimed now.
   */
  public Decision finished(String stage, String datasetName, Policy policy) {
    Instant now = clock.instant();
    Optional<DatasetLane> read = lanes.get(stage, datasetName);
    if (read.isEmpty() || !read.get().crawl().claimed()) {
      return Decision.NONE; // not ours (a crawl started by someone else), or already recorded
    }
    DatasetLane lane = read.get();
    DatasetLane.CrawlState crawl = lane.crawl();
    Condition sameClaim = Condition.eq("crawlClaimId", crawl.claimId());
    long startedAt = startOf(crawl, policy).toEpochMilli();
    boolean followUp = crawl.requestedAt() != null && crawl.requestedAt().isAfter(crawl.claimedAt());
    if (!followUp) {
      lanes.update(stage, datasetName, Update.builder().remove("crawlClaimId").remove("crawlClaimedAt")
          .set("crawlLastStartAt", startedAt).build(), sameClaim);
      return Decision.NONE;
    }
    String claimId = "follow-" + now.toEpochMilli();
    Optional<DatasetLane> claimed = lanes.update(stage, datasetName, Update.builder().set("crawlClaimId", claimId)
        .set("crawlClaimedAt", now.toEpochMilli()).set("crawlLastStartAt", startedAt).build(), sameClaim);
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

  // When the claimed crawl started: at its claim, or later if the least interval deferred it.
  private static Instant startOf(DatasetLane.CrawlState crawl, Policy policy) {
    Instant earliest = crawl.lastStartAt() == null ? crawl.claimedAt() : crawl.lastStartAt().plus(policy.interval());
    return earliest.isAfter(crawl.claimedAt()) ? earliest : crawl.claimedAt();
  }

  // The start of a claimed crawl: now (with a start token) or after the least interval.
  private Decision started(DatasetLane lane, String claimId, Policy policy, Instant now) {
    Decision decision = interval(lane, claimId, policy, now);
    if (decision.deferred()) {
      return decision;
    }
    long tokenWait = policy.pacing() == null ? 0
        : buckets.take(START_CRAWLER, policy.pacing()).map(g -> g.waitSeconds()).orElse(0L);
    return new Decision(true, tokenWait, false, claimId);
  }

  // How long the least interval since the last start still asks to wait.
  private static Decision interval(DatasetLane lane, String claimId, Policy policy, Instant now) {
    Instant last = lane.crawl().lastStartAt();
    Instant earliest = last == null ? now : last.plus(policy.interval());
    long wait = earliest.isAfter(now) ? (Duration.between(now, earliest).toMillis() + 999) / 1000 : 0;
    return new Decision(true, wait, wait > 0, claimId);
  }
}
