package io.datalakewlm.simulator.bottleneck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How minute samples fold into periods, on samples made by hand. */
class BottleneckTimelineTest {
  private static final long MINUTE = 60_000;
  private static final Hold ACCOUNT = new Hold(BindingLimit.ACCOUNT_QUOTA, "account", "quota 2",
      "quotas.glueAccountConcurrentRuns");
  private static final Hold JOB = new Hold(BindingLimit.JOB_CONCURRENCY, "orders-job", "MaxConcurrentRuns 1",
      "sources.team.datasets.orders.job.maxConcurrentRuns");

  // Minute i (1-based) of `holds`: the samples at the end of minutes 1..n.
  private static BottleneckTimeline timeline(List<Map<Hold, Integer>> holds) {
    List<BottleneckTimeline.Sample> samples = new ArrayList<>();
    for (int i = 0; i < holds.size(); i++) {
      samples.add(new BottleneckTimeline.Sample((i + 1) * MINUTE, holds.get(i)));
    }
    return BottleneckTimeline.of(0, holds.size() * MINUTE, samples);
  }

  @Test
  void bucketsBoundByTheSameLimitMergeAndKeepTheirPeak() {
    List<Map<Hold, Integer>> minutes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      minutes.add(Map.of(ACCOUNT, 10 - i));            // 00:00-00:10 the account, 10 falling to 1
    }
    for (int i = 0; i < 5; i++) {
      minutes.add(Map.of());                            // 00:10-00:15 nothing waits
    }
    for (int i = 0; i < 7; i++) {
      minutes.add(Map.of(JOB, 3));                      // 00:15-00:22 the job, the last bucket cut at 00:22
    }
    List<Bottleneck> periods = timeline(minutes).periods();
    assertEquals(3, periods.size(), periods.toString());
    assertEquals(new Bottleneck(0, 10 * MINUTE, BindingLimit.ACCOUNT_QUOTA, "account", ACCOUNT.what(10),
        "quotas.glueAccountConcurrentRuns", 10, 55), periods.get(0));
    assertEquals(BindingLimit.ARRIVALS, periods.get(1).limit());
    assertEquals(15 * MINUTE, periods.get(1).toMillis());
    assertEquals(new Bottleneck(15 * MINUTE, 22 * MINUTE, BindingLimit.JOB_CONCURRENCY, "orders-job", JOB.what(3),
        JOB.move(), 3, 21), periods.get(2));
  }

  @Test
  void aBucketHeldBackInFewerThanHalfItsMinutesIsBoundByArrivals() {
    List<Map<Hold, Integer>> minutes = List.of(Map.of(ACCOUNT, 50), Map.of(ACCOUNT, 50), Map.of(), Map.of(), Map.of());
    BottleneckTimeline timeline = timeline(minutes);
    assertEquals(List.of(BindingLimit.ARRIVALS), timeline.periods().stream().map(Bottleneck::limit).toList());
    assertEquals(ACCOUNT, timeline.heldBackMost(), "over the run the account still held back the most");
  }

  @Test
  void theLimitHoldingTheMostObjectMinutesBindsABucketAndTheRun() {
    List<Map<Hold, Integer>> minutes = List.of(Map.of(ACCOUNT, 2, JOB, 5), Map.of(ACCOUNT, 2, JOB, 5),
        Map.of(ACCOUNT, 9), Map.of(ACCOUNT, 2), Map.of(ACCOUNT, 2));
    BottleneckTimeline timeline = timeline(minutes);
    assertEquals(BindingLimit.ACCOUNT_QUOTA, timeline.periods().get(0).limit(), "17 object-minutes against 10");
    assertEquals(9, timeline.periods().get(0).peakHeldBack());
    assertEquals(ACCOUNT, timeline.heldBackMost());
    assertEquals(17L, timeline.heldBackMinutes().get(ACCOUNT));
  }

  @Test
  void aRunWithNothingHeldBackIsBoundByArrivals() {
    BottleneckTimeline timeline = timeline(List.of(Map.of(), Map.of()));
    assertEquals(Hold.ARRIVALS, timeline.heldBackMost());
    assertEquals(1, timeline.periods().size());
    assertEquals(BottleneckTimeline.empty().periods(), List.of());
  }
}
