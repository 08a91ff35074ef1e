package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.queue.BatchSelector;
import io.datalakewlm.workers.queue.EnqueueRequest;
import io.datalakewlm.workers.queue.SelectRequest;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a selection costs: its DynamoDB reads grow with the lanes and the datasets it picks, not
 * with how deep a dataset's backlog is (a batch reads one page of its dataset's items).
 */
public abstract class SelectionReadsContract extends WorkersContract {

  /** Counts the requests that reach the store. */
  private static final class Reads implements Store {
    private final Store store;
    int count;
    int items;

    Reads(Store store) {
      this.store = store;
    }

    @Override
    public Optional<Item> get(Table table, Key key) {
      count++;
      return store.get(table, key);
    }

    @Override
    public boolean put(Table table, Item item, Condition condition) {
      return store.put(table, item, condition);
    }

    @Override
    public Optional<Item> update(Table table, Key key, Update update, Condition condition) {
      return store.update(table, key, update, condition);
    }

    @Override
    public boolean delete(Table table, Key key, Condition condition) {
      return store.delete(table, key, condition);
    }

    @Override
    public Page query(Query query) {
      count++;
      Page page = store.query(query);
      items += page.items().size();
      return page;
    }

    @Override
    public void close() {
      // the test's store is closed by the contract
    }
  }

  /** Items the last counted selection read beyond those it leased (lane records included). */
  private int itemsRead;

  // Enqueues `n` objects of one dataset, then counts the reads of one selection of one batch.
  private int readsToSelectFrom(String dataset, int n, Reads reads, Workers counted) {
    for (int i = 0; i < n; i++) {
      counted.queue().enqueue(new EnqueueRequest(dataset + "/" + i, "eng", dataset, null, null, "stage_b", null, ""));
      clock.advanceSeconds(1);
    }
    int before = reads.count;
    int itemsBefore = reads.items;
    BatchSelector.Selection selection = counted.selector().select(new SelectRequest("e-" + dataset, "stage_b", 1, 1000,
        Duration.ZERO, Duration.ZERO, Duration.ofHours(1), 1));
    int used = reads.count - before;
    Batch batch = selection.batches().get(0);
    itemsRead = reads.items - itemsBefore - batch.items().size();
    counted.queue().complete("e-" + dataset, batch.batchId(), batch.items().stream().map(WorkItem::objectKey).toList());
    return used;
  }

  @Test
  void aDeepBacklogCostsASelectionNoMoreReadsThanAShallowOne() {
    Reads reads = new Reads(store);
    Workers counted = new Workers(reads, clock, new Workers.Settings(Duration.ofMinutes(1), Duration.ofDays(1)));
    readsToSelectFrom("warm-up", 1, reads, counted); // caches and lanes as in a running worker
    int shallow = readsToSelectFrom("shallow", 3, reads, counted);
    int shallowExtra = itemsRead;
    int deep = readsToSelectFrom("deep", 600, reads, counted);
    assertEquals(shallow, deep, "requests of one selection: 3 queued items vs 600");
    // beside the batch: one more lane record, and one item past the batch (how it knows more remain)
    assertTrue(itemsRead <= shallowExtra + 2, "items read beside the batch: " + itemsRead + " with 600 queued, "
        + shallowExtra + " with 3");
  }
}
