package io.datalakewlm.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrivalsTest {
  @TempDir
  Path dir;

  static final String DAY = """
      name: arrivals
      seed: 11
      start: 2025-02-03T00:00:00Z
      horizon: 24h
      sources:
        - name: big
          datasets:
            - count: 50
              namePattern: "big-{i:02}"
        - name: small
          datasets:
            - name: ledger
            - name: fx
      arrivals:
        - source: big
          burst: {at: 0s, objects: 2}
        - dataset: ledger
          rate: {perHour: 7, from: 1h, to: 4h, process: even}
        - source: small
          rate: {perHour: 100, from: 2h, to: 12h}
        - source: small
          file: times.csv
      """;

  private Scenario load(String yaml) throws Exception {
    Files.writeString(dir.resolve("times.csv"), "# two instants and an offset\n"
        + "2025-02-03T05:00:00Z,ledger,3\n5h30m\n2025-02-03T23:59:59Z,fx\n");
    return Scenario.parse(yaml, "arrivals.yaml", dir);
  }

  @Test
  void theStreamHoldsExactlyTheObjectsTheSpecAsksFor() throws Exception {
    Arrivals arrivals = load(DAY).arrivals();
    assertEquals(2, arrivals.perDataset().get("big-01"));
    int burst = 50 * 2;
    int even = 21; // 7 an hour for 3 hours, the first at 1h
    int file = 3 + 2 + 1; // ledger ×3; both at 5h30m; fx at 23:59:59
    long poisson = arrivals.stream().filter(a -> a.source().equals("small")).count() - even - file;
    assertEquals(burst + even + file + poisson, arrivals.size());
    assertEquals(burst, arrivals.stream().filter(a -> a.source().equals("big")).count());
    // 100 an hour for 10 hours for 2 datasets: 2,000 expected, sd ≈ 45
    assertTrue(Math.abs(poisson - 2_000) < 225, "Poisson count " + poisson);
  }

  @Test
  void evenlySpacedArrivalsStartAtFromAndKeepTheirInterval() throws Exception {
    List<Instant> ledger = load(DAY.replace("rate: {perHour: 100, from: 2h, to: 12h}", "burst: {at: 23h}"))
        .arrivals().stream().filter(a -> a.dataset().equals("ledger")).map(ObjectArrival::at).toList();
    Instant start = Instant.parse("2025-02-03T00:00:00Z");
    assertEquals(start.plusSeconds(3600), ledger.get(0));
    assertEquals(start.plusMillis(3_600_000 + 3_600_000 / 7), ledger.get(1));
    assertEquals(21 + 3 + 1 + 1, ledger.size());
  }

  @Test
  void theStreamIsInTimeOrderWithUniqueKeysNumberedPerDataset() throws Exception {
    Arrivals arrivals = load(DAY).arrivals();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < arrivals.size(); i++) {
      ObjectArrival a = arrivals.get(i);
      assertEquals(i, a.sequence());
      assertTrue(keys.add(a.key()), a.key());
      if (i > 0) {
        assertTrue(!a.at().isBefore(arrivals.get(i - 1).at()));
      }
    }
    ObjectArrival first = arrivals.get(0);
    assertEquals("big/big-01/2025-02-03/object-000001", first.key());
    assertEquals("big/big-01/2025-02-03/object-000002", arrivals.get(1).key(), "ties follow the file's order");
    assertEquals("big-02", arrivals.get(2).dataset());
  }

  @Test
  void theSameSeedGivesTheSameStreamAndAnotherSeedAnotherPoissonPattern() throws Exception {
    Scenario one = load(DAY);
    Scenario again = load(DAY);
    assertEquals(one.arrivals(), again.arrivals());
    Scenario reseeded = one.with("seed", "12");
    assertNotEquals(one.arrivals(), reseeded.arrivals());
    assertEquals(bursts(one), bursts(reseeded), "bursts, even rates and files do not depend on the seed");
  }

  @Test
  void addingADatasetLeavesTheOthersArrivalsAlone() throws Exception {
    Scenario before = load(DAY);
    Scenario after = load(DAY.replace("      - name: fx\n", "      - name: fx\n      - name: cash\n"));
    assertEquals(fx(before), fx(after));
    assertTrue(after.arrivals().perDataset().get("cash") > 0);
  }

  private static List<ObjectArrival> bursts(Scenario scenario) {
    return scenario.arrivals().stream().filter(a -> a.source().equals("big")).toList();
  }

  private static List<Instant> fx(Scenario scenario) {
    return scenario.arrivals().stream().filter(a -> a.dataset().equals("fx")).map(ObjectArrival::at).toList();
  }
}
