package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.pacing.TokenBuckets;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
}
