package io.datalakewlm.simulator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.datalakewlm.asl.task.TaskCall;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.asl.time.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A task attempt without a state machine: records what the handler answered and when. */
final class FakeTaskCall implements TaskCall {
  private final Scheduler scheduler;
  private final String resource;
  private final JsonNode input;
  private final List<Runnable> onCancel = new ArrayList<>();
  boolean open = true;
  JsonNode submitted;
  JsonNode output;
  String error;
  String cause;
  long answeredAtMillis = -1;

  FakeTaskCall(Scheduler scheduler, String resource, JsonNode input) {
    this.scheduler = scheduler;
    this.resource = resource;
    this.input = input;
  }

  static JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Closes the attempt the way the runtime does when the execution stops. */
  void cancel() {
    if (open) {
      open = false;
      onCancel.forEach(Runnable::run);
    }
  }

  @Override
  public String resource() {
    return resource;
  }

  @Override
  public JsonNode input() {
    return input;
  }

  @Override
  public String taskToken() {
    return "token";
  }

  @Override
  public JsonNode context() {
    return JsonNodeFactory.instance.objectNode();
  }

  @Override
  public String executionArn() {
    return "arn:aws:states:us-east-1:123456789012:execution:test:run";
  }

  @Override
  public String stateName() {
    return "Task";
  }

  @Override
  public int retryCount() {
    return 0;
  }

  @Override
  public Instant now() {
    return scheduler.now();
  }

  @Override
  public void started(String workerName) {}

  @Override
  public void submitted(JsonNode response) {
    if (open) {
      submitted = response;
    }
  }

  @Override
  public void succeed(JsonNode value) {
    if (open) {
      open = false;
      output = value;
      answeredAtMillis = scheduler.nowMillis();
    }
  }

  @Override
  public void fail(String errorName, String causeText) {
    if (open) {
      open = false;
      error = errorName;
      cause = causeText;
      answeredAtMillis = scheduler.nowMillis();
    }
  }

  @Override
  public void heartbeat() {}

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public Timer after(long delayMillis, Runnable action) {
    return scheduler.after(delayMillis, action);
  }

  @Override
  public void onCancel(Runnable action) {
    onCancel.add(action);
  }
}
