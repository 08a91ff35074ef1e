package io.datalakewlm.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.simulator.aws.WorkerType;
import io.datalakewlm.simulator.random.DurationDistribution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults, layering and the knob catalogue. */
class ScenarioModelTest {
  @Test
  void datasetsTakeEachSettingFromTheirEntryElseTheDefaultsElseAws() {
    Scenario s = Scenario.parse("""
        name: layers
        quotas: {glueJobMaxConcurrentRuns: 2}
        defaults:
          job: {workers: 4, securityConfiguration: true, duration: 5m}
          crawler: {enabled: false}
          stages: {B: {maxItems: 30}}
        sources:
          - name: s
            priority: HIGH
            datasets:
              - name: a
              - name: b
                priority: low
                job: {name: shared-job, workerType: G.2X, duration: {normal: {mean: 10m, sd: 1m}}}
                crawler: {enabled: true, duration: {exponential: {mean: 4m, max: 20m}}}
                stages: {A: {minItems: 5, maxItems: 10}}
        arrivals:
          - source: s
            burst: {at: 0}
        """, "layers.yaml", Path.of("."));
    DatasetSpec a = s.dataset("a");
    DatasetSpec b = s.dataset("b");
    assertEquals(1, a.priority());
    assertEquals(5, b.priority());
    assertEquals("a", a.job().name());
    assertEquals(4, a.job().workers());
    assertEquals(WorkerType.G_1X, a.job().workerType());
    assertEquals(2, a.job().maxConcurrentRuns(), "from the quotas' default");
    assertEquals("sdlf-kms-logs", a.job().securityConfiguration());
    assertEquals(new DurationDistribution.Fixed(Duration.ofMinutes(5)), a.job().duration());
    assertEquals(new StageBounds(1, 30), a.stageB());
    assertEquals(StageBounds.SDLF_DEFAULT, a.stageA());
    assertEquals("shared-job", b.job().name());
    assertEquals(WorkerType.G_2X, b.job().workerType());
    assertEquals(4, b.job().workers());
    assertEquals(new StageBounds(5, 10), b.stageA());
    assertEquals(Duration.ofHours(24), s.horizon());
    assertEquals(1, s.seed());
    assertEquals(List.of("no-wlm", "retry-only", "glue-queuing", "wlm"), s.strategies().stream().map(StrategySpec::label).toList(),
        "every strategy by default, Glue's job run queuing beside the others");
    assertEquals(s.strategy("retry-only").knobs(), s.strategy("glue-queuing").knobs(), "glue-queuing retries as retry-only");

    AwsServices aws = s.emulatedAccount(Scheduler.virtual(s.start()));
    assertNull(aws.crawlers().definition("a"), "crawler disabled");
    assertEquals(40.0, aws.crawlers().definition("b").runTime().mean().toMinutes() * 10, 1e-9);
    assertEquals(8.0, aws.glueJobs().definition("shared-job").dpu());
  }

  @Test
  void jobAndCrawlerNamesMayEmbedTheDatasetsName() {
    Scenario s = Scenario.parse("""
        name: names
        defaults:
          job: {name: "sdlf-{dataset}-stage-b"}
          crawler: {name: "{dataset}-crawler"}
        sources:
          - name: s
            datasets:
              - count: 2
                namePattern: "d{i}"
        arrivals:
          - source: s
            burst: {at: 0}
        """, "names.yaml", Path.of("."));
    assertEquals(List.of("sdlf-d1-stage-b", "sdlf-d2-stage-b"), s.datasets().stream().map(d -> d.job().name()).toList());
    assertEquals("d2-crawler", s.dataset("d2").crawler().name());
  }

  @Test
  void aStrategyRefusesAKnobItDoesNotHave() {
    StrategySpec wlm = new StrategySpec("wlm", StrategyKind.WLM, Knobs.defaults(StrategyKind.WLM,
        io.datalakewlm.simulator.aws.AwsQuotas.defaults()));
    assertEquals(50, wlm.intKnob("maxConcurrency"));
    assertThrows(IllegalArgumentException.class, () -> wlm.knob("maxAttempts"));
  }
}
