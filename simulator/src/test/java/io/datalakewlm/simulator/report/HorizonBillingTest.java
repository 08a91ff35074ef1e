package io.datalakewlm.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A job run cut off by the horizon costs what it ran up to the horizon, and the report says so
 * (it used to cost nothing: Glue bills a run when it ends, and this one never ended).
 */
class HorizonBillingTest {

  @Test
  void aJobRunStillRunningAtTheHorizonIsBilledUpToItAndFlagged() {
    Scenario day = Scenario.parse("""
        name: cut-off
        seed: 1
        start: 2025-01-06T00:00:00Z
        horizon: 1h
        defaults:
          job: {duration: 3h, perObject: 0s}
          crawler: {enabled: false}
        sources:
          - name: s
            datasets: [{name: d}]
        arrivals:
          - dataset: d
            burst: {at: 0s, objects: 1}
        strategies:
          - name: no-wlm
          - name: wlm
        """, "cut-off.yaml", Path.of("."));
    Simulation.Result result = Simulation.run(day, Progress.NONE);
    Report report = Report.of(result);
    double dpu = day.dataset("d").job().toDefinition("s").dpu();
    for (StrategyRun run : result.runs()) {
      ObjectRecord object = run.objects().get(0);
      assertEquals(ObjectOutcome.UNFINISHED, object.outcome());
      assertTrue(object.startedMillis() >= 0, "its job run started before the horizon");
      Figures f = report.figures(run.label());
      assertEquals(1, f.jobRunsBilledAtEnd(), run.label());
      double hours = (run.endMillis() - object.startedMillis()) / 3_600_000.0;
      assertEquals(dpu * hours, f.cost().glueJobDpuHours(), dpu / 3600, run.label() + ": billed to the horizon");
    }
    String table = TableReport.render(report);
    assertTrue(table.lines().anyMatch(l -> l.matches("\\s+of job runs cut off by the horizon \\(billed to it\\)\\s+! 1\\s+! 1\\s*")),
        table);
  }
}
