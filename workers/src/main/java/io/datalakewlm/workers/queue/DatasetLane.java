package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The registry record of one dataset at one stage, as read: what SelectBatch needs to choose the
 * dataset without reading its items, and the dataset's Glue job slots.
 *
 * <ul>
 *   <li>The backlog: how many items are pending at each priority level ({@code pending[level]}:
 *       queued, or leased to a running batch and not yet done), how many of them running batches
 *       hold ({@code held}), and since when the oldest queued one waits. The counts are hints kept
 *       by the writers that move items in and out of the lane (enqueue adds, a finished batch
 *       subtracts what it completed or dead-lettered); selection always takes the items
 *       themselves from the lane, so a count that drifted after a crash costs one empty read and
 *       is then reset, never a lost item. A batch that dies is no drift: its items were never
 *       subtracted, and its holder's {@code items} leave {@code held} with it.</li>
 *   <li>The job slots and the batches: the holders (batch holder id to lease expiry, item count
 *       and the keys of the items it holds) of the dataset's Glue job, one per batch running. A
 *       selection takes a batch with ONE write of its holder, conditioned on the lane's
 *       {@code version} it read (every holder change bumps it), after checking that fewer than
 *       the job's {@code MaxConcurrentRuns} holders are live and skipping the keys other holders
 *       list: two selectors never hold the same item, the items stay QUEUED (no write each) until
 *       their batch completes or fails, the job never gets more runs than it allows, and a dataset
 *       at its limit is skipped, its items accumulating into a bigger next batch.</li>
 *   <li>The crawl state of the dataset's crawler and a mirror of the stage status recorded today
 *       (see {@link io.datalakewlm.workers.crawl.Crawls} and {@link WorkQueue#complete}).</li>
 * </ul>
 *
 * @param pending pending items per level, indexed 1..9 (index 0 unused); do not modify
 * @param held items leased to the running batches (the sum of their holders' {@code items})
 * @param queuedSince the enqueue time of the oldest queued item, or null when unknown (then the
 *     last touch is the best guess)
 * @param holders job slot holders by holder id
 * @param crawler whether the dataset runs a crawler after the stage (false: its batches name none);
 *     a record written before lanes said so has one
 * @param settled keys a batch finished (DONE or DEAD) lately, with when: the lane index may still
 *     show them QUEUED for a moment, so for {@link DatasetLanes#SETTLED_GRACE} a selection reads such an item before taking it;
 *     null when the record has no such map yet (written by an older version)
 */
public record DatasetLane(String stage, String datasetName, String team, String dataset, Source source, int minItems,
                          int maxItems, int[] pending, int held, Instant queuedSince, Instant touchedAt, long seq,
                          Map<String, Holder> holders, long version, CrawlState crawl, String statusDay,
                          String statusOutcome, boolean crawler, Map<String, Instant> settled) {

  /**
   * A running batch's job slot and the items it holds: until when it is leased, how many items it
   * took, each item's key with the attempts it had when taken (the condition of every later write
   * of the holder to that item: an item whose attempt was counted since belongs to someone else),
   * and the enqueue time of its oldest item (aging counts from it again when items go back).
   *
   * @param keys object key to its attempts when taken; empty for a holder written by a version
   *     that leased items one by one (its items are LEASED, see {@link WorkQueue#returnLeased})
   */
  public record Holder(Instant until, int items, Map<String, Integer> keys, Instant since) {
    public Holder {
      keys = Map.copyOf(keys);
    }
  }

  /**
   * The crawl bookkeeping of the dataset's crawler.
   *
   * @param claimId the batch (or follow-up) that started the crawl now running, or null
   * @param claimedAt when that crawl was claimed
   * @param requestedAt the last time a finished batch asked for a crawl, or null
   * @param lastStartAt when the last finished crawl started, for the least interval between crawls
   * @param missingUntil the crawler was found missing: no crawl is asked for before this, or null
   */
  public record CrawlState(String claimId, Instant claimedAt, Instant requestedAt, Instant lastStartAt,
                           Instant missingUntil) {
    public static final CrawlState NONE = new CrawlState(null, null, null, null, null);

    public boolean claimed() {
      return claimId != null;
    }
  }

  public DatasetLane {
    Objects.requireNonNull(stage);
    Objects.requireNonNull(datasetName);
    Objects.requireNonNull(source);
    Objects.requireNonNull(pending);
    Objects.requireNonNull(touchedAt);
    holders = JobSlotHolders.of(holders);
    settled = settled == null ? null : Map.copyOf(settled);
    crawl = crawl == null ? CrawlState.NONE : crawl;
  }

  /** The lane's items' {@code lane} attribute: {@code <stage>#<team-dataset>}. */
  public String lane() {
    return QueueRecords.lane(stage, datasetName);
  }

  /** Pending items over all levels (a hint, see the class comment). */
  public int pendingTotal() {
    int total = 0;
    for (int level = Priority.HIGHEST; level <= Priority.LOWEST; level++) {
      total += Math.max(0, pending[level]);
    }
    return total;
  }

  /** Items waiting to be leased (a hint): pending minus those the running batches hold. */
  public int queuedTotal() {
    return Math.max(0, pendingTotal() - Math.max(0, held));
  }

  /** The most urgent level with pending items, or 0 when none is counted. */
  public int bestLevel() {
    for (int level = Priority.HIGHEST; level <= Priority.LOWEST; level++) {
      if (pending[level] > 0) {
        return level;
      }
    }
    return 0;
  }

  /** When the oldest queued item was enqueued, as well as the record knows. */
  public Instant oldest() {
    return queuedSince != null ? queuedSince : touchedAt;
  }

  /** Job slots held by batches whose lease has not expired. */
  public int liveHolders(Instant now) {
    return ((JobSlotHolders) holders).liveAt(now);
  }

  /**
   * The keys no selection may take: those every holder lists (live or expired: an expired
   * holder's items wait for the sweep to count their attempt).
   */
  public java.util.Set<String> takenKeys() {
    java.util.Set<String> taken = new java.util.HashSet<>();
    holders.values().forEach(h -> taken.addAll(h.keys().keySet()));
    return taken;
  }

  /**
   * The keys a batch finished within {@link DatasetLanes#SETTLED_GRACE}: a lane index entry of one
   * of them may be stale, so a selection reads the item itself before it takes it.
   */
  public java.util.Set<String> settledKeys(Instant now) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    if (settled != null) {
      Instant since = now.minus(DatasetLanes.SETTLED_GRACE);
      settled.forEach((key, at) -> {
        if (at.isAfter(since)) {
          keys.add(key);
        }
      });
    }
    return keys;
  }

  /** The bytes of {@link DatasetLanes#KEY_BYTES} the holders' and the unexpired settled keys take. */
  public long listedKeyBytes(Instant now) {
    long bytes = 0;
    for (Holder holder : holders.values()) {
      for (String key : holder.keys().keySet()) {
        bytes += DatasetLanes.keyBytes(key);
      }
    }
    for (String key : settledKeys(now)) {
      bytes += DatasetLanes.keyBytes(key);
    }
    return bytes;
  }

  /** Whether a holder's lease expired (the sweep or the next claim may reclaim it). */
  public boolean hasExpiredHolders(Instant now) {
    return holders.values().stream().anyMatch(holder -> !holder.until().isAfter(now));
  }

  /**
   * Whether a batch of this lane may go now: it has items, its job has a free slot, and it holds
   * its dataset's {@code min_items_process} or its oldest item waited {@code maxBatchWait}.
   */
  public boolean ready(Instant now, int jobSlots, Duration maxBatchWait) {
    return ready(now, jobSlots, maxBatchWait, liveHolders(now));
  }

  /** {@link #ready(Instant, int, Duration)} for a caller that counted {@link #liveHolders} at {@code now}. */
  boolean ready(Instant now, int jobSlots, Duration maxBatchWait, int liveHolders) {
    int total = queuedTotal();
    if (total == 0 || liveHolders >= jobSlots) {
      return false;
    }
    return total >= minItems || !Duration.between(oldest(), now).minus(maxBatchWait).isNegative();
  }

  /** The level the lane competes at: its best queued level, raised by aging of its oldest item. */
  public int effectiveLevel(Instant now, Duration aging) {
    int best = bestLevel();
    return best == 0 ? Priority.LOWEST : new Priority(best).agedLevel(Duration.between(oldest(), now), aging);
  }
}
