package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.metrics.Metrics;
import io.datalakewlm.workers.crawl.Crawls;

/**
 * CrawlFinished: a crawl of a dataset's crawler ended (Glue's "Glue Crawler State Change" event).
 * If batches asked for a crawl while it ran, ONE follow-up crawl is claimed now and the caller
 * starts it after {@code waitSeconds} (the least interval between two crawls); else the crawl is
 * recorded as over. Also told by a worker: {@code busy} (the crawler was already running, started
 * by someone else: its end must bring a follow-up) or {@code error} (the start failed: the claim
 * is given back; a crawler that does not exist, {@code Glue.EntityNotFoundException}, is not asked
 * for again for a day).
 *
 * <pre>
 * in:  {"crawlerName": "sdlf-sales-orders", "crawlerPrefix": "sdlf-", "stage": "stage_b"?,
 *       "state": "Succeeded"?, "busy": true?, "error": "Glue.EntityNotFoundException"?,
 *       "intervalSeconds": 0?, "leaseSeconds": 7200?}
 * out: {"start": true, "waitSeconds": 0, "crawlerName": "sdlf-sales-orders"}
 * </pre>
 * With {@code takeover} (and the {@code claimId} Complete answered with {@code check}, and
 * {@code glueCrawler}: what GetCrawler answered after it), a worker whose request found another
 * claim and then the crawler READY takes the ended claim over and answers like Complete's
 * {@code crawl} ({@code action} start, start-after-wait, defer or none), its StartCrawler token
 * taken here.
 * A crawler whose name does not start with the prefix, or whose dataset has no crawl claimed
 * (someone else started it), answers {@code start} false. Errors: {@code Wlm.InvalidInput}.
 */
public final class CrawlFinishedHandler implements ActivityHandler {

  public static final String NAME = "CrawlFinished";
  private static final String ENTITY_NOT_FOUND = "Glue.EntityNotFoundException";
  /** What a worker told {@code busy} was refused with. */
  private static final String CRAWLER_RUNNING = "Glue.CrawlerRunningException";

  private final Crawls crawls;
  private final Metrics metrics;

  public CrawlFinishedHandler(Crawls crawls, Metrics metrics) {
    this.crawls = crawls;
    this.metrics = metrics;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    String crawler = in.text("crawlerName");
    String prefix = json.path("crawlerPrefix").isTextual() ? json.path("crawlerPrefix").asText() : "";
    Crawls.Policy policy = CompleteHandler.policy(in);
    ObjectNode out = Json.object();
    out.put("crawlerName", crawler);
    Crawls.Decision decision = Crawls.Decision.NONE;
    if (crawler.startsWith(prefix) && crawler.length() > prefix.length()) {
      String stage = in.text("stage", "stage_b");
      String dataset = crawler.substring(prefix.length());
      String error = in.text("error", null);
      if (json.path("takeover").asBoolean(false)) {
        decision = crawls.takeOver(stage, dataset, in.text("claimId"),
            CompleteHandler.crawlerView(json.path("glueCrawler")), policy);
        ObjectNode answer = CompleteHandler.crawlAnswer(decision, crawler);
        answer.put("start", decision.start()); // what the crawl state machine's Follow-up? reads
        return answer;
      }
      if (json.path("busy").asBoolean(false)) {
        metrics.refused(CRAWLER_RUNNING);
        crawls.busy(stage, dataset);
      } else if (error != null) {
        metrics.refused(error);
        crawls.giveBack(stage, dataset, ENTITY_NOT_FOUND.equals(error));
      } else {
        decision = crawls.finished(stage, dataset, policy);
      }
    }
    out.put("start", decision.start());
    out.put("waitSeconds", decision.waitSeconds());
    return out;
  }
}
