package io.datalakewlm.simulator.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A step function of time per tag: how many things (job runs, crawls) carrying each tag (for
 * example the source name) are running, recorded exactly at every change rather than sampled, so
 * a report can chart it at any resolution without keeping the simulation busy with sampling
 * timers. Tags are opaque strings chosen by whoever started the run.
 */
public final class Occupancy {
  /** One change: at {@code atMillis}, tag {@code tag} went to {@code value}. */
  public record Change(long atMillis, String tag, int value) {}

  private final String name;
  private final Map<String, Integer> current = new TreeMap<>();
  private final Map<String, Integer> peak = new TreeMap<>();
  private final List<Change> changes = new ArrayList<>();

  Occupancy(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Every change in time order (ties in the order they happened). */
  public List<Change> changes() {
    return Collections.unmodifiableList(changes);
  }

  /** The tags seen so far, sorted. */
  public List<String> tags() {
    return List.copyOf(peak.keySet());
  }

  /** How many things run now, all tags together. */
  public int total() {
    int total = 0;
    for (int value : current.values()) {
      total += value;
    }
    return total;
  }

  public int current(String tag) {
    return current.getOrDefault(tag, 0);
  }

  public int peak(String tag) {
    return peak.getOrDefault(tag, 0);
  }

  /** The value of {@code tag} at {@code atMillis}, after every change at that instant. */
  public int valueAt(String tag, long atMillis) {
    int value = 0;
    for (Change change : changes) {
      if (change.atMillis() > atMillis) {
        break;
      }
      if (change.tag().equals(tag)) {
        value = change.value();
      }
    }
    return value;
  }

  /**
   * Samples every tag at {@code count} instants {@code from, from + step, …}: one row per tag (in
   * tag order), one column per instant. One pass over the changes.
   */
  public Map<String, int[]> sample(long fromMillis, long stepMillis, int count) {
    if (stepMillis <= 0 || count < 0) {
      throw new IllegalArgumentException("step must be > 0 and count >= 0");
    }
    Map<String, int[]> rows = new TreeMap<>();
    for (String tag : peak.keySet()) {
      rows.put(tag, new int[count]);
    }
    Map<String, Integer> value = new TreeMap<>();
    int next = 0;
    for (int i = 0; i < count; i++) {
      long at = fromMillis + i * stepMillis;
      while (next < changes.size() && changes.get(next).atMillis() <= at) {
        Change change = changes.get(next++);
        value.put(change.tag(), change.value());
      }
      for (Map.Entry<String, int[]> row : rows.entrySet()) {
        row.getValue()[i] = value.getOrDefault(row.getKey(), 0);
      }
    }
    return rows;
  }

  void add(String tag, int delta, long atMillis) {
    int value = current.getOrDefault(tag, 0) + delta;
    if (value < 0) {
      throw new IllegalStateException(name + ": tag " + tag + " would go below zero");
    }
    current.put(tag, value);
    peak.merge(tag, value, Math::max);
    changes.add(new Change(atMillis, tag, value));
  }
}
