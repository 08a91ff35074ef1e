package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.crawl.CrawlerView;
import io.datalakewlm.workers.crawl.Crawls;
import io.datalakewlm.workers.pacing.TokenBuckets;
import io.datalakewlm.workers.queue.WorkQueue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Complete: records that a batch's stage run succeeded: its items become DONE, its dataset's job
 * slot is freed at once, the stage status of the dataset for today is recorded (what
 * CheckDependencies reads), and, with {@code crawl}, the dataset's crawl is asked for in the same
 * write (coalesced: see {@link Crawls}). Repeating the call is harmless ({@code already}). Items
 * whose lease was lost (reaped or expired, maybe leased again) are listed in {@code lost} and left
 * to their new holder: the work may run twice, never zero times.
 *
 * <pre>
 * in:  {"executionId": "$$.Execution.Id", "batch": {SelectBatch's batch, with crawlerName and
 *         glueCrawler: what GetCrawler answered for it}
 *         | "batchId": "b-1f2e...", "objectKeys": ["...", "..."],
 *       "crawl": {"crawlerName": "..."?, "intervalSeconds": 0?, "leaseSeconds": 7200?, "rate": 0.5?, "burst": 2?}?}
 * out: {"batchId": "b-1f2e...", "completed": 2, "already": 0, "lost": [],
 *       "crawl": {"action": "start" | "start-after-wait" | "defer" | "check" | "none", "waitSeconds": 0,
 *                 "crawlerName": "..." | null, "claimId": "..."?}}
 * </pre>
 * {@code action}: {@code start} the crawler now; {@code start-after-wait} start it after
 * {@code waitSeconds} (a StartCrawler token); {@code defer} leave the start to a crawl execution
 * that waits {@code waitSeconds} (the least interval between two crawls); {@code check}: another
 * claim holds the crawl, which Glue showed running, and this request becomes its one follow-up,
 * unless that crawl ended while the request was written: the worker reads the crawler again and,
 * found READY or STOPPING, leaves it to a crawl execution that takes the claim over
 * (CrawlFinished {@code takeover}); {@code none}: no crawl was asked for, or the claimed crawl
 * Glue showed still to start covers this batch. Without
 * {@code rate} and {@code burst} no StartCrawler token is taken here: the worker's next
 * SelectBatch takes it with its job's token.
 * Errors: {@code Wlm.InvalidInput}.
 */
public final class CompleteHandler implements ActivityHandler {

  public static final String NAME = "Complete";

  private final WorkQueue queue;
  private final Crawls crawls;

  public CompleteHandler(WorkQueue queue, Crawls crawls) {
    this.queue = queue;
    this.crawls = crawls;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    BatchRef batch = BatchRef.read(in);
    Input crawl = in.has("crawl") ? in.object("crawl") : null;
    Input given = in.has("batch") ? in.object("batch") : null;
    String crawler = crawl == null ? null
        : crawl.text("crawlerName", given == null ? null : given.text("crawlerName", null));
    Crawls.Policy policy = crawl == null ? null : policy(crawl);
    CrawlerView view = crawl == null || given == null ? CrawlerView.UNKNOWN
        : crawlerView(given.json().path("glueCrawler"));
    boolean crawlAsked = crawler != null;
    WorkQueue.Completion completion = queue.complete(batch.executionId(), batch.batchId(), batch.objectKeys(),
        lane -> crawlAsked ? crawls.onCompletion(lane, batch.batchId(), view, policy) : List.of());
    Crawls.Decision decision = Crawls.Decision.NONE;
    if (crawlAsked && !completion.outcome().done().isEmpty()) {
      decision = crawls.decide(completion.after(), batch.batchId(), view, policy);
    } else if (crawlAsked && completion.before() != null
        && batch.batchId().equals(completion.before().crawl().claimId())) {
      // a repeated call (the first answer was lost): this batch holds the claim, so it must still start the crawl
      decision = crawls.decide(completion.before(), batch.batchId(), view, policy);
    }
    ObjectNode out = Json.object();
    out.put("batchId", batch.batchId());
    out.put("completed", completion.outcome().done().size());
    out.put("already", completion.outcome().already().size());
    out.set("lost", Json.strings(completion.outcome().lost()));
    out.set("crawl", crawlAnswer(decision, crawler));
    return out;
  }

  /** The {@code crawl} answer of a Complete or CrawlFinished takeover: what the worker does next. */
  static ObjectNode crawlAnswer(Crawls.Decision decision, String crawler) {
    ObjectNode crawl = Json.object();
    crawl.put("action", switch (decision.action()) {
      case NONE -> "none";
      case DEFER -> "defer";
      case CHECK -> "check";
      case START -> decision.waitSeconds() > 0 ? "start-after-wait" : "start";
    });
    crawl.put("waitSeconds", decision.waitSeconds());
    if (crawler == null) {
      crawl.putNull("crawlerName");
    } else {
      crawl.put("crawlerName", crawler);
    }
    if (decision.action() == Crawls.Action.CHECK) {
      crawl.put("claimId", decision.claimId());
    }
    return crawl;
  }

  /**
   * What GetCrawler answered ({@code {"Crawler": {"State": "READY", "LastCrawl": {"StartTime": ...}}}}),
   * or UNKNOWN when the worker could not ask (its error in place of the answer).
   */
  static CrawlerView crawlerView(JsonNode answer) {
    JsonNode crawler = answer.path("Crawler");
    if (!crawler.isObject()) {
      return CrawlerView.UNKNOWN;
    }
    CrawlerView.Status status = CrawlerView.status(crawler.path("State").asText(null));
    JsonNode start = crawler.path("LastCrawl").path("StartTime");
    Instant lastStart = null;
    if (start.isNumber()) {
      lastStart = Instant.ofEpochMilli(start.asLong());
    } else if (start.isTextual()) {
      try {
        lastStart = OffsetDateTime.parse(start.asText()).toInstant();
      } catch (DateTimeParseException e) {
        return CrawlerView.UNKNOWN; // a time we cannot read says nothing of the claim
      }
    }
    return new CrawlerView(status, lastStart);
  }

  /** The crawl policy of a Complete or CrawlFinished input. */
  static Crawls.Policy policy(Input crawl) {
    Double rate = crawl.optionalNumber("rate", 0);
    Double burst = crawl.optionalNumber("burst", 0.999_999);
    if ((rate == null) != (burst == null)) {
      throw crawl.invalid(rate == null ? "rate" : "burst", "must be given together with "
          + (rate == null ? "burst" : "rate") + " (they define the StartCrawler bucket)");
    }
    return new Crawls.Policy(crawl.seconds("intervalSeconds", 0, 0, 7L * 86400),
        crawl.seconds("leaseSeconds", 7200, 60, 7L * 86400),
        rate == null ? null : new TokenBuckets.Definition(BigDecimal.valueOf(rate), BigDecimal.valueOf(burst)));
  }
}
