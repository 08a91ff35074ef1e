package io.datalakewlm.simulator.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.aws.ApiStats;
import io.datalakewlm.simulator.aws.Gauge;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four strategies on the seed situation (400 clickstream datasets at once beside small
 * urgent sources): the same arrivals through each, every object accounted for, runs repeatable.
 */
class StrategiesTest {
  private static Scenario seed;
  private static Simulation.Result result;

  @BeforeAll
  static void simulateTheSeedDay() {
    seed = Scenario.load(Path.of("../examples/seed-day.yaml"));
    result = Simulation.run(seed, Progress.NONE);
  }

  private static StrategyRun run(String label) {
    return result.runs().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
  }

  private static Map<ObjectOutcome, Long> outcomes(StrategyRun run) {
    return run.objects().stream().collect(Collectors.groupingBy(ObjectRecord::outcome, Collectors.counting()));
  }

  private static long errors(StrategyRun run, String api) {
    ApiStats stats = run.meter().apis().get(api);
    return stats == null ? 0 : stats.totalErrors();
  }

  @Test
  void everyStrategySeesTheSameArrivalsAndAccountsForEveryObject() {
    int arrivals = seed.arrivals().size();
    for (StrategyRun run : result.runs()) {
      assertEquals(arrivals, run.objects().size(), run.label());
      List<String> keys = run.objects().stream().map(ObjectRecord::key).toList();
      assertEquals(seed.arrivals().stream().map(a -> a.key()).toList(), keys, run.label() + " replays the same objects");
      for (ObjectRecord record : run.objects()) {
        if (record.outcome() == ObjectOutcome.FAILED || record.outcome() == ObjectOutcome.LOST) {
          assertTrue(record.reason() != null && !record.reason().isBlank(), run.label() + " says why " + record.key() + " ended");
        }
        if (record.outcome() == ObjectOutcome.COMPLETED) {
          assertTrue(record.startedMillis() >= record.arrivedMillis() && record.landedMillis() > record.startedMillis());
        }
      }
    }
  }

  @Test
  void withoutWorkloadManagementTheSeedDayThrottlesAndFails() {
    StrategyRun noWlm = run("no-wlm");
    assertTrue(errors(noWlm, "glue:StartJobRun") > 0, "StartJobRun refusals");
    assertTrue(outcomes(noWlm).getOrDefault(ObjectOutcome.FAILED, 0L) > 50, outcomes(noWlm).toString());
  }

  @Test
  void glueQueuingIsNeverRefusedForConcurrencyButStillThrottled() {
    StrategyRun queuing = run("glue-queuing");
    ApiStats starts = queuing.meter().apis().get("glue:StartJobRun");
    assertEquals(0, starts.errors("ConcurrentRunsExceededException"));
    assertTrue(starts.errors("ThrottlingException") > 0, "400 starts at once still exhaust the StartJobRun bucket");
    assertTrue(queuing.meter().gauge("glue:queue/waiting-job-runs").peak() > 0, "runs waited in WAITING");
  }

  @Test
  void wlmThrowsNothingLosesNothingAndKeepsPriorityOneWaitsBounded() {
    StrategyRun wlm = run("wlm");
    assertEquals(Map.of(ObjectOutcome.COMPLETED, (long) wlm.objects().size()), outcomes(wlm));
    for (Map.Entry<String, ApiStats> api : wlm.meter().apis().entrySet()) {
      assertEquals(0, api.getValue().totalErrors(), api.getKey() + " " + api.getValue().errors());
    }
    long clickstreamEnd = wlm.objects().stream().filter(r -> r.source().equals("clickstream"))
        .mapToLong(ObjectRecord::landedMillis).max().orElseThrow();
    assertTrue(clickstreamEnd - wlm.startMillis() > 3_600_000L, "the dominant source runs for over an hour");
    double worstPriorityOne = wlm.objects().stream()
        .filter(r -> r.priority() == 1 && r.arrivedMillis() < clickstreamEnd)
        .mapToDouble(ObjectRecord::waitSeconds).max().orElseThrow();
    assertTrue(worstPriorityOne < 30 * 60, "priority-1 objects arriving meanwhile wait at most " + worstPriorityOne + " s");
    assertTrue(wlm.dynamoWrites() > 0 && wlm.transitions() > 0);
  }

  @Test
  void noStrategyExceedsTheAccountsConcurrentRuns() {
    for (StrategyRun run : result.runs()) {
      Gauge account = run.meter().gauge("glue:account/concurrent-job-runs");
      assertTrue(account.peak() <= account.limit(), run.label());
    }
  }

  @Test
  void everyJobRunAndCrawlStartedHasEndedSoItIsBilled() {
    for (StrategyRun run : result.runs()) {
      assertEquals(0, run.meter().occupancy("glue.jobRuns").total(), run.label());
      assertEquals(0, run.meter().occupancy("glue.crawls").total(), run.label());
    }
  }

  @Test
  void theSameSeedGivesTheSameRunsAndAnotherSeedOthers() {
    Simulation.Result again = Simulation.run(seed, Progress.NONE);
    for (int i = 0; i < result.runs().size(); i++) {
      assertEquals(result.runs().get(i).objects(), again.runs().get(i).objects(), result.runs().get(i).label());
      assertEquals(result.runs().get(i).transitions(), again.runs().get(i).transitions());
    }
    Simulation.Result other = Simulation.run(seed.with("seed", "7"), Progress.NONE);
    int wlm = result.runs().indexOf(run("wlm"));
    assertNotEquals(result.runs().get(wlm).objects(), other.runs().get(wlm).objects());
  }
}
