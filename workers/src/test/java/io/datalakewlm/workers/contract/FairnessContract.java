package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datalakewlm.workers.domain.Batch;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.queue.BatchSelector;
import io.datalakewlm.workers.queue.EnqueueRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Fair shares: one source with 500 datasets and nine with 5 each, equal priority. The big
 * source's work is all older, the worst case for a FIFO: still every source gets its share of
 * each selection, and of the machine as batches finish.
 */
public abstract class FairnessContract extends QueueSupport {

  private static final List<String> SMALL = List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9");

  // 500 one-object datasets of "big", then 5 of each small source.
  private void fill() {
    for (int d = 0; d < 500; d++) {
      enqueue("big/" + d, "big", "d" + d);
    }
    clock.advanceSeconds(1);
    for (int d = 0; d < 5; d++) {
      for (String s : SMALL) {
        enqueue(s + "/" + d, s, "d" + d);
      }
    }
  }

  private static Map<String, Integer> perSource(BatchSelector.Selection selection) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Batch b : selection.batches()) {
      counts.merge(b.source(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void everySourceGetsItsShareFromTheFirstSelectionAndTheBigOneOnlyTheRest() {
    fill();
    for (int round = 1; round <= 5; round++) {
      Map<String, Integer> counts = perSource(select("dispatcher", 10));
      assertEquals(10, counts.size(), "round " + round + ": one batch for each of the 10 sources: " + counts);
      counts.values().forEach(n -> assertEquals(1, n));
    }
    assertEquals(Map.of("big", 10), perSource(select("dispatcher", 10)), "the small sources are drained");
  }

  @Test
  void aFinishedBatchFreesItsPlaceForTheSourceFurthestBelowItsShare() {
    fill();
    List<Batch> running = new java.util.ArrayList<>(select("dispatcher", 10).batches());
    Batch bigs = running.stream().filter(b -> b.source().equals("big")).findFirst().orElseThrow();
    workers.queue().complete("dispatcher", bigs.batchId(), List.of(bigs.items().get(0).objectKey()));
    assertEquals(Map.of("big", 1), perSource(select("dispatcher", 1)), "big runs nothing now, so it is furthest below");
    Batch s3 = running.stream().filter(b -> b.source().equals("s3")).findFirst().orElseThrow();
    workers.queue().complete("dispatcher", s3.batchId(), List.of(s3.items().get(0).objectKey()));
    assertEquals(Map.of("s3", 1), perSource(select("dispatcher", 1)));
  }

  @Test
  void aPriorityOneItemArrivingLateIsPickedNext() {
    fill();
    select("dispatcher", 10);
    select("dispatcher", 10);
    clock.advance(Duration.ofMinutes(5));
    workers.queue().enqueue(new EnqueueRequest("urgent/1", "s9", "hot", null, null, "stage_b", Priority.HIGH, ""));
    BatchSelector.Selection next = select("dispatcher", 1);
    assertEquals(List.of("urgent/1"), keys(next));
    assertEquals(1, next.batches().get(0).effectiveLevel());
  }

  @Test
  void weightsSetTheShares() {
    workers.priorities().put(new PriorityEntry("heavy", null, 2.0, null, null));
    for (int d = 0; d < 20; d++) {
      enqueue("h/" + d, "heavy", "d" + d);
      enqueue("l/" + d, "light", "d" + d);
    }
    assertEquals(Map.of("heavy", 6, "light", 3), perSource(select("dispatcher", 9)));
  }
}
