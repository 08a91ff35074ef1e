package io.datalakewlm.simulator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped examples run through every strategy, and wlm does on each what the README says. */
class ExamplesThroughStrategiesTest {
  private static Simulation.Result simulate(String example) {
    return Simulation.run(Scenario.load(Path.of("../examples", example)), Progress.NONE);
  }

  private static StrategyRun wlm(Simulation.Result result) {
    return result.runs().stream().filter(r -> r.label().equals("wlm")).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"seed-day.yaml", "steady-day.yaml", "aggregate-day.yaml"})
  void wlmIsNeverRefusedByAwsAndLosesNothing(String example) {
    StrategyRun wlm = wlm(simulate(example));
    wlm.meter().apis().forEach((api, stats) -> assertEquals(0, stats.totalErrors(), example + " " + api + " " + stats.errors()));
    assertTrue(wlm.objects().stream().noneMatch(r -> r.outcome() == ObjectOutcome.LOST || r.outcome() == ObjectOutcome.UNFINISHED),
        example);
  }

  @Test
  void aggregatesRunWhenTheirInputsLandedAndGiveUpNamingWhatIsMissing() {
    StrategyRun wlm = wlm(simulate("aggregate-day.yaml"));
    List<ObjectRecord> aggregates = wlm.objects().stream().filter(r -> r.key().startsWith("aggregate/")).toList();
    ObjectRecord sales = record(aggregates, "daily-sales");
    ObjectRecord customer360 = record(aggregates, "customer-360");
    ObjectRecord financeClose = record(aggregates, "finance-close");
    assertEquals(ObjectOutcome.COMPLETED, sales.outcome());
    assertEquals(ObjectOutcome.COMPLETED, customer360.outcome());
    long crmLanded = wlm.objects().stream().filter(r -> r.dataset().equals("crm-contacts"))
        .mapToLong(ObjectRecord::landedMillis).max().orElseThrow();
    assertTrue(customer360.startedMillis() > crmLanded, "customer-360 waited for crm-contacts");
    assertEquals(ObjectOutcome.FAILED, financeClose.outcome());
    assertTrue(financeClose.reason().startsWith("Wlm.DependenciesMissing"), financeClose.reason());
    assertTrue(financeClose.reason().contains("gl-entries"), financeClose.reason());
  }

  private static ObjectRecord record(List<ObjectRecord> records, String dataset) {
    return records.stream().filter(r -> r.dataset().equals(dataset)).findFirst().orElseThrow();
  }
}
