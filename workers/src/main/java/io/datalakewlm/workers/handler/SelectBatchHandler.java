package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.crawl.Crawls;
import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.metrics.Metrics;
import io.datalakewlm.workers.pacing.TokenBuckets;
import io.datalakewlm.workers.queue.BatchSelector;
import io.datalakewlm.workers.queue.SelectRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SelectBatch: leases the next batch(es) to the calling execution, by priority with aging, fair
 * shares between sources, per-source caps and per-dataset batch bounds, skipping datasets whose
 * Glue job is at its {@code MaxConcurrentRuns} (see {@link io.datalakewlm.workers.queue.FairPicker}).
 *
 * <pre>
 * in:  {"executionId": "$$.Execution.Id", "stage": "stage_b"?, "maxBatches": 10?, "maxItems": 1000?,
 *       "agingSeconds": 3600?, "maxBatchWaitSeconds": 900?, "leaseSeconds": 3600?, "jobSlots": 1?,
 *       "jobStart": {"rate": 2, "burst": 5}?, "jobPrefix": "sdlf-"?, "crawlerPrefix": "sdlf-"?,
 *       "crawl": {Complete's crawl answer}?, "crawlerStart": {"rate": 0.5, "burst": 2}?,
 *       "handled": 0?, "handOverAfter": 500?, "handOverAt": "2024-01-01T06:00:00Z"?}
 * out: {"found": true, "batch": {first batch} | null, "startInSeconds": 0, "handled": 1, "handOver": false,
 *       "batches": [{"batchId": "b-1f2e...", "executionId": "...", "source": "sales", "team": "sales",
 *                    "dataset": "orders", "datasetName": "sales-orders", "stage": "stage_b", "priority": 3,
 *                    "itemCount": 2, "leaseExpiresAt": "...", "sourceSlot": false,
 *                    "jobName": "sdlf-sales-orders", "crawlerName": "sdlf-sales-orders",
 *                    "items": [{"objectKey": "...", "table": "orders", "priority": 5, "attempts": 0,
 *                               "enqueuedAt": "..."}]}],
 *       "batchCount": 1, "itemCount": 2, "lanesRead": 4}
 * </pre>
 * A batch of a dataset whose config says {@code "crawler": {"enabled": false}} has no
 * {@code crawlerName}. An empty {@code batches} ({@code found} false, {@code batch} null) means nothing is ready.
 * {@code agingSeconds} 0 disables aging. With {@code jobStart} one token of the
 * {@code glue:StartJobRun} bucket is taken per batch and {@code startInSeconds} says how long to
 * wait before starting the job. With {@code crawl} (what Complete answered for the previous
 * batch) and {@code crawlerStart}, a crawl to {@code start} takes its StartCrawler token in the same
 * write; the answer's {@code crawl} is that crawl's action, {@code defer} with {@code paced} true
 * when its token asks to wait (a crawl execution waits, not the worker). A worker that passes {@code handled} (what the previous call
 * answered), {@code handOverAfter} and {@code handOverAt} learns when to hand over to a fresh
 * execution of itself ({@code handOver} true, nothing selected): after that many batches, or
 * once that time has passed. Errors: {@code Wlm.InvalidInput}, {@code Wlm.ExecutionReaped}.
 */
public final class SelectBatchHandler implements ActivityHandler {

  public static final String NAME = "SelectBatch";
  /** The bucket that paces StartJobRun (and the KMS key associations each run causes). */
  public static final String START_JOB_RUN = "glue:StartJobRun";

  private final BatchSelector selector;
  private final TokenBuckets buckets;
  private final Clock clock;
  private final Metrics metrics;

  public SelectBatchHandler(BatchSelector selector, TokenBuckets buckets, Clock clock, Metrics metrics) {
    this.selector = selector;
    this.buckets = buckets;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    SelectRequest request;
    try {
      request = new SelectRequest(in.text("executionId"), in.text("stage", "stage_b"),
          in.integer("maxBatches", 10, 1, 1000), in.integer("maxItems", 1000, 1, 100_000),
          in.seconds("agingSeconds", 3600, 0, 365L * 86400), in.seconds("maxBatchWaitSeconds", 900, 0, 365L * 86400),
          in.seconds("leaseSeconds", 3600, 1, 7L * 86400), in.integer("jobSlots", 1, 1, 1000));
    } catch (IllegalArgumentException e) {
      throw new ActivityException(ErrorNames.INVALID_INPUT, NAME + ": " + e.getMessage());
    }
    TokenBuckets.Definition pacing = pacing(in);
    int handled = in.integer("handled", 0, 0, Integer.MAX_VALUE);
    ObjectNode out = Json.object();
    if (handOver(in, handled)) {
      ObjectNode crawl = crawl(in);
      takeTokens(null, 0, crawl, crawlerPacing(in));
      out.set("crawl", crawl);
      out.put("found", false);
      out.putNull("batch");
      out.put("startInSeconds", 0);
      out.put("handled", handled);
      out.put("handOver", true);
      out.putArray("batches");
      out.put("batchCount", 0);
      out.put("itemCount", 0);
      out.put("lanesRead", 0);
      return out;
    }
    BatchSelector.Selection selection = selector.select(request);
    ObjectNode crawl = crawl(in);
    long startIn = takeTokens(pacing, selection.batches().size(), crawl, crawlerPacing(in));
    Instant jobStartsAt = clock.instant().plusSeconds(startIn);
    selection.batches().forEach(batch -> metrics.dispatched(batch, jobStartsAt));
    String jobPrefix = in.text("jobPrefix", null);
    String crawlerPrefix = in.text("crawlerPrefix", null);
    ArrayNode batches = out.putArray("batches");
    for (Batch batch : selection.batches()) {
      ObjectNode node = Json.batch(batch);
      if (jobPrefix != null) {
        node.put("jobName", jobPrefix + batch.datasetName());
      }
      if (crawlerPrefix != null && batch.crawler()) {
        // no name for a dataset without a crawler: the worker then asks Glue for no crawl
        node.put("crawlerName", crawlerPrefix + batch.datasetName());
      }
      batches.add(node);
    }
    out.put("found", !selection.batches().isEmpty());
    if (batches.isEmpty()) {
      out.putNull("batch");
    } else {
      out.set("batch", batches.get(0));
    }
    out.put("startInSeconds", startIn);
    out.set("crawl", crawl);
    out.put("handled", handled + selection.batches().size());
    out.put("handOver", false);
    out.put("batchCount", selection.batches().size());
    out.put("itemCount", selection.itemCount());
    out.put("lanesRead", selection.lanesRead());
    return out;
  }

  /**
   * Takes the selected batches' StartJobRun tokens and, when the caller is about to start a
   * crawl, its StartCrawler token, in one write (both buckets are Glue's); turns the crawl's
   * action into {@code defer} (with {@code paced}: the token is taken) when its token asks to wait.
   *
   * @return how long to wait before starting the job
   */
  private long takeTokens(TokenBuckets.Definition jobPacing, int batches, ObjectNode crawl,
                          TokenBuckets.Definition crawlPacing) {
    boolean crawlToken = crawlPacing != null && "start".equals(crawl.path("action").asText());
    int jobTokens = jobPacing == null ? 0 : batches;
    long crawlWait = 0;
    long jobWait = 0;
    for (int i = 0; i < Math.max(jobTokens, crawlToken ? 1 : 0); i++) {
      Map<String, TokenBuckets.Definition> apis = new LinkedHashMap<>();
      if (i < jobTokens) {
        apis.put(START_JOB_RUN, jobPacing);
      }
      if (crawlToken && i == 0) {
        apis.put(Crawls.START_CRAWLER, crawlPacing);
      }
      Map<String, TokenBuckets.Grant> grants = buckets.takeAll(apis);
      if (grants.containsKey(START_JOB_RUN)) {
        jobWait = Math.max(jobWait, grants.get(START_JOB_RUN).waitSeconds());
      }
      if (grants.containsKey(Crawls.START_CRAWLER)) {
        crawlWait = grants.get(Crawls.START_CRAWLER).waitSeconds();
      }
    }
    if (crawlWait > 0) {
      // a worker never waits for a crawl (it would hold the batch it just took): a crawl
      // execution waits out the token taken here, then starts the crawler
      crawl.put("action", "defer");
      crawl.put("waitSeconds", crawlWait);
      crawl.put("paced", true);
    }
    return jobWait;
  }

  // The crawl the worker is to start after this selection (what Complete answered), or none.
  private static ObjectNode crawl(Input in) {
    ObjectNode crawl = Json.object();
    JsonNode given = in.has("crawl") ? in.object("crawl").json() : null;
    if (given != null) {
      crawl.setAll((ObjectNode) given);
    }
    if (!crawl.path("action").isTextual()) {
      crawl.put("action", "none");
    }
    if (!crawl.has("waitSeconds")) {
      crawl.put("waitSeconds", 0);
    }
    if (!crawl.has("crawlerName")) {
      crawl.putNull("crawlerName");
    }
    return crawl;
  }

  // The StartJobRun bucket from the input, or null when the caller does not pace starts here.
  private static TokenBuckets.Definition pacing(Input in) {
    return bucket(in, "jobStart", "starts per second");
  }

  // The StartCrawler bucket, taken here for the crawl Complete asked to start.
  private static TokenBuckets.Definition crawlerPacing(Input in) {
    return bucket(in, "crawlerStart", "crawler starts per second");
  }

  private static TokenBuckets.Definition bucket(Input in, String field, String what) {
    if (!in.has(field)) {
      return null;
    }
    Input start = in.object(field);
    Double rate = start.optionalNumber("rate", 0);
    Double burst = start.optionalNumber("burst", 0.999_999);
    if (rate == null || burst == null) {
      throw in.invalid(field, "must give both rate (" + what + ") and burst");
    }
    return new TokenBuckets.Definition(BigDecimal.valueOf(rate), BigDecimal.valueOf(burst));
  }

  // Whether the calling worker should hand over to a fresh execution before taking more.
  private boolean handOver(Input in, int handled) {
    if (in.has("handOverAfter") && handled >= in.integer("handOverAfter", Integer.MAX_VALUE, 1, Integer.MAX_VALUE)) {
      return true;
    }
    String at = in.text("handOverAt", null);
    if (at == null) {
      return false;
    }
    try {
      return !clock.instant().isBefore(Instant.parse(at));
    } catch (DateTimeParseException e) {
      throw in.invalid("handOverAt", "must be an ISO-8601 instant such as 2024-01-01T06:00:00Z, got '" + at + "'");
    }
  }
}
