package io.datalakewlm.simulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.simulator.aws.JobRun;
import io.datalakewlm.simulator.aws.JobRunListener;
import io.datalakewlm.simulator.aws.JobRunState;
import io.datalakewlm.simulator.scenario.ObjectArrival;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Follows every arrived object through one strategy's run. It learns when an object's data is
 * processed from the Glue job runs themselves: every strategy passes the batch's object keys in
 * the run's {@code --object-keys} argument, so the ledger sees the same facts whatever the
 * strategy. How an object ended when it did not land (failed, lost) is told by the strategy.
 */
public final class ObjectLedger implements JobRunListener {
  public static final String OBJECT_KEYS_ARGUMENT = "--object-keys";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Set<String> startedRuns = new HashSet<>();
  private final Function<String, Integer> priorityOfDataset;

  /** @param priorityOfDataset the priority level of a dataset, for the report's waits per level */
  public ObjectLedger(Function<String, Integer> priorityOfDataset) {
    this.priorityOfDataset = priorityOfDataset;
  }

  /** An object arrived. */
  public void arrived(ObjectArrival arrival, long atMillis) {
    entries.put(arrival.key(), new Entry(arrival, atMillis));
  }

  /** The strategy gave up on the object (its pipeline failed, or it was dead-lettered). */
  public void failed(String key, String reason) {
    Entry entry = entries.get(key);
    if (entry != null && entry.outcome == null) {
      entry.outcome = ObjectOutcome.FAILED;
      entry.reason = reason;
    }
  }

  /** The object was dropped before anything could process it. */
  public void lost(String key, String reason) {
    Entry entry = entries.get(key);
    if (entry != null && entry.outcome == null) {
      entry.outcome = ObjectOutcome.LOST;
      entry.reason = reason;
    }
  }

  /** Whether every arrived object has landed or been given up on. */
  public boolean settled() {
    for (Entry entry : entries.values()) {
      if (entry.landedMillis < 0 && entry.outcome == null) {
        return false;
      }
    }
    return true;
  }

  /** Whether an object of {@code dataset} landed in {@code [fromMillis, toMillis)}. */
  public boolean landedBetween(String dataset, long fromMillis, long toMillis) {
    for (Entry entry : entries.values()) {
      if (entry.arrival.dataset().equals(dataset) && entry.landedMillis >= fromMillis && entry.landedMillis < toMillis) {
        return true;
      }
    }
    return false;
  }

  /** Keys of objects that were attempted at least once and have neither landed nor been given up on. */
  public List<String> unsettledAttempted() {
    List<String> keys = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (entry.attempts > 0 && entry.landedMillis < 0 && entry.outcome == null) {
        keys.add(entry.arrival.key());
      }
    }
    return keys;
  }

  /** Objects that arrived but have not started a job run yet, per priority level. */
  public Map<Integer, Integer> waitingByPriority() {
    Map<Integer, Integer> waiting = new HashMap<>();
    for (Entry entry : entries.values()) {
      if (entry.startedMillis < 0 && entry.outcome == null) {
        waiting.merge(entry.priority, 1, Integer::sum);
      }
    }
    return waiting;
  }

  @Override
  public void started(JobRun run) {
    startedRuns.add(run.id());
    for (String key : keys(run)) {
      Entry entry = entries.get(key);
      if (entry != null && entry.landedMillis < 0) {
        entry.startedMillis = run.startedOnMillis();
        entry.attempts++;
      }
    }
  }

  @Override
  public void ended(JobRun run) {
    boolean started = startedRuns.remove(run.id());
    for (String key : keys(run)) {
      Entry entry = entries.get(key);
      if (entry == null || entry.landedMillis >= 0) {
        continue;
      }
      if (!started) {
        // refused as it started (KMS throttled the log group's key): still an attempt
        entry.attempts++;
      }
      if (run.state() == JobRunState.SUCCEEDED) {
        entry.landedMillis = run.completedOnMillis();
        entry.startedMillis = run.startedOnMillis();
        entry.outcome = null;
        entry.reason = null;
      }
    }
  }

  /** The records at the end of the run: unsettled objects are UNFINISHED. */
  public List<ObjectRecord> records() {
    List<ObjectRecord> records = new ArrayList<>(entries.size());
    for (Entry entry : entries.values()) {
      ObjectOutcome outcome = entry.landedMillis >= 0 ? ObjectOutcome.COMPLETED
          : entry.outcome != null ? entry.outcome : ObjectOutcome.UNFINISHED;
      records.add(new ObjectRecord(entry.arrival.key(), entry.arrival.source(), entry.arrival.dataset(), entry.priority,
          entry.arrivedMillis, entry.startedMillis, entry.landedMillis, entry.attempts, outcome,
          outcome == ObjectOutcome.COMPLETED ? null : entry.reason));
    }
    return records;
  }

  // The object keys a job run processes, from its --object-keys argument (a JSON array as text).
  private static List<String> keys(JobRun run) {
    JsonNode arguments = run.arguments();
    if (arguments == null || !arguments.path(OBJECT_KEYS_ARGUMENT).isTextual()) {
      return List.of();
    }
    try {
      JsonNode array = JSON.readTree(arguments.get(OBJECT_KEYS_ARGUMENT).asText());
      List<String> keys = new ArrayList<>(array.size());
      array.forEach(key -> keys.add(key.asText()));
      return keys;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** One object's facts as they come in. */
  private final class Entry {
    final ObjectArrival arrival;
    final long arrivedMillis;
    final int priority;
    long startedMillis = -1;
    long landedMillis = -1;
    int attempts;
    ObjectOutcome outcome;
    String reason;

    Entry(ObjectArrival arrival, long arrivedMillis) {
      this.arrival = arrival;
      this.arrivedMillis = arrivedMillis;
      this.priority = priorityOfDataset.apply(arrival.dataset());
    }
  }
}
