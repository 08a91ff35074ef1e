package io.datalakewlm.simulator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.aws.CostUnit;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.StrategyKind;
import io.datalakewlm.simulator.scenario.StrategySpec;
import io.datalakewlm.simulator.wlm.StateStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code wlm} strategy's arrivals as S3 events through the shipped intake state machine
 * (its DynamoDB tasks on the twin) land each object exactly as the Enqueue handler's path does.
 */
class IntakeReplayTest {

  @Test
  void aDayThroughTheIntakeLandsEveryObjectAtTheSameTimesAsThroughEnqueue() {
    for (String day : List.of("../examples/aggregate-day.yaml", "../examples/steady-day.yaml")) {
      Scenario scenario = Scenario.load(Path.of(day));
      StrategySpec spec = scenario.strategies().stream().filter(s -> s.kind() == StrategyKind.WLM).findFirst().orElseThrow();
      StrategyRun viaIntake = new WorkloadManaged(StateStore.MEMORY, WorkloadManaged.Arrivals.S3_EVENTS)
          .run(scenario, spec, Progress.NONE);
      StrategyRun viaEnqueue = new WorkloadManaged(StateStore.MEMORY, WorkloadManaged.Arrivals.ENQUEUE)
          .run(scenario, spec, Progress.NONE);

      long landed = viaEnqueue.objects().stream().filter(o -> o.outcome() == ObjectOutcome.COMPLETED).count();
      assertTrue(landed > 0, day);
      assertEquals(landed, viaIntake.objects().stream().filter(o -> o.outcome() == ObjectOutcome.COMPLETED).count(), day);
      assertEquals(viaEnqueue.objects().size(), viaIntake.objects().size(), day);
      boolean small = day.contains("aggregate");
      for (int i = 0; i < viaEnqueue.objects().size(); i++) {
        ObjectRecord direct = viaEnqueue.objects().get(i);
        ObjectRecord intake = viaIntake.objects().get(i);
        assertEquals(List.of(direct.key(), direct.outcome(), direct.arrivedMillis()),
            List.of(intake.key(), intake.outcome(), intake.arrivedMillis()), day);
        if (small) {
          // on the steady day some objects arrive at the very millisecond the dispatcher looks: Enqueue's
          // write is in before the look, the intake's (several states later, still at that millisecond)
          // after it, so they wait for the next look, PollSeconds later, as a real intake's tens of
          // milliseconds would make them
          assertEquals(List.of(direct.startedMillis(), direct.landedMillis()),
              List.of(intake.startedMillis(), intake.landedMillis()), day + ": " + direct.key() + " waits and lands as through Enqueue");
        }
      }
      assertEquals(viaEnqueue.transitions(), viaIntake.transitions(), day + ": the Express intake bills no Standard transitions");
      assertEquals(scenario.arrivals().size(), viaIntake.meter().usage(CostUnit.SFN_EXPRESS_REQUESTS), 0.0,
          day + ": one Express request per object");
      assertEquals(0, viaEnqueue.meter().usage(CostUnit.SFN_EXPRESS_REQUESTS), 0.0);
      assertTrue(viaIntake.dynamoReads() > viaEnqueue.dynamoReads(), day + ": the intake reads the config and priorities per object");
    }
  }
}
