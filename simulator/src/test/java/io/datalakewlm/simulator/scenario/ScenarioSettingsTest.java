package io.datalakewlm.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.random.DurationDistribution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What-if settings ({@code --set key=value}, {@code --sweep key=v1,v2}) applied to a scenario. */
class ScenarioSettingsTest {
  private final Scenario base = Scenario.parse(ScenarioProblemsTest.BASE, "small.yaml", Path.of("."));

  @Test
  void aQuotaCanBeChangedAndTheOriginalStaysAsItWas() {
    Scenario changed = base.with("quotas.glueAccountConcurrentRuns", "30");
    assertEquals(30, changed.quotas().glueAccountConcurrentRuns());
    assertEquals(50, base.quotas().glueAccountConcurrentRuns());
    assertEquals(List.of("quotas.glueAccountConcurrentRuns=30"), changed.overrides());
    assertEquals(30, changed.strategy("wlm").intKnob("glueAccountSlots"), "a knob that follows the quota follows it");
    assertEquals(0.5, base.with("quotas.startCrawler.rate", "0.5").quotas().startCrawler().ratePerSecond());
  }

  @Test
  void theHistoryQuotaIsAwsHardLimitAndCanOnlyBeLowered() {
    assertEquals(25_000, base.quotas().executionHistoryEvents());
    assertEquals(500, base.with("quotas.executionHistoryEvents", "500").quotas().executionHistoryEvents());
    ScenarioException above = assertThrows(ScenarioException.class,
        () -> base.with("quotas.executionHistoryEvents", "30000"));
    assertEquals("$.quotas.executionHistoryEvents", above.problems().get(0).path());
  }

  @Test
  void listEntriesAreNamedByTheirNames() {
    Scenario changed = base.with("sources.retail.weight", "2.5")
        .with("sources.retail.datasets.orders.priority", "HIGH")
        .with("aggregates.sales.retries", "0");
    assertEquals(2.5, changed.sources().get(0).weight());
    assertEquals(1, changed.dataset("orders").priority());
    assertEquals(0, changed.aggregates().get(0).retries());
    assertEquals(1, changed.with("arrivals.0.burst.objects", "3").arrivals().perDataset().get("returns") / 3);
  }

  @Test
  void strategyKnobsAreNamedDirectlyOrThroughKnobs() {
    Scenario changed = base.with("strategies.wlm.maxConcurrency", "20").with("strategies.wlm.knobs.agingSeconds", "60")
        .with("strategies.retry-only.maxAttempts", "9");
    assertEquals(20, changed.strategy("wlm").intKnob("maxConcurrency"));
    assertEquals(60, changed.strategy("wlm").intKnob("agingSeconds"));
    assertEquals(9, changed.strategy("retry-only").intKnob("maxAttempts"));
    assertEquals(2.0, changed.strategy("retry-only").doubleKnob("backoffRate"), "untouched knobs keep their default");
  }

  @Test
  void aSettingTheFileLeftToItsDefaultsCanStillBeSet() {
    Scenario changed = base.with("defaults.job.duration", "{uniform: [5m, 15m]}").with("defaults.crawler.dpu", "4")
        .with("sources.retail.datasets.returns.job.workers", "2").with("seed", "42");
    DurationDistribution expected = new DurationDistribution.Uniform(Duration.ofMinutes(5), Duration.ofMinutes(15));
    assertTrue(changed.datasets().stream().allMatch(d -> d.job().duration().equals(expected)));
    assertEquals(4.0, changed.dataset("orders").crawler().dpu());
    assertEquals(2, changed.dataset("returns").job().workers());
    assertEquals(10, changed.dataset("orders").job().workers());
    assertEquals(42, changed.seed());
  }

  @Test
  void aKeyThatNamesNothingIsRefusedWithTheKeyAndTheClosestName() {
    ScenarioException e = assertThrows(ScenarioException.class, () -> base.with("quotas.glueAcountConcurrentRuns", "1"));
    Problem problem = e.problems().get(0);
    assertEquals("--set quotas.glueAcountConcurrentRuns=1", problem.path());
    assertTrue(problem.message().contains("$.quotas has no key 'glueAcountConcurrentRuns'"), problem.message());
    assertTrue(problem.fix().startsWith("did you mean 'glueAccountConcurrentRuns'?"), problem.fix());

    assertTrue(assertThrows(ScenarioException.class, () -> base.with("sources.retial.weight", "1"))
        .getMessage().contains("no entry 'retial' in $.sources. Fix: did you mean 'retail'?"));
    assertTrue(assertThrows(ScenarioException.class, () -> base.with("strategies.wlm.maxConcurency", "1"))
        .getMessage().contains("did you mean 'maxConcurrency'?"));
    assertTrue(assertThrows(ScenarioException.class, () -> base.with("strategies.retry-only.maxConcurrency", "1"))
        .getMessage().contains("$.strategies[1].knobs has no key 'maxConcurrency'"), "a knob of another strategy");
    assertTrue(assertThrows(ScenarioException.class, () -> base.with("strategies.no-wlm.x", "1"))
        .getMessage().contains("no entry 'no-wlm'"), "only strategies of the file can be set");
    assertTrue(assertThrows(ScenarioException.class, () -> base.with("horizon.hours", "1"))
        .getMessage().contains("$.horizon is not a mapping"));
    assertTrue(assertThrows(ScenarioException.class, () -> base.with("sources.retail.datasets.stores-1.priority", "1"))
        .getMessage().contains("generated families, arrivals) are picked by index, 0 to 2"));
    assertEquals(1, base.with("sources.retail.datasets.2.priority", "1").dataset("stores-3").priority());
    Scenario noStrategies = Scenario.parse(ScenarioProblemsTest.BASE.substring(0,
        ScenarioProblemsTest.BASE.indexOf("strategies:")), "small.yaml", Path.of("."));
    Scenario oneKnob = noStrategies.with("strategies.wlm.maxConcurrency", "1");
    assertEquals(List.of("no-wlm", "retry-only", "glue-queuing", "wlm"),
        oneKnob.strategies().stream().map(StrategySpec::label).toList(), "the four it stands for, as if listed");
    assertEquals(noStrategies.strategies().get(1), oneKnob.strategies().get(1));
    assertTrue(!noStrategies.strategies().get(3).equals(oneKnob.strategies().get(3)), "the wlm knob changed");
    assertTrue(assertThrows(ScenarioException.class, () -> noStrategies.with("strategies.wlm.maxConcurency", "1"))
        .getMessage().contains("did you mean 'maxConcurrency'?"));
  }

  @Test
  void aValueThatDoesNotFitIsRefusedNamingTheSetting() {
    ScenarioException type = assertThrows(ScenarioException.class,
        () -> base.with("quotas.glueAccountConcurrentRuns", "many"));
    Problem problem = type.problems().get(0);
    assertEquals("$.quotas.glueAccountConcurrentRuns", problem.path());
    assertTrue(problem.message().endsWith("(set by --set quotas.glueAccountConcurrentRuns=many)"), problem.message());
    assertEquals(0, problem.line(), "no line of the file holds the value");
    ScenarioException meaning = assertThrows(ScenarioException.class, () -> base.with("horizon", "1h"));
    assertTrue(meaning.getMessage().contains("5h is after the horizon 1h"), meaning.getMessage());
  }

  @Test
  void aSweepMakesOneScenarioPerValue() {
    List<Setting> settings = Setting.parseSweep("strategies.wlm.maxConcurrency=10, 20,40");
    assertEquals(List.of("10", "20", "40"), settings.stream().map(Setting::value).toList());
    List<Scenario> sweep = base.sweep("strategies.wlm.maxConcurrency", List.of("10", "20", "40"));
    assertEquals(List.of(10, 20, 40), sweep.stream().map(s -> s.strategy("wlm").intKnob("maxConcurrency")).toList());
    assertEquals(List.of("[1m, 2m]", "{fixed: 3m}"),
        Setting.parseSweep("defaults.job.duration=[1m, 2m],{fixed: 3m}").stream().map(Setting::value).toList());
    assertThrows(IllegalArgumentException.class, () -> Setting.parse("no-equals-sign"));
    assertEquals(new Setting("a.b", "x=y"), Setting.parse("a.b=x=y"));
  }
}
