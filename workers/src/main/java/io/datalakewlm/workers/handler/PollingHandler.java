package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * A handler that may answer "not yet": a long poll, like SQS's ReceiveMessage with a wait time.
 * The task stays open (heartbeating) while {@link TaskRunner} asks again every
 * {@link #pollEvery}, until {@link #poll} has an answer or {@link #waitFor} has passed; then the
 * task answers {@link #nothing}. A state machine that waits this way costs no state transitions
 * while it waits, only store reads.
 */
public interface PollingHandler extends ActivityHandler {

  /** The answer, if there is one now. */
  Optional<JsonNode> poll(JsonNode input);

  /** The answer once the wait is over with nothing found (or the worker is stopping). */
  JsonNode nothing(JsonNode input);

  /** How long the caller is willing to wait, from its input. */
  Duration waitFor(JsonNode input);

  /** How often to look again, from its input. */
  Duration pollEvery(JsonNode input);

  /** One look, answering {@link #nothing} when there is nothing: the answer of a caller that cannot wait. */
  @Override
  default JsonNode handle(JsonNode input) {
    return poll(input).orElseGet(() -> nothing(input));
  }
}
