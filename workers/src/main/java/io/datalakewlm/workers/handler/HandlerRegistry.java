package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.store.StoreException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The activity handlers by activity name. Every handler is wrapped so that whatever goes wrong
 * leaves it as an {@link ActivityException} with one of the {@link ErrorNames}: a store outage
 * is {@code Wlm.StoreUnavailable}, a write that lost too many races is {@code Wlm.Contention},
 * an invalid value caught by the domain is {@code Wlm.InvalidInput}.
 */
public final class HandlerRegistry {

  /** The names of the standard handlers, in registration order; activities are named {@code wlm-<name>-<env>}. */
  public static final List<String> NAMES = List.of(EnqueueHandler.NAME, SelectBatchHandler.NAME, AcquireSlotHandler.NAME,
      ReleaseSlotHandler.NAME, PaceCrawlerHandler.NAME, CompleteHandler.NAME, FailHandler.NAME, RenewLeaseHandler.NAME,
      ReapHandler.NAME, CheckDependenciesHandler.NAME);

  private final Map<String, ActivityHandler> handlers;

  private HandlerRegistry(Map<String, ActivityHandler> handlers) {
    this.handlers = Collections.unmodifiableMap(handlers);
  }

  /** Every handler of the workers. */
  public static HandlerRegistry standard(Workers workers) {
    Map<String, ActivityHandler> h = new LinkedHashMap<>();
    h.put(EnqueueHandler.NAME, new EnqueueHandler(workers.queue()));
    h.put(SelectBatchHandler.NAME, new SelectBatchHandler(workers.selector()));
    h.put(AcquireSlotHandler.NAME, new AcquireSlotHandler(workers.semaphores()));
    h.put(ReleaseSlotHandler.NAME, new ReleaseSlotHandler(workers.semaphores()));
    h.put(PaceCrawlerHandler.NAME, new PaceCrawlerHandler(workers.buckets()));
    h.put(CompleteHandler.NAME, new CompleteHandler(workers.queue()));
    h.put(FailHandler.NAME, new FailHandler(workers.queue()));
    h.put(RenewLeaseHandler.NAME, new RenewLeaseHandler(workers.queue(), workers.clock()));
    h.put(ReapHandler.NAME, new ReapHandler(workers.reaper()));
    h.put(CheckDependenciesHandler.NAME, new CheckDependenciesHandler(workers.dependencies()));
    Map<String, ActivityHandler> guarded = new LinkedHashMap<>();
    h.forEach((name, handler) -> guarded.put(name, guard(name, handler)));
    return new HandlerRegistry(guarded);
  }

  public Optional<ActivityHandler> get(String name) {
    return Optional.ofNullable(handlers.get(name));
  }

  public Set<String> names() {
    return handlers.keySet();
  }

  /** Runs an activity by name. */
  public JsonNode handle(String name, JsonNode input) {
    ActivityHandler handler = handlers.get(name);
    if (handler == null) {
      throw new ActivityException(ErrorNames.INVALID_INPUT, "no activity named " + name + "; known: " + names());
    }
    return handler.handle(input);
  }

  // Maps unexpected exceptions to error names.
  private static ActivityHandler guard(String name, ActivityHandler handler) {
    return input -> {
      try {
        return handler.handle(input);
      } catch (ActivityException e) {
        throw e;
      } catch (StoreException e) {
        throw new ActivityException(ErrorNames.STORE_UNAVAILABLE, name + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new ActivityException(ErrorNames.INVALID_INPUT, name + ": " + e.getMessage(), e);
      } catch (IllegalStateException e) {
        throw new ActivityException(ErrorNames.CONTENTION, name + ": " + e.getMessage(), e);
      }
    };
  }
}
