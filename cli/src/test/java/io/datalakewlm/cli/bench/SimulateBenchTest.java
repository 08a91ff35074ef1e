package io.datalakewlm.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.StrategySpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulateBenchTest {
  @Test
  void theGeneratedDayHasTheSizeTheReadmeQuotes() {
    Scenario day = Scenario.parse(SimulateBench.scenarioYaml(10_000), "bench", Path.of("."));
    assertEquals(10_000, day.arrivals().size());
    assertEquals(500, day.datasets().size());
    assertEquals(20, day.sources().size());
    assertEquals(120, day.sources().get(0).datasets().size());
    assertEquals(50, day.quotas().glueAccountConcurrentRuns());
    assertEquals(List.of("no-wlm", "retry-only", "glue-queuing", "wlm"), day.strategies().stream().map(StrategySpec::label).toList(),
        "the bench prints a row for every default strategy, Glue's job run queuing included");
  }

  @Test
  void tenTimesTheDayHasTenTimesTheObjectsAndTheAccount() {
    Scenario day = Scenario.parse(SimulateBench.scenarioYaml(100_000), "bench", Path.of("."));
    assertEquals(100_000, day.arrivals().size());
    assertEquals(500, day.datasets().size());
    assertEquals(500, day.quotas().glueAccountConcurrentRuns());
  }
}
