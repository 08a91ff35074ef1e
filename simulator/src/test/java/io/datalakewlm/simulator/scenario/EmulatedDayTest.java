package io.datalakewlm.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.aws.ApiStats;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.simulator.aws.CostUnit;
import io.datalakewlm.simulator.aws.Gauge;
import io.datalakewlm.simulator.aws.GlueJobs;
import io.datalakewlm.simulator.aws.JobRun;
import io.datalakewlm.simulator.aws.KmsAssociation;
import io.datalakewlm.simulator.aws.Occupancy;
import io.datalakewlm.simulator.aws.ServiceMeter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed day replayed against its emulated account by a naive driver (start each object's job
 * when it lands, retry refusals a minute later): the quotas bite as DESIGN §1 describes, and the
 * whole account's record is a pure function of the scenario and its seed.
 */
class EmulatedDayTest {
  private static final Scenario SEED_DAY = Scenario.load(ExamplesTest.EXAMPLES.resolve("seed-day.yaml"));

  @Test
  void theSeedDayHitsEveryQuotaTheDesignNames() {
    ServiceMeter meter = replay(SEED_DAY).meter();
    ApiStats starts = meter.api(GlueJobs.START_JOB_RUN);
    assertTrue(starts.errors(GlueJobs.THROTTLING) > 300, starts.errors().toString());
    assertTrue(starts.errors(GlueJobs.CONCURRENT_RUNS_EXCEEDED) > 0, starts.errors().toString());
    assertTrue(meter.api(KmsAssociation.ASSOCIATE_KMS_KEY).errors(KmsAssociation.THROTTLING) > 0);
    Gauge account = meter.gauge(GlueJobs.ACCOUNT_GAUGE);
    assertEquals(50, account.peak());
    assertEquals(50, account.limit());
    Occupancy running = meter.occupancy(GlueJobs.RUNNING_SERIES);
    assertTrue(running.peak("clickstream") >= 45, "clickstream fills the account");
    assertTrue(meter.usage(CostUnit.GLUE_JOB_DPU_SECONDS) > 0);
  }

  @Test
  void theSameScenarioAndSeedGiveTheSameRecordAndAnotherSeedAnother() {
    String first = fingerprint(replay(SEED_DAY).meter());
    String second = fingerprint(replay(Scenario.load(ExamplesTest.EXAMPLES.resolve("seed-day.yaml"))).meter());
    assertEquals(first, second);
    assertNotEquals(first, fingerprint(replay(SEED_DAY.with("seed", "1")).meter()));
  }

  // Starts the job of every object as it lands, retrying refusals every minute, up to 30 times.
  private static AwsServices replay(Scenario scenario) {
    Scheduler scheduler = Scheduler.virtual(scenario.start());
    AwsServices aws = scenario.emulatedAccount(scheduler);
    for (ObjectArrival arrival : scenario.arrivals()) {
      DatasetSpec dataset = scenario.dataset(arrival.dataset());
      scheduler.at(arrival.at().toEpochMilli(), () -> start(aws, dataset, 0));
    }
    scheduler.runUntil(scenario.start().plus(scenario.horizon()).toEpochMilli());
    return aws;
  }

  private static void start(AwsServices aws, DatasetSpec dataset, int attempt) {
    try {
      JobRun run = aws.glueJobs().startJobRun(dataset.job().name(), 1);
      run.onEnd(ended -> crawl(aws, dataset, 0));
    } catch (StatesError e) {
      if (attempt < 30) {
        aws.scheduler().after(60_000, () -> start(aws, dataset, attempt + 1));
      }
    }
  }

  private static void crawl(AwsServices aws, DatasetSpec dataset, int attempt) {
    try {
      aws.crawlers().startCrawler(dataset.crawler().name());
    } catch (StatesError e) {
      if (attempt < 30) {
        aws.scheduler().after(30_000, () -> crawl(aws, dataset, attempt + 1));
      }
    }
  }

  // Everything the meter recorded, as text.
  private static String fingerprint(ServiceMeter meter) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, ApiStats> api : meter.apis().entrySet()) {
      out.append(api.getKey()).append(' ').append(api.getValue().calls()).append(api.getValue().errors()).append('\n');
    }
    for (CostUnit unit : CostUnit.values()) {
      out.append(unit).append(' ').append(meter.usage(unit)).append('\n');
    }
    meter.gauges().values().forEach(g -> out.append(g.resource()).append(' ').append(g.peak()).append('\n'));
    meter.occupancies().values().forEach(o -> out.append(o.name()).append(' ').append(o.changes()).append('\n'));
    return out.toString();
  }
}
