package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One activity: JSON in, JSON out. A failure is an {@link ActivityException} carrying the error
 * name that the state machines' Retry and Catch match ({@link ErrorNames}) and a cause for
 * humans. Handlers are thread-safe and keep no state between calls: everything lives in the store.
 */
@FunctionalInterface
public interface ActivityHandler {
  JsonNode handle(JsonNode input);
}
