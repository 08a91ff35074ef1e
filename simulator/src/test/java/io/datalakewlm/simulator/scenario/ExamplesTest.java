package io.datalakewlm.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.simulator.aws.GlueJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped examples load, and say what their header comments say. */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertEquals(3, yaml.size(), "seed-day, steady-day and aggregate-day");
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleLoadsWithItsHeaderAndItsArrivals(Path file) throws IOException {
    Scenario scenario = Scenario.load(file);
    assertTrue(Files.readString(file).startsWith("# "), "a header comment explains the situation");
    assertFalse(scenario.arrivals().isEmpty());
    assertEquals(Arrays.stream(StrategyKind.values()).map(StrategyKind::id).toList(),
        scenario.strategies().stream().map(s -> s.kind().id()).toList(), "every example compares every strategy");
    AwsServices aws = scenario.emulatedAccount(Scheduler.virtual(scenario.start()));
    for (DatasetSpec dataset : scenario.datasets()) {
      assertEquals(dataset.source(), aws.glueJobs().definition(dataset.job().name()).tag());
    }
  }

  @Test
  void theSeedDayIsOneSourceOfFourHundredDatasetsAtOnceBesideSmallUrgentOnes() {
    Scenario seed = Scenario.load(EXAMPLES.resolve("seed-day.yaml"));
    SourceSpec clickstream = seed.sources().get(0);
    assertEquals(400, clickstream.datasets().size());
    assertEquals("clicks-001", clickstream.datasets().get(0).name());
    assertEquals("clicks-400", clickstream.datasets().get(399).name());
    assertEquals(5, clickstream.priority());
    assertEquals(1, seed.dataset("ledger").priority());
    assertEquals(2, seed.dataset("limits").priority());
    assertTrue(seed.datasets().stream().allMatch(d -> d.job().securityConfiguration() != null
        && d.job().maxConcurrentRuns() == 1));
    assertEquals(50, seed.quotas().glueAccountConcurrentRuns());
    long atMidnight = seed.arrivals().stream().filter(a -> a.at().equals(seed.start())).count();
    assertEquals(400, atMidnight, "every clickstream dataset at 00:00");
    AwsServices aws = seed.emulatedAccount(Scheduler.virtual(seed.start()));
    assertEquals(50, aws.meter().gauge(GlueJobs.ACCOUNT_GAUGE).limit());
  }

  @Test
  void theAggregateDayReadsItsArrivalFileAndItsAggregates() {
    Scenario day = Scenario.load(EXAMPLES.resolve("aggregate-day.yaml"));
    assertEquals(3, day.aggregates().size());
    AggregateSpec customer = day.aggregates().get(1);
    assertEquals(List.of("orders", "crm-contacts", "crm-accounts", "web-sessions"), customer.dependencies());
    assertEquals(3600, customer.dependencyWaitSeconds());
    assertEquals(2, customer.retries());
    assertEquals(java.time.LocalTime.of(6, 0), customer.schedule());
    assertEquals(2, day.aggregates().get(0).retries(), "DESIGN's default");
    assertEquals(3 + 2, day.arrivals().perDataset().get("orders"), "3 + 2 objects from the file");
    assertEquals(1, day.arrivals().perDataset().get("crm-contacts"));
    assertEquals(36, day.arrivals().perDataset().get("web-sessions"), "6 an hour for 6 hours, evenly");
    assertFalse(day.arrivals().perDataset().containsKey("gl-entries"), "never arrives today");
  }
}
