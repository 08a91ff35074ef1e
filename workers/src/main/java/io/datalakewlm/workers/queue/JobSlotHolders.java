package io.datalakewlm.workers.queue;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The job slot holders of one lane, by holder id, immutable, knowing when the first of them
 * expires: every selection counts the live holders of every lane it reads, and most lanes'
 * holders are all live, which this answers without looking at each holder.
 */
final class JobSlotHolders extends AbstractMap<String, DatasetLane.Holder> {

  static final JobSlotHolders NONE = new JobSlotHolders(Map.of());

  private final Map<String, DatasetLane.Holder> byId;
  /** The earliest lease expiry of the holders, or null when there are none. */
  private final Instant firstExpiry;

  private JobSlotHolders(Map<String, DatasetLane.Holder> byId) {
    this.byId = byId;
    Instant first = null;
    for (DatasetLane.Holder holder : byId.values()) {
      first = first == null || holder.until().isBefore(first) ? holder.until() : first;
    }
    this.firstExpiry = first;
  }

  static JobSlotHolders of(Map<String, DatasetLane.Holder> holders) {
    if (holders instanceof JobSlotHolders known) {
      return known;
    }
    return holders.isEmpty() ? NONE : new JobSlotHolders(Map.copyOf(holders));
  }

  /** The holders whose lease has not expired at {@code now}. */
  int liveAt(Instant now) {
    if (firstExpiry == null) {
      return 0;
    }
    if (firstExpiry.isAfter(now)) {
      return byId.size();
    }
    int live = 0;
    for (DatasetLane.Holder holder : byId.values()) {
      if (holder.until().isAfter(now)) {
        live++;
      }
    }
    return live;
  }

  @Override
  public Set<Entry<String, DatasetLane.Holder>> entrySet() {
    return byId.entrySet();
  }

  @Override
  public DatasetLane.Holder get(Object holderId) {
    return byId.get(holderId);
  }

  @Override
  public boolean containsKey(Object holderId) {
    return byId.containsKey(holderId);
  }

  @Override
  public int size() {
    return byId.size();
  }

  @Override
  public boolean isEmpty() {
    return firstExpiry == null;
  }
}
