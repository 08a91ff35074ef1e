package io.datalakewlm.asl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void actionsRunInTimeOrderAndTiesInSchedulingOrder() {
    Scheduler scheduler = Scheduler.virtual(T0);
    List<String> order = new ArrayList<>();
    scheduler.after(2000, () -> order.add("b@2s"));
    scheduler.after(1000, () -> order.add("a@1s"));
    scheduler.after(2000, () -> order.add("c@2s"));
    scheduler.soon(() -> {
      order.add("now");
      scheduler.soon(() -> order.add("now, posted later"));
    });
    scheduler.run();
    assertEquals(List.of("now", "now, posted later", "a@1s", "b@2s", "c@2s"), order);
    assertEquals(T0.plusSeconds(2), scheduler.now());
  }

  @Test
  void aTimedActionDueNowRunsBeforeLaterSoonActions() {
    Scheduler scheduler = Scheduler.virtual(T0);
    List<String> order = new ArrayList<>();
    scheduler.after(1000, () -> {
      order.add("first at 1s");
      scheduler.soon(() -> order.add("soon at 1s"));
    });
    scheduler.after(1000, () -> order.add("second at 1s"));
    scheduler.run();
    assertEquals(List.of("first at 1s", "second at 1s", "soon at 1s"), order);
  }

  @Test
  void cancelledTimersNeverRunAndTheClockDoesNotJumpForThem() {
    Scheduler scheduler = Scheduler.virtual(T0);
    List<String> order = new ArrayList<>();
    Timer late = scheduler.after(3_600_000, () -> order.add("late"));
    scheduler.after(10, () -> order.add("early"));
    late.cancel();
    scheduler.run();
    assertEquals(List.of("early"), order);
    assertEquals(T0.plusMillis(10), scheduler.now());
  }

  @Test
  void manyCancelledTimersLeaveTheOthersInOrderAndKeepNothingAlive() {
    Scheduler scheduler = Scheduler.virtual(T0);
    List<Integer> order = new ArrayList<>();
    // a finished task's timeout: cancelled, due years later, holding on to what its action names
    java.lang.ref.WeakReference<Object> held = cancelledTimerHolding(scheduler, order);
    for (int i = 0; i < 5000; i++) {
      int n = i;
      Timer timer = scheduler.after(1000L + (i * 7919L) % 5000, () -> order.add(n));
      if (i % 10 != 0) {
        timer.cancel();
      }
    }
    for (int i = 0; i < 20 && held.get() != null; i++) {
      System.gc();
    }
    assertTrue(held.get() == null, "a cancelled timer keeps its action's objects reachable");
    scheduler.run();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 5000; i += 10) {
      expected.add(i);
    }
    expected.sort(java.util.Comparator.comparingLong(i -> 1000L + (i * 7919L) % 5000));
    assertEquals(expected, order);
    assertEquals(T0.plusMillis(1000L + expected.stream().mapToLong(i -> (i * 7919L) % 5000).max().orElseThrow()),
        scheduler.now());
  }

  private static java.lang.ref.WeakReference<Object> cancelledTimerHolding(Scheduler scheduler, List<Integer> order) {
    Object payload = new byte[1024];
    scheduler.after(3_153_600_000_000L, () -> order.add(payload.hashCode())).cancel();
    return new java.lang.ref.WeakReference<>(payload);
  }

  @Test
  void runUntilAdvancesInSlices() {
    Scheduler scheduler = Scheduler.virtual(T0);
    List<Long> seen = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      scheduler.after(i * 1000L, () -> seen.add(scheduler.nowMillis() - T0.toEpochMilli()));
    }
    scheduler.runUntil(T0.toEpochMilli() + 2500);
    assertEquals(List.of(1000L, 2000L), seen);
    assertEquals(T0.plusMillis(2500), scheduler.now());
    assertTrue(scheduler.hasWork());
    scheduler.run();
    assertEquals(5, seen.size());
  }

  @Test
  void theClockViewFollowsVirtualTime() {
    Scheduler scheduler = Scheduler.virtual(T0);
    scheduler.after(90_000, () -> {});
    scheduler.run();
    assertEquals(T0.plusSeconds(90), scheduler.clock().instant());
  }

  @Test
  void wallModeRunsScaledTimeAndTakesPostsFromOtherThreads() throws Exception {
    Scheduler scheduler = Scheduler.wall(100_000);
    Thread loop = new Thread(scheduler::run, "loop");
    loop.start();
    CompletableFuture<Long> waited = new CompletableFuture<>();
    scheduler.post(() -> {
      long start = scheduler.nowMillis();
      // One virtual hour at a scale of 100,000 is 36 ms of wall time.
      scheduler.after(3_600_000, () -> waited.complete(scheduler.nowMillis() - start));
    });
    long elapsed = waited.get(10, TimeUnit.SECONDS);
    assertTrue(elapsed >= 3_600_000, "virtual time advanced by " + elapsed + " ms");
    scheduler.stop();
    loop.join(10_000);
    assertTrue(!loop.isAlive());
  }
}
