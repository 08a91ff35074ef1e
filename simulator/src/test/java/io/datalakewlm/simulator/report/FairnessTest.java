package io.datalakewlm.simulator.report;

import static io.datalakewlm.simulator.report.ReportFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.aws.GlueJobs;
import io.datalakewlm.simulator.aws.MeterFixture;
import io.datalakewlm.simulator.aws.Occupancy;
import io.datalakewlm.simulator.aws.ServiceMeter;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jain's index over 10-minute windows of a 30-minute run, worked by hand.
 *
 * <p>Source A (weight 1): three objects at 0 run one after the other (0–600, 600–1200, 1200–1800),
 * so A waits over [0, 1200). Source B (weight 2): b1 at 0 starts at 1200, b2 at 300 starts at 900,
 * so B waits over [0, 1200); its runs are 900–1500 and 1200–1800. Source C: one object at 600 never
 * started (unfinished), waiting [600, 1800). Source D: one lost object (no demand).
 *
 * <ul>
 *   <li>[0, 600): A and B wait throughout. x = (600 ÷ 1, 0 ÷ 2) → (600)² ÷ (2 · 600²) = 0.5.</li>
 *   <li>[600, 1200): A, B and C. x = (600, 300 ÷ 2 = 150, 0) → 750² ÷ (3 · 382,500) = 0.490196.</li>
 *   <li>[1200, 1800): only C waits: not contested.</li>
 * </ul>
 * Mean 0.495098, minimum 0.490196 in the window from 600 s.
 */
class FairnessTest {
  private static ObjectRecord object(String source, int n, double arrived, double started, ObjectOutcome outcome) {
    return new ObjectRecord(source + "/" + n, source, source + "-data", 5, at(arrived), started < 0 ? -1 : at(started),
        outcome == ObjectOutcome.COMPLETED ? at(started + 600) : -1, started < 0 ? 0 : 1, outcome, null);
  }

  @Test
  void jainsIndexComparesWeightedServiceOfSourcesBackloggedThroughEachWindow() {
    List<ObjectRecord> objects = List.of(
        object("A", 1, 0, 0, ObjectOutcome.COMPLETED),
        object("A", 2, 0, 600, ObjectOutcome.COMPLETED),
        object("A", 3, 0, 1200, ObjectOutcome.COMPLETED),
        object("B", 1, 0, 1200, ObjectOutcome.COMPLETED),
        object("B", 2, 300, 900, ObjectOutcome.COMPLETED),
        object("C", 1, 600, -1, ObjectOutcome.UNFINISHED),
        object("D", 1, 0, -1, ObjectOutcome.LOST));
    ServiceMeter meter = new ServiceMeter(() -> 0);
    Occupancy jobs = meter.occupancy(GlueJobs.RUNNING_SERIES);
    MeterFixture.run(jobs, "A", 1, at(0));
    MeterFixture.run(jobs, "A", -1, at(600));
    MeterFixture.run(jobs, "A", 1, at(600));
    MeterFixture.run(jobs, "B", 1, at(900));
    MeterFixture.run(jobs, "A", -1, at(1200));
    MeterFixture.run(jobs, "A", 1, at(1200));
    MeterFixture.run(jobs, "B", 1, at(1200));
    MeterFixture.run(jobs, "B", -1, at(1500));
    MeterFixture.run(jobs, "A", -1, at(1800));
    MeterFixture.run(jobs, "B", -1, at(1800));

    Fairness fairness = Fairness.measure(objects, jobs, Map.of("A", 1.0, "B", 2.0), 600_000, at(1800));

    assertEquals(3, fairness.windows());
    assertEquals(2, fairness.contestedWindows());
    assertEquals((0.5 + 562_500.0 / (3 * 382_500.0)) / 2, fairness.mean(), 1e-9);
    assertEquals(562_500.0 / (3 * 382_500.0), fairness.min(), 1e-9);
    assertEquals(at(600), fairness.worstWindowStartMillis());
  }

  @Test
  void runSecondsPerWindowIntegrateTheRunningCount() {
    ServiceMeter meter = new ServiceMeter(() -> 0);
    Occupancy jobs = meter.occupancy(GlueJobs.RUNNING_SERIES);
    MeterFixture.run(jobs, "A", 3, at(100));
    MeterFixture.run(jobs, "A", -1, at(700));
    Map<String, double[]> seconds = Fairness.runSecondsPerWindow(jobs, at(0), 600_000, 2, at(1000));
    // 3 runs over [100, 600) = 1,500 s; 3 over [600, 700) + 2 over [700, 1000) = 900 s.
    assertEquals(1_500, seconds.get("A")[0], 1e-9);
    assertEquals(900, seconds.get("A")[1], 1e-9);
  }

  @Test
  void equalWeightedServiceIsPerfectlyFairAndOneSourceTakingAllIsOneOverN() {
    assertEquals(1.0, Fairness.jain(List.of(300.0, 300.0, 300.0)), 1e-12);
    assertEquals(1.0 / 3, Fairness.jain(List.of(900.0, 0.0, 0.0)), 1e-12);
    assertTrue(Double.isNaN(Fairness.jain(List.of(0.0, 0.0))));
  }

  @Test
  void aSourceWaitingAloneIsNoContention() {
    List<ObjectRecord> objects = List.of(object("A", 1, 0, 1200, ObjectOutcome.COMPLETED));
    Fairness fairness = Fairness.measure(objects, new ServiceMeter(() -> 0).occupancy(GlueJobs.RUNNING_SERIES), Map.of(),
        600_000, at(1800));
    assertEquals(0, fairness.contestedWindows());
    assertNull(fairness.mean());
    assertEquals(-1, fairness.worstWindowStartMillis());
  }
}
