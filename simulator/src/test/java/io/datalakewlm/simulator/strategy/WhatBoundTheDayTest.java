package io.datalakewlm.simulator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.bottleneck.BindingLimit;
import io.datalakewlm.simulator.bottleneck.Bottleneck;
import io.datalakewlm.simulator.bottleneck.Hold;
import io.datalakewlm.simulator.report.Figures;
import io.datalakewlm.simulator.report.Report;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "What bound the day" on simulated days whose binding limit is known by construction: each test
 * names the limit, its subject and the --set key, and checks that the key is one --set accepts.
 */
class WhatBoundTheDayTest {

  private static Scenario day(String quotas, String source, String arrivals, String strategies) {
    return Scenario.parse("""
        name: bound
        seed: 7
        start: 2025-01-06T00:00:00Z
        horizon: 12h
        quotas: %s
        defaults:
          job: {duration: 10m, perObject: 0s}
          crawler: {enabled: false}
          stages: {B: {minItems: 1, maxItems: 1}}
        sources:
        %s
        arrivals:
        %s
        strategies:
        %s
        """.formatted(quotas, source.indent(2), arrivals.indent(2), strategies.indent(2)), "bound.yaml", Path.of("."));
  }

  private static Figures run(Scenario scenario, String label) {
    return Report.of(Simulation.run(scenario, Progress.NONE)).figures(label);
  }

  // The key must be one --set accepts, or the advice is useless.
  private static void assertSettable(Scenario scenario, String key) {
    scenario.with(key, "3");
  }

  /** 40 datasets with one object each at 01:00 in an account of 4 job runs: 36 wait for the account. */
  @Test
  void aDayOfManyObjectsInASmallAccountIsBoundByTheAccountsQuota() {
    Scenario scenario = day("{glueAccountConcurrentRuns: 4}", """
        - name: many
          datasets: [{count: 40, namePattern: "d-{i:02}"}]
        """, """
        - source: many
          burst: {at: 1h, objects: 1}
        """, """
        - name: wlm
        - name: retry-only
          knobs: {maxAttempts: 20, maxDelaySeconds: 600}
        """);
    for (String label : List.of("wlm", "retry-only")) {
      Figures f = run(scenario, label);
      Bottleneck first = f.bottlenecks().get(0);
      assertEquals(BindingLimit.ARRIVALS, first.limit(), label + ": nothing has arrived before 01:00");
      Bottleneck bound = f.bottlenecks().get(1);
      assertEquals(BindingLimit.ACCOUNT_QUOTA, bound.limit(), label + " " + f.bottlenecks());
      assertEquals("quotas.glueAccountConcurrentRuns", bound.move());
      assertEquals(36, bound.peakHeldBack(), label + ": 40 arrived, 4 ran");
      assertEquals(scenario.start().toEpochMilli() + 3_600_000, bound.fromMillis());
      // ten rounds of 10 minutes for 40 objects four at a time: bound until about 02:30, then nothing waits
      assertTrue(bound.toMillis() >= scenario.start().toEpochMilli() + 2 * 3_600_000, label + " " + f.bottlenecks());
      assertEquals(BindingLimit.ACCOUNT_QUOTA, f.heldBackMost().limit());
      assertEquals(BindingLimit.ARRIVALS, f.bottlenecks().get(f.bottlenecks().size() - 1).limit());
      assertSettable(scenario, bound.move());
    }
  }

  /** The same day with wlm's pool at 2 of the account's 4: the pool binds, and its knob moves it. */
  @Test
  void aWlmPoolSmallerThanTheAccountNamesMaxConcurrency() {
    Scenario scenario = day("{glueAccountConcurrentRuns: 4}", """
        - name: many
          datasets: [{count: 20, namePattern: "d-{i:02}"}]
        """, """
        - source: many
          burst: {at: 0s, objects: 1}
        """, """
        - name: wlm
          knobs: {maxConcurrency: 2}
        """);
    Figures f = run(scenario, "wlm");
    Hold most = f.heldBackMost();
    assertEquals(BindingLimit.WLM_POOL, most.limit(), f.bottlenecks().toString());
    assertEquals("strategies.wlm.maxConcurrency", most.move());
    assertEquals(18, f.bottlenecks().get(0).peakHeldBack());
    assertSettable(scenario, most.move());
  }

  /** Ten objects of one dataset, batches of one, a job with MaxConcurrentRuns 1 in a roomy account. */
  @Test
  void aJobAtMaxConcurrentRunsOneNamesThatJob() {
    Scenario scenario = day("{glueAccountConcurrentRuns: 50}", """
        - name: team
          datasets: [{name: orders, job: {name: orders-job}}, {name: other}]
        """, """
        - dataset: orders
          burst: {at: 0s, objects: 10}
        """, """
        - name: wlm
        - name: glue-queuing
        """);
    for (String label : List.of("wlm", "glue-queuing")) {
      Figures f = run(scenario, label);
      Bottleneck bound = f.bottlenecks().get(0);
      assertEquals(BindingLimit.JOB_CONCURRENCY, bound.limit(), label + " " + f.bottlenecks());
      assertEquals("orders-job", bound.subject());
      assertEquals("sources.team.datasets.orders.job.maxConcurrentRuns", bound.move());
      assertEquals(9, bound.peakHeldBack(), label);
      assertTrue(bound.what().contains("MaxConcurrentRuns 1"), bound.what());
      // ten runs of 10 minutes one at a time
      assertTrue(bound.toMillis() - bound.fromMillis() >= 85 * 60_000, label + " " + f.bottlenecks());
      assertSettable(scenario, bound.move());
    }
  }

  /** One source capped at one batch in flight beside an uncapped one, in an account with room for both. */
  @Test
  void aSourceCappedByMaxInFlightNamesTheCap() {
    Scenario scenario = day("{glueAccountConcurrentRuns: 8}", """
        - name: capped
          maxInFlight: 1
          datasets: [{name: c1}, {name: c2}, {name: c3}, {name: c4}]
        - name: free
          datasets: [{name: f1}, {name: f2}, {name: f3}, {name: f4}]
        """, """
        - source: capped
          burst: {at: 0s, objects: 1}
        - source: free
          burst: {at: 0s, objects: 1}
        """, """
        - name: wlm
        """);
    Figures f = run(scenario, "wlm");
    Bottleneck bound = f.bottlenecks().get(0);
    assertEquals(BindingLimit.SOURCE_CAP, bound.limit(), f.bottlenecks().toString());
    assertEquals("capped", bound.subject());
    assertEquals("sources.capped.maxInFlight", bound.move());
    assertEquals(3, bound.peakHeldBack());
    assertTrue(bound.toMillis() - bound.fromMillis() >= 25 * 60_000, f.bottlenecks().toString());
    assertSettable(scenario, bound.move());
  }

  /** Six objects an hour apart in a roomy account: nothing ever waits. */
  @Test
  void aLightDayIsBoundByArrivals() {
    Scenario scenario = day("{glueAccountConcurrentRuns: 50}", """
        - name: team
          datasets: [{name: a}, {name: b}]
        """, """
        - dataset: a
          rate: {perHour: 1, from: 0s, to: 6h, process: even}
        """, """
        - name: wlm
        - name: retry-only
        """);
    for (String label : List.of("wlm", "retry-only")) {
      Figures f = run(scenario, label);
      assertEquals(1, f.bottlenecks().size(), label + " " + f.bottlenecks());
      Bottleneck only = f.bottlenecks().get(0);
      assertEquals(BindingLimit.ARRIVALS, only.limit());
      assertNull(only.move());
      assertNull(only.subject());
      assertEquals(Hold.ARRIVALS, f.heldBackMost());
    }
  }

  /** An aggregate scheduled at 01:00 whose second input lands at 02:00: it waits for that input, and no setting helps. */
  @Test
  void anAggregateWaitingForALateInputNamesTheAggregateAndTheMissingInput() {
    Scenario scenario = Scenario.parse("""
        name: late-input
        seed: 3
        start: 2025-01-06T00:00:00Z
        horizon: 6h
        defaults:
          job: {duration: 10m, perObject: 0s}
          crawler: {enabled: false}
        sources:
          - name: team
            datasets: [{name: early}, {name: late}]
        arrivals:
          - dataset: early
            burst: {at: 30m}
          - dataset: late
            burst: {at: 2h}
        aggregates:
          - name: summary
            source: team
            dependencies: [early, late]
            schedule: "01:00"
            dependencyWaitSeconds: 3600
            retries: 3
        strategies:
          - name: wlm
        """, "late-input.yaml", Path.of("."));
    Figures f = run(scenario, "wlm");
    Bottleneck waiting = f.bottlenecks().stream().filter(b -> b.limit() == BindingLimit.AGGREGATE_INPUTS).findFirst()
        .orElseThrow(() -> new AssertionError(f.bottlenecks().toString()));
    assertEquals("summary", waiting.subject());
    assertNull(waiting.move(), "no setting makes an input land sooner");
    assertTrue(waiting.what().contains("missing late"), waiting.what());
    long t0 = scenario.start().toEpochMilli();
    assertEquals(t0 + 3_600_000, waiting.fromMillis());
    // the input lands at 02:10 (a 10-minute job from 02:00)
    assertEquals(t0 + 7_800_000, waiting.toMillis(), f.bottlenecks().toString());
    assertEquals(AGGREGATE, f.heldBackMost().limit());
  }

  private static final BindingLimit AGGREGATE = BindingLimit.AGGREGATE_INPUTS;

  /** Two objects for batches of at least five: with every limit open they wait maxBatchWaitSeconds (30 min). */
  @Test
  void aBatchShortOfMinItemsIsBoundByWlmsBatchWait() {
    Scenario scenario = Scenario.parse("""
        name: short-batch
        seed: 5
        start: 2025-01-06T00:00:00Z
        horizon: 3h
        defaults:
          job: {duration: 10m, perObject: 0s}
          crawler: {enabled: false}
          stages: {B: {minItems: 5, maxItems: 10}}
        sources:
          - name: team
            datasets: [{name: slow}]
        arrivals:
          - dataset: slow
            burst: {at: 0s, objects: 2}
        strategies:
          - name: wlm
            knobs: {maxBatchWaitSeconds: 1800}
        """, "short-batch.yaml", Path.of("."));
    Figures f = run(scenario, "wlm");
    Bottleneck first = f.bottlenecks().get(0);
    assertEquals(BindingLimit.STRATEGY_PACING, first.limit(), f.bottlenecks().toString());
    assertEquals("strategies.wlm.maxBatchWaitSeconds", first.move());
    assertEquals(2, first.peakHeldBack());
    assertTrue(first.toMillis() - first.fromMillis() >= 25 * 60_000, f.bottlenecks().toString());
    assertSettable(scenario, first.move());
  }

  @Test
  void aGeneratedFamilysJobIsSetByTheFamilysIndex() {
    Scenario seed = Scenario.load(Path.of("../examples/seed-day.yaml"));
    assertEquals("sources.clickstream.datasets.0.job.maxConcurrentRuns",
        LimitProbe.datasetJobKey(seed.tree(), "clickstream", "clicks-123"));
    assertEquals("sources.finance.datasets.ledger.job.maxConcurrentRuns",
        LimitProbe.datasetJobKey(seed.tree(), "finance", "ledger"));
    Scenario raised = seed.with("sources.clickstream.datasets.0.job.maxConcurrentRuns", "2");
    assertEquals(2, raised.dataset("clicks-123").job().maxConcurrentRuns());
  }
}
