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
import java.util.LinkedHashSet;
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
  // Kept as the entries change, so that the per-slice questions cost nothing on a 100,000-object day.
  private final Map<Integer, Integer> waiting = new HashMap<>();
  private final Set<String> attemptedUnsettled = new LinkedHashSet<>();
  private final List<DependencyCheck> checks = new ArrayList<>();
  private int unsettled;

  /** @param priorityOfDataset the priority level of a dataset, for the report's waits per level */
  public ObjectLedger(Function<String, Integer> priorityOfDataset) {
    this.priorityOfDataset = priorityOfDataset;
  }

  /** An object arrived. */
  public void arrived(ObjectArrival arrival, long atMillis) {
    Entry entry = new Entry(arrival, atMillis);
    Entry replaced = entries.put(arrival.key(), entry);
    if (replaced != null) {
      count(replaced, -1);
    }
    count(entry, 1);
  }

  /** The strategy gave up on the object (its pipeline failed, or it was dead-lettered). */
  public void failed(String key, String reason) {
    Entry entry = entries.get(key);
    if (entry != null && entry.outcome == null) {
      count(entry, -1);
      entry.outcome = ObjectOutcome.FAILED;
      entry.reason = reason;
      count(entry, 1);
    }
  }

  /** The object was dropped before anything could process it. */
  public void lost(String key, String reason) {
    Entry entry = entries.get(key);
    if (entry != null && entry.outcome == null) {
      count(entry, -1);
      entry.outcome = ObjectOutcome.LOST;
      entry.reason = reason;
      count(entry, 1);
    }
  }

  /** An aggregate's dependency stage looked at its inputs (the strategy tells what it found). */
  public void checked(DependencyCheck check) {
    checks.add(check);
  }

  /** Every dependency check so far, in the order they were made. */
  public List<DependencyCheck> checks() {
    return List.copyOf(checks);
  }

  /** Whether every arrived object has landed or been given up on. */
  public boolean settled() {
    return unsettled == 0;
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
    return new ArrayList<>(attemptedUnsettled);
  }

  /** Objects that arrived but have not started a job run yet, per priority level. */
  public Map<Integer, Integer> waitingByPriority() {
    Map<Integer, Integer> copy = new HashMap<>();
    waiting.forEach((priority, n) -> {
      if (n > 0) {
        copy.put(priority, n);
      }
    });
    return copy;
  }

  // Adds (sign 1) or takes away (sign -1) an entry's part in the running counts.
  private void count(Entry entry, int sign) {
    boolean open = entry.landedMillis < 0 && entry.outcome == null;
    if (open) {
      unsettled += sign;
      if (entry.attempts > 0) {
        if (sign > 0) {
          attemptedUnsettled.add(entry.arrival.key());
        } else {
          attemptedUnsettled.remove(entry.arrival.key());
        }
      }
    }
    if (entry.startedMillis < 0 && entry.outcome == null) {
      waiting.merge(entry.priority, sign, Integer::sum);
    }
  }

  @Override
  public void started(JobRun run) {
    startedRuns.add(run.id());
    for (String key : keys(run)) {
      Entry entry = entries.get(key);
      if (entry != null && entry.landedMillis < 0) {
        count(entry, -1);
        entry.startedMillis = run.startedOnMillis();
        entry.attempts++;
        count(entry, 1);
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
      count(entry, -1);
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
      count(entry, 1);
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
