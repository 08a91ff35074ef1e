package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.storage.Buckets;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.task.TaskHandler;
import java.io.UncheckedIOException;
import java.util.List;

/** Runs a definition given as JSON text on a fresh virtual runtime, for the interpreter tests. */
final class Harness {
  static final ObjectMapper JSON = new ObjectMapper();
  private final String definition;
  private final Resources resources = new Resources();
  private long seed = 1;
  private Buckets buckets;

  private Harness(String definition) {
    this.definition = definition;
  }

  static Harness of(String definition) {
    return new Harness(definition);
  }

  Harness handler(String resource, TaskHandler handler) {
    resources.register(resource, handler);
    return this;
  }

  /** The S3 the run's ItemReaders and ResultWriters see. */
  Harness buckets(Buckets buckets) {
    this.buckets = buckets;
    return this;
  }

  Harness seed(long seed) {
    this.seed = seed;
    return this;
  }

  Execution run(String input) {
    StatesRuntime runtime = StatesRuntime.builder().resolver(resources).seed(seed).buckets(buckets).build();
    Execution execution = runtime.start(DefinitionParser.parse(definition), json(input));
    runtime.scheduler().run();
    return execution;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<EventType> types(Execution execution) {
    return execution.history().stream().map(HistoryEvent::type).toList();
  }

  static List<HistoryEvent> events(Execution execution, EventType type) {
    return execution.history().stream().filter(e -> e.type() == type).toList();
  }

  /** Seconds since the execution started at which each event of {@code type} happened. */
  static List<Double> secondsOf(Execution execution, EventType type) {
    long start = execution.startDate().toEpochMilli();
    return events(execution, type).stream().map(e -> (e.timestampMillis() - start) / 1000.0).toList();
  }
}
