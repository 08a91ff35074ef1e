package io.datalakewlm.workers.store.memory;

import io.datalakewlm.workers.store.Item;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The items of one table partition in key order, in two parallel arrays, kept in step with the
 * partition's tree: a query for a run of sort keys (every SelectBatch reads the whole lane
 * registry) finds its ends by binary search and copies the items between, instead of stepping
 * through the tree node by node. An item changed in place (the common write) is replaced at its
 * position; only a new or deleted key moves the elements after it. Not thread-safe: the table's
 * monitor guards it.
 */
final class PartitionRun {

  private final List<List<Object>> keys;
  private final List<Item> items;

  PartitionRun(Map<List<Object>, Item> partition) {
    keys = new ArrayList<>(partition.keySet());
    items = new ArrayList<>(partition.values());
  }

  /** Records an item stored under a key, new or replacing one. */
  void put(List<Object> key, Item item) {
    int at = Collections.binarySearch(keys, key, Values.TUPLE_ORDER);
    if (at >= 0) {
      items.set(at, item);
    } else {
      keys.add(-at - 1, key);
      items.add(-at - 1, item);
    }
  }

  /** Records that a key's item was deleted. */
  void remove(List<Object> key) {
    int at = Collections.binarySearch(keys, key, Values.TUPLE_ORDER);
    if (at >= 0) {
      keys.remove(at);
      items.remove(at);
    }
  }

  /** The position of the first key not below {@code key} ({@code inclusive}) or above it. */
  int from(List<Object> key, boolean inclusive) {
    int at = Collections.binarySearch(keys, key, Values.TUPLE_ORDER);
    return at >= 0 ? (inclusive ? at : at + 1) : -at - 1;
  }

  Item item(int position) {
    return items.get(position);
  }
}
