package io.datalakewlm.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One API action ({@code CreateStateMachine}, {@code GetActivityTask}…): reads its members from
 * the request and answers the response body, or throws {@link ApiException}. Runs on an HTTP
 * thread; an action may block (a long poll does).
 */
@FunctionalInterface
public interface Operation {
  JsonNode handle(Request request);
}
