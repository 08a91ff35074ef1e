package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.workers.Workers;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The activity handlers by activity name. How a handler's answer or failure reaches Step
 * Functions is the {@link TaskRunner}'s job, the same for the activity poller and the simulator.
 */
public final class HandlerRegistry {

  /** The names of the standard handlers, in registration order; activities are named {@code wlm-<name>-<env>}. */
  public static final List<String> NAMES = List.of(EnqueueHandler.NAME, SelectBatchHandler.NAME, AcquireSlotHandler.NAME,
      ReleaseSlotHandler.NAME, PaceCrawlerHandler.NAME, CompleteHandler.NAME, FailHandler.NAME, RenewLeaseHandler.NAME,
      ReapHandler.NAME, CheckDependenciesHandler.NAME, PlanWorkersHandler.NAME, ShrinkPoolHandler.NAME,
      CrawlFinishedHandler.NAME);

  private final Map<String, ActivityHandler> handlers;
  private final Clock clock;

  private HandlerRegistry(Map<String, ActivityHandler> handlers, Clock clock) {
    this.handlers = Collections.unmodifiableMap(handlers);
    this.clock = clock;
  }

  /** Every handler of the workers. */
  public static HandlerRegistry standard(Workers workers) {
    Map<String, ActivityHandler> h = new LinkedHashMap<>();
    h.put(EnqueueHandler.NAME, new EnqueueHandler(workers.queue()));
    h.put(SelectBatchHandler.NAME, new SelectBatchHandler(workers.selector(), workers.buckets(), workers.clock(),
        workers.metrics()));
    h.put(AcquireSlotHandler.NAME, new AcquireSlotHandler(workers.semaphores(), workers.metrics()));
    h.put(ReleaseSlotHandler.NAME, new ReleaseSlotHandler(workers.semaphores()));
    h.put(PaceCrawlerHandler.NAME, new PaceCrawlerHandler(workers.buckets()));
    h.put(CompleteHandler.NAME, new CompleteHandler(workers.queue(), workers.crawls()));
    h.put(FailHandler.NAME, new FailHandler(workers.queue(), workers.metrics()));
    h.put(RenewLeaseHandler.NAME, new RenewLeaseHandler(workers.queue(), workers.clock()));
    h.put(ReapHandler.NAME, new ReapHandler(workers.reaper()));
    h.put(CheckDependenciesHandler.NAME, new CheckDependenciesHandler(workers.dependencies()));
    h.put(PlanWorkersHandler.NAME, new PlanWorkersHandler(workers.pool(), workers.gauge()));
    h.put(ShrinkPoolHandler.NAME, new ShrinkPoolHandler(workers.pool()));
    h.put(CrawlFinishedHandler.NAME, new CrawlFinishedHandler(workers.crawls(), workers.metrics()));
    return new HandlerRegistry(h, workers.clock());
  }

  public Optional<ActivityHandler> get(String name) {
    return Optional.ofNullable(handlers.get(name));
  }

  public Set<String> names() {
    return handlers.keySet();
  }

  /**
   * Runs an activity once, as a caller that cannot wait does (a long poll answers what it has
   * now): its output, or its failure as an {@link ActivityException} with the error name Step
   * Functions would see.
   */
  public JsonNode handle(String name, JsonNode input) {
    ActivityHandler handler = handlers.get(name);
    if (handler == null) {
      throw new ActivityException(ErrorNames.INVALID_INPUT, "no activity named " + name + "; known: " + names());
    }
    TaskRunner.Answer answer = TaskRunner.run(name, handler, input, clock.instant(), clock.instant(), true);
    if (answer instanceof TaskRunner.Answer.Failed failed) {
      throw new ActivityException(failed.error(), failed.cause(), failed.bug());
    }
    return ((TaskRunner.Answer.Succeeded) answer).output();
  }
}
