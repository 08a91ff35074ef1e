package io.datalakewlm.workers.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lane's live holders are counted by their own leases, whichever expires first. */
class JobSlotHoldersTest {

  private static final Instant T = Instant.parse("2025-01-06T10:00:00Z");

  @Test
  void holdersAreLiveUntilTheirOwnExpiry() {
    JobSlotHolders holders = JobSlotHolders.of(Map.of("a", holder(T.plusSeconds(10)), "b", holder(T.plusSeconds(20)),
        "c", holder(T.plusSeconds(30))));
    assertEquals(3, holders.liveAt(T));
    assertEquals(3, holders.liveAt(T.plusSeconds(9)));
    assertEquals(2, holders.liveAt(T.plusSeconds(10))); // a lease ends at its expiry
    assertEquals(1, holders.liveAt(T.plusSeconds(25)));
    assertEquals(0, holders.liveAt(T.plusSeconds(30)));
    assertEquals(0, JobSlotHolders.of(Map.of()).liveAt(T));
  }

  @Test
  void theyReadAsThePlainMapTheyWereMadeOf() {
    Map<String, DatasetLane.Holder> plain = Map.of("a", holder(T), "b", holder(T.plusSeconds(1)));
    JobSlotHolders holders = JobSlotHolders.of(plain);
    assertEquals(plain, holders);
    assertEquals(holders, plain);
    assertEquals(plain.hashCode(), holders.hashCode());
    assertEquals(holder(T), holders.get("a"));
    assertThrows(UnsupportedOperationException.class, () -> holders.put("c", holder(T)));
  }

  private static DatasetLane.Holder holder(Instant until) {
    return new DatasetLane.Holder(until, 1, Map.of("k", 0), null);
  }
}
