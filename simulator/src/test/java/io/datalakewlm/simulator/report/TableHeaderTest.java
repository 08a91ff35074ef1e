package io.datalakewlm.simulator.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The table's header counts the same objects as its "arrived" row, aggregates' runs included. */
class TableHeaderTest {

  @Test
  void theHeaderCountsTheAggregatesRunsLikeTheArrivedRow() {
    Scenario day = Scenario.load(Path.of("../examples/aggregate-day.yaml"));
    Report report = Report.of(Simulation.run(day, Progress.NONE));
    String table = TableReport.render(report);
    int arrived = report.figures().get(0).objects();
    int scheduled = arrived - day.arrivals().size();
    assertTrue(scheduled > 0, "the aggregate day schedules aggregate runs");
    assertTrue(table.lines().skip(1).findFirst().orElseThrow().contains(", and " + scheduled
        + " aggregate runs are scheduled (" + arrived + " in all)"), table);
    assertTrue(table.lines().anyMatch(l -> l.matches("\\s+arrived\\s+" + arrived + "\\s.*")), table);
  }
}
