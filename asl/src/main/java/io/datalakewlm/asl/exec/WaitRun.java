package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.model.WaitState;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.Scope;
import io.datalakewlm.asl.time.Timer;
import java.time.Instant;

/**
 * The run of a Wait state: one timer on the scheduler, however long the wait. Its output and
 * assignments are evaluated on entry (nothing they read can change while the flow waits) and
 * apply when the timer fires.
 */
final class WaitRun implements Cancellable {
  private final Flow flow;
  private final WaitState wait;
  private final JsonNode input;
  private final long enteredMillis;
  private Timer timer = Timer.NONE;

  WaitRun(Flow flow, WaitState wait, JsonNode input, long enteredMillis) {
    this.flow = flow;
    this.wait = wait;
    this.input = input;
    this.enteredMillis = enteredMillis;
  }

  void begin() {
    Evaluation evaluation = flow.evaluation(wait, enteredMillis);
    StateData data = StateData.of(wait);
    JsonNode effective = data.selectInput(wait, input, evaluation);
    long until = until(evaluation, effective);
    Exit exit = data.leave(wait, input, effective, null, wait.io().assign(), wait.io().output(), evaluation);
    flow.running(this);
    timer = flow.engine.scheduler.at(until, () -> flow.exit(wait, exit, null));
  }

  @Override
  public void cancel(boolean recordAbort) {
    timer.cancel();
    if (recordAbort) {
      flow.record(EventType.WaitStateAborted, null);
    }
  }

  // The end of the wait in epoch millis, from whichever field is set.
  private long until(Evaluation evaluation, JsonNode effective) {
    if (wait.seconds() != null) {
      return enteredMillis + wait.seconds() * 1000;
    }
    if (wait.timestamp() != null) {
      return Instant.parse(normalise(wait.timestamp())).toEpochMilli();
    }
    if (wait.secondsExpression() != null) {
      JsonataExpression expression = wait.secondsExpression();
      JsonNode value = evaluation.evaluate(expression, evaluation.bindings(input));
      if (!value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > 99_999_999L) {
        throw evaluation.unexpected(expression, "an integer from 0 to 99999999", value);
      }
      return enteredMillis + value.asLong() * 1000;
    }
    if (wait.timestampExpression() != null) {
      JsonataExpression expression = wait.timestampExpression();
      JsonNode value = evaluation.evaluate(expression, evaluation.bindings(input));
      Instant instant = ChoiceRules.timestamp(value);
      if (instant == null) {
        throw evaluation.unexpected(expression, "an RFC 3339 timestamp string", value);
      }
      return instant.toEpochMilli();
    }
    Scope scope = evaluation.scope(effective);
    if (wait.secondsPath() != null) {
      String text = wait.secondsPath().text();
      JsonNode value = select(wait.secondsPath(), scope);
      if (value == null) {
        throw FailureCauses.secondsPathMissing(text);
      }
      if (!value.canConvertToExactIntegral()) {
        throw FailureCauses.secondsPathNotLong(text, value);
      }
      if (value.asLong() < 0) {
        throw FailureCauses.secondsPathNegative(text, value);
      }
      return enteredMillis + value.asLong() * 1000;
    }
    if (wait.timestampPath() != null) {
      String text = wait.timestampPath().text();
      JsonNode value = select(wait.timestampPath(), scope);
      if (value == null) {
        throw FailureCauses.timestampPathMissing(text);
      }
      Instant instant = ChoiceRules.timestamp(value);
      if (instant == null) {
        throw FailureCauses.timestampPathInvalid(text, value);
      }
      return instant.toEpochMilli();
    }
    throw new StatesError(ErrorNames.RUNTIME,
        "Wait state '" + wait.name() + "' has none of Seconds, Timestamp, SecondsPath, TimestampPath");
  }

  // The value a SecondsPath or TimestampPath selects, or null when it selects nothing.
  private static JsonNode select(JsonPath path, Scope scope) {
    return path.root() == JsonPath.Root.INPUT ? path.find(scope.input()) : path.find(scope);
  }

  // Accepts any RFC 3339 offset, not only 'Z', by going through OffsetDateTime.
  private static String normalise(String timestamp) {
    return java.time.OffsetDateTime.parse(timestamp).toInstant().toString();
  }
}
