package io.datalakewlm.simulator.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.random.DurationDistribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceMeterTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  /**
   * Worked by hand from the pricing pages: a 10-DPU job (G.1X × 10) running 90.2 s is billed 91 s,
   * one running 20 s is billed the 60 s minimum: 1,510 DPU-seconds at $0.44/DPU-hour = $0.184556;
   * a 2-DPU crawl of 4 minutes is billed the 10-minute minimum: 1,200 DPU-seconds = $0.146667;
   * 4,000 state transitions at $0.025 per 1,000 = $0.10; 2 million WRU at $0.625/million = $1.25.
   */
  @Test
  void costsFollowTheListPricesWithPerSecondBillingAndMinimums() {
    Scheduler scheduler = Scheduler.virtual(T0);
    AwsServices aws = AwsServices.create(scheduler, AwsQuotas.defaults(), 1);
    aws.glueJobs().define(GlueJobDefinition.of("long", Duration.ofMillis(90_200)));
    aws.glueJobs().define(GlueJobDefinition.of("short", Duration.ofSeconds(20)));
    aws.crawlers().define(new CrawlerDefinition("c", new DurationDistribution.Fixed(Duration.ofMinutes(4)), 2, null));
    aws.glueJobs().startJobRun("long", 1);
    aws.glueJobs().startJobRun("short", 1);
    aws.crawlers().startCrawler("c");
    scheduler.run();
    aws.meter().add(CostUnit.SFN_STATE_TRANSITIONS, 4_000);
    aws.meter().add(CostUnit.DYNAMODB_WRITE_REQUEST_UNITS, 2_000_000);

    ServiceMeter meter = aws.meter();
    assertEquals(1_510, meter.usage(CostUnit.GLUE_JOB_DPU_SECONDS));
    assertEquals(0.184556, meter.usd(CostUnit.GLUE_JOB_DPU_SECONDS), 1e-6);
    assertEquals(1_200, meter.usage(CostUnit.GLUE_CRAWLER_DPU_SECONDS));
    assertEquals(0.146667, meter.usd(CostUnit.GLUE_CRAWLER_DPU_SECONDS), 1e-6);
    assertEquals(0.10, meter.usd(CostUnit.SFN_STATE_TRANSITIONS), 1e-12);
    assertEquals(1.25, meter.usd(CostUnit.DYNAMODB_WRITE_REQUEST_UNITS), 1e-12);
    assertEquals(0.184556 + 0.146667 + 0.10 + 1.25, meter.totalUsd(), 2e-6);
  }

  @Test
  void runningJobsPerTagAreRecordedAtEveryChangeAndCanBeSampled() {
    Scheduler scheduler = Scheduler.virtual(T0);
    AwsServices aws = AwsServices.create(scheduler, AwsQuotas.defaults(), 1);
    aws.glueJobs().define(GlueJobDefinition.of("a1", Duration.ofMinutes(10)).withTag("big"));
    aws.glueJobs().define(GlueJobDefinition.of("a2", Duration.ofMinutes(20)).withTag("big"));
    aws.glueJobs().define(GlueJobDefinition.of("b1", Duration.ofMinutes(5)).withTag("small"));
    List<String> calls = new ArrayList<>();
    aws.meter().addListener((at, api, code) -> calls.add((at - T0.toEpochMilli()) + " " + api + " " + code));
    aws.glueJobs().startJobRun("a1", 1);
    aws.glueJobs().startJobRun("a2", 1);
    scheduler.at(T0.toEpochMilli() + 300_000, () -> aws.glueJobs().startJobRun("b1", 1));
    scheduler.run();

    Occupancy running = aws.meter().occupancy(GlueJobs.RUNNING_SERIES);
    assertEquals(List.of("big", "small"), running.tags());
    assertEquals(2, running.peak("big"));
    assertEquals(1, running.valueAt("big", T0.toEpochMilli() + 600_000));
    Map<String, int[]> samples = running.sample(T0.toEpochMilli(), 300_000, 5);
    assertArrayEquals(new int[] {2, 2, 1, 1, 0}, samples.get("big"));
    assertArrayEquals(new int[] {0, 1, 0, 0, 0}, samples.get("small"));
    assertEquals(List.of("0 glue:StartJobRun null", "0 glue:StartJobRun null", "300000 glue:StartJobRun null"), calls);
    assertEquals(3, aws.meter().gauge(GlueJobs.ACCOUNT_GAUGE).peak());
    assertEquals(50, aws.meter().gauge(GlueJobs.ACCOUNT_GAUGE).limit());
  }
}
