package io.datalakewlm.simulator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.task.TaskHandler;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.random.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Emulated Glue crawlers. A crawler is READY or RUNNING; {@code StartCrawler} is throttled by a
 * token bucket ({@code Glue.ThrottlingException}) and refused for a running crawler
 * ({@code Glue.CrawlerRunningException}); it answers at once and the crawl goes on for a run time
 * drawn from the crawler's distribution, billed per second with a 10-minute minimum.
 *
 * <p>Step Functions calls crawlers through the SDK integrations
 * {@code arn:aws:states:::aws-sdk:glue:startCrawler} (answers {@code {}}) and
 * {@code arn:aws:states:::aws-sdk:glue:getCrawler} (answers {@code {Crawler: {Name, State,
 * CrawlElapsedTime, LastCrawl}}}), usually in a Wait/GetCrawler/Choice loop.
 *
 * <p>Simplifications: the brief STOPPING state at the end of a crawl is not modelled, and
 * {@code GetCrawler} is counted but not throttled.
 */
public final class GlueCrawlers {
  public static final String START_CRAWLER_RESOURCE = "arn:aws:states:::aws-sdk:glue:startCrawler";
  public static final String GET_CRAWLER_RESOURCE = "arn:aws:states:::aws-sdk:glue:getCrawler";

  public static final String START_CRAWLER = "glue:StartCrawler";
  public static final String GET_CRAWLER = "glue:GetCrawler";

  public static final String THROTTLING = "ThrottlingException";
  public static final String CRAWLER_RUNNING = "CrawlerRunningException";
  public static final String ENTITY_NOT_FOUND = "EntityNotFoundException";

  public static final String RUNNING_SERIES = "glue.crawls";

  private final Scheduler scheduler;
  private final ServiceMeter meter;
  private final AwsErrors errors;
  private final long seed;
  private final TokenBucket startCrawlerBucket;
  private final Occupancy running;
  private final Map<String, Crawler> crawlers = new LinkedHashMap<>();
  private final Map<String, String> aliases = new LinkedHashMap<>();
  private final List<Consumer<Crawl>> listeners = new ArrayList<>();
  private final List<Crawl> finished = new ArrayList<>();

  GlueCrawlers(Scheduler scheduler, ServiceMeter meter, AwsErrors errors, AwsQuotas quotas, long seed) {
    this.scheduler = scheduler;
    this.meter = meter;
    this.errors = errors;
    this.seed = seed;
    this.startCrawlerBucket = quotas.startCrawler().newBucket(scheduler.nowMillis());
    this.running = meter.occupancy(RUNNING_SERIES);
  }

  /**
   * Makes {@code alias} another name of the crawler {@code name}, for callers that derive names by
   * their own convention (the dispatcher names a dataset's crawler {@code <prefix><team>-<dataset>}).
   */
  public void alias(String alias, String name) {
    if (!crawlers.containsKey(name)) {
      throw new IllegalArgumentException("no crawler named " + name);
    }
    if (!alias.equals(name)) {
      aliases.put(alias, name);
    }
  }

  // The crawler's own name for a name or an alias of it.
  private String named(String name) {
    return aliases.getOrDefault(name, name);
  }

  /** Creates the crawler {@code definition.name()} ({@code CreateCrawler}); a name can be defined once. */
  public void define(CrawlerDefinition definition) {
    if (crawlers.containsKey(definition.name())) {
      throw new IllegalArgumentException("crawler " + definition.name() + " is already defined");
    }
    crawlers.put(definition.name(), new Crawler(definition, meter.gauge("glue:crawler/" + definition.name(), 1),
        Seeds.stream(seed, "glue-crawler", definition.name())));
  }

  public CrawlerDefinition definition(String name) {
    Crawler crawler = crawlers.get(named(name));
    return crawler == null ? null : crawler.definition;
  }

  /** Every crawl that ended so far, in the order they ended (the report's catalog freshness). */
  public List<Crawl> finished() {
    return List.copyOf(finished);
  }

  /** Calls {@code listener} with every crawl when it ends. */
  public void addListener(Consumer<Crawl> listener) {
    listeners.add(listener);
  }

  public TokenBucket startCrawlerBucket() {
    return startCrawlerBucket;
  }

  public boolean isRunning(String name) {
    Crawler crawler = crawlers.get(named(name));
    return crawler != null && crawler.startedOn >= 0;
  }

  /**
   * {@code StartCrawler}.
   *
   * @throws StatesError {@code Glue.ThrottlingException}, {@code Glue.CrawlerRunningException} or
   *     {@code Glue.EntityNotFoundException}
   */
  public void startCrawler(String name) {
    Crawler crawler = crawlers.get(named(name));
    if (crawler == null) {
      throw refuse(START_CRAWLER, ENTITY_NOT_FOUND, "Crawler entry with name " + name + " does not exist");
    }
    long now = scheduler.nowMillis();
    if (!startCrawlerBucket.tryAcquire(now)) {
      throw refuse(START_CRAWLER, THROTTLING, "Rate exceeded");
    }
    if (crawler.startedOn >= 0) {
      throw refuse(START_CRAWLER, CRAWLER_RUNNING, "Crawler with name " + name + " has already started");
    }
    meter.accepted(START_CRAWLER);
    crawler.gauge.acquire();
    crawler.startedOn = now;
    running.add(crawler.definition.tag(), 1, now);
    long runMillis = crawler.definition.runTime().drawMillis(crawler.random);
    scheduler.after(runMillis, () -> finish(crawler));
  }

  /**
   * {@code GetCrawler}: {@code {"Crawler": {...}}}.
   *
   * @throws StatesError {@code Glue.EntityNotFoundException}
   */
  public ObjectNode getCrawler(String name) {
    Crawler crawler = crawlers.get(named(name));
    if (crawler == null) {
      throw refuse(GET_CRAWLER, ENTITY_NOT_FOUND, "Crawler entry with name " + name + " does not exist");
    }
    meter.accepted(GET_CRAWLER);
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    ObjectNode node = output.putObject("Crawler");
    node.put("Name", name);
    node.put("State", crawler.startedOn >= 0 ? "RUNNING" : "READY");
    if (crawler.startedOn >= 0) {
      node.put("CrawlElapsedTime", scheduler.nowMillis() - crawler.startedOn);
    }
    if (crawler.last != null) {
      ObjectNode last = node.putObject("LastCrawl");
      last.put("Status", "SUCCEEDED");
      last.put("StartTime", crawler.last.startedOnMillis());
      last.put("LogGroup", "/aws-glue/crawlers");
      last.put("LogStream", name);
    }
    node.put("Version", 1);
    return output;
  }

  /** The handler of {@code aws-sdk:glue:startCrawler}. */
  public TaskHandler startCrawlerHandler() {
    return TaskHandler.sync(input -> {
      startCrawler(name(input));
      return JsonNodeFactory.instance.objectNode();
    });
  }

  /** The handler of {@code aws-sdk:glue:getCrawler}. */
  public TaskHandler getCrawlerHandler() {
    return TaskHandler.sync(input -> getCrawler(name(input)));
  }

  public void register(Resources resources) {
    resources.register(START_CRAWLER_RESOURCE, startCrawlerHandler());
    resources.register(GET_CRAWLER_RESOURCE, getCrawlerHandler());
  }

  // Ends the running crawl: READY again, billed, announced.
  private void finish(Crawler crawler) {
    long now = scheduler.nowMillis();
    long billed = Prices.billedSeconds(now - crawler.startedOn, Prices.GLUE_CRAWLER_MINIMUM_SECONDS);
    meter.add(CostUnit.GLUE_CRAWLER_DPU_SECONDS, billed * crawler.definition.dpu());
    Crawl crawl = new Crawl(crawler.definition.name(), crawler.definition.tag(), crawler.startedOn, now, billed);
    crawler.last = crawl;
    crawler.startedOn = -1;
    crawler.gauge.release();
    running.add(crawler.definition.tag(), -1, now);
    finished.add(crawl);
    listeners.forEach(l -> l.accept(crawl));
  }

  // The Name parameter of a crawler request.
  private String name(JsonNode input) {
    JsonNode name = input.path("Name");
    if (!name.isTextual()) {
      throw errors.error("Glue", "AWSGlue", "InvalidInputException",
          "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
    }
    return name.asText();
  }

  private StatesError refuse(String api, String code, String message) {
    meter.refused(api, code);
    return errors.error("Glue", "AWSGlue", code, message);
  }

  /** A defined crawler and its state. */
  private static final class Crawler {
    final CrawlerDefinition definition;
    final Gauge gauge;
    final SplittableRandom random;
    long startedOn = -1;
    Crawl last;

    Crawler(CrawlerDefinition definition, Gauge gauge, SplittableRandom random) {
      this.definition = definition;
      this.gauge = gauge;
      this.random = random;
    }
  }
}
