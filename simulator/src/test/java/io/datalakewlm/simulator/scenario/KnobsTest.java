package io.datalakewlm.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.wlm.TemplateParameters;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The knob catalogue is what the scenario reader accepts and defaults to. */
class KnobsTest {
  // A scenario without strategies: it stands for all four, so every strategy knob can be set.
  private final Scenario bare = Scenario.parse(ScenarioProblemsTest.BASE.substring(0,
      ScenarioProblemsTest.BASE.indexOf("strategies:")), "small.yaml", Path.of("."));

  @Test
  void everyKnobOfTheTableIsSetByItsKeyAndTakesTheValue() {
    for (Knob knob : Knobs.all()) {
      String value = otherValue(knob);
      Scenario changed = bare.with(knob.setKey(), value);
      if (!knob.section().equals(Knobs.QUOTAS)) {
        Object set = changed.strategy(knob.section()).knob(knob.name());
        if (knob.type() == Knob.Type.CHOICE) {
          assertEquals(value, set, knob.setKey());
        } else {
          assertEquals(Double.parseDouble(value), ((Number) set).doubleValue(), knob.setKey());
        }
      }
    }
  }

  @Test
  void aScenarioWithoutStrategiesHasEveryKindAtTheCataloguesDefaults() {
    for (StrategyKind kind : StrategyKind.values()) {
      assertEquals(Knobs.defaults(kind, bare.quotas()), bare.strategy(kind.id()).knobs(), kind.id());
    }
  }

  @Test
  void aWlmKnobOutsideTheTemplatesRangeIsRefusedWithTheTemplatesBound() {
    TemplateParameters.Parameter batches = TemplateParameters.fromClasspath().parameters().get("BatchesPerWorker");
    int above = (int) (batches.maxValue() + 1);
    String message = assertThrows(ScenarioException.class,
        () -> bare.with("strategies.wlm.batchesPerWorker", Integer.toString(above))).getMessage();
    assertTrue(message.contains(above + " is too large") && message.contains("to " + (above - 1)), message);
    TemplateParameters.Parameter lease = TemplateParameters.fromClasspath().parameters().get("LeaseSeconds");
    int below = (int) (lease.minValue() - 1);
    String tooShort = assertThrows(ScenarioException.class,
        () -> bare.with("strategies.wlm.leaseSeconds", Integer.toString(below))).getMessage();
    assertTrue(tooShort.contains(below + " is too small") && tooShort.contains("from " + (below + 1) + " to"), tooShort);
  }

  @Test
  void aDefaultAboveTheAccountsQuotaIsLoweredToIt() {
    Knob pool = Knobs.of("wlm").stream().filter(k -> k.name().equals("maxConcurrency")).findFirst().orElseThrow();
    int quota = ((Number) pool.defaultValue()).intValue() - 10;
    Scenario small = bare.with("quotas.glueAccountConcurrentRuns", Integer.toString(quota));
    assertEquals(quota, small.strategy("wlm").intKnob("maxConcurrency"));
  }

  // A valid value other than the default, inside the knob's range.
  private static String otherValue(Knob knob) {
    if (knob.type() == Knob.Type.CHOICE) {
      return knob.choices().stream().filter(c -> !c.equals(knob.defaultValue())).findFirst().orElseThrow();
    }
    double standard = ((Number) knob.defaultValue()).doubleValue();
    double max = knob.maximum() == null ? Double.MAX_VALUE : knob.maximum().doubleValue();
    if (knob.type() == Knob.Type.INTEGER) {
      return Long.toString((long) (standard + 1 <= max ? standard + 1 : standard - 1));
    }
    return Double.toString(standard * 2 <= max ? standard * 2 : standard / 2);
  }
}
