package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.pacing.TokenBuckets;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Table;
import org.junit.jupiter.api.Test;

/** Token buckets: burst, then one token per 1/rate seconds, reserved in turn. */
public abstract class TokenBucketContract extends WorkersContract {

  private static final String API = "glue:StartCrawler";
  private static final TokenBuckets.Definition HALF_PER_SECOND =
      new TokenBuckets.Definition(new BigDecimal("0.5"), new BigDecimal("2"));

  private long take() {
    return workers.buckets().take(API, null).orElseThrow().waitMillis();
  }

  @Test
  void theBurstGoesAtOnceThenCallersAreSpacedByOneOverRate() {
    workers.buckets().define(API, HALF_PER_SECOND);
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waits.add(take());
    }
    assertEquals(List.of(0L, 0L, 2000L, 4000L, 6000L), waits);
  }

  @Test
  void tokensAccrueWithTimeUpToTheBurstOnly() {
    workers.buckets().define(API, HALF_PER_SECOND);
    take();
    take();
    clock.advance(Duration.ofHours(1));
    assertEquals(0, take());
    assertEquals(0, take());
    assertEquals(2000, take(), "an hour of idling does not save more than the burst");
    clock.advance(Duration.ofSeconds(3));
    assertEquals(1000, take(), "the reservation made 3 s ago is still owed");
  }

  @Test
  void waitSecondsRoundUpAndAnUndefinedBucketIsRefusedWithoutADefinition() {
    assertTrue(workers.buckets().take(API, null).isEmpty());
    TokenBuckets.Definition slow = new TokenBuckets.Definition(new BigDecimal("0.3"), BigDecimal.ONE);
    assertEquals(0, workers.buckets().take(API, slow).orElseThrow().waitSeconds());
    TokenBuckets.Grant second = workers.buckets().take(API, slow).orElseThrow();
    assertEquals(3334, second.waitMillis());
    assertEquals(4, second.waitSeconds());
  }

  @Test
  void redefiningKeepsTheBalanceCappedAtTheNewBurst() {
    workers.buckets().define(API, new TokenBuckets.Definition(BigDecimal.ONE, BigDecimal.TEN));
    workers.buckets().define(API, HALF_PER_SECOND);
    assertEquals(0, take());
    assertEquals(0, take());
    assertEquals(2000, take());
  }

  @Test
  void aJobStartAndACrawlerStartAreTakenInOneWriteAndEachBucketKeepsItsOwnPace() {
    TokenBuckets.Definition jobs = new TokenBuckets.Definition(new BigDecimal("2"), BigDecimal.ONE);
    Map<String, TokenBuckets.Definition> both = new LinkedHashMap<>();
    both.put("glue:StartJobRun", jobs);
    both.put(API, HALF_PER_SECOND);
    workers.buckets().takeAll(both);
    long version = glueVersion();
    Map<String, TokenBuckets.Grant> grants = workers.buckets().takeAll(both);
    assertEquals(version + 1, glueVersion(), "both tokens in one write of the service's item");
    assertEquals(500, grants.get("glue:StartJobRun").waitMillis(), "a burst of 1 at 2/s");
    assertEquals(0, grants.get(API).waitMillis(), "the crawler bucket's burst of 2 still had one");
    assertEquals(2000, take(), "a lone take of the crawler bucket is its third: a burst of 2 at 0.5/s");
  }

  private long glueVersion() {
    return store.get(Table.RATE_LIMITS, Key.of("api", "glue")).orElseThrow().longValue("version");
  }
}
