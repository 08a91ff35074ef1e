package io.datalakewlm.simulator.report;

import static io.datalakewlm.simulator.report.ReportFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.simulator.bottleneck.BindingLimit;
import io.datalakewlm.simulator.bottleneck.BottleneckTimeline;
import io.datalakewlm.simulator.bottleneck.Hold;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.simulator.scenario.Scenario;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/**
 * "What bound the day" in the table, the JSON, the page and the sweep, for the hand-made day of
 * {@link ReportFixtures}: wlm's run held back by the account's 2 job runs from 00:00 to 00:20 (4
 * objects at most), then by nothing until it ended at 00:35:30; no-wlm's run not sampled.
 */
class BoundTheDayRenderTest {
  private static final Hold ACCOUNT = new Hold(BindingLimit.ACCOUNT_QUOTA, "account", "quota 2",
      "quotas.glueAccountConcurrentRuns");

  private static Report report() {
    Scenario scenario = ReportFixtures.scenario();
    StrategyRun wlm = ReportFixtures.wlm(scenario);
    List<BottleneckTimeline.Sample> samples = new ArrayList<>();
    for (int minute = 1; minute <= 36; minute++) {
      samples.add(new BottleneckTimeline.Sample(T0 + minute * 60_000L,
          minute <= 20 ? Map.of(ACCOUNT, minute <= 10 ? 4 : 2) : Map.of()));
    }
    StrategyRun sampled = new StrategyRun(wlm.spec(), wlm.objects(), wlm.meter(), wlm.transitions(), wlm.dynamoReads(),
        wlm.dynamoWrites(), wlm.startMillis(), wlm.endMillis(), wlm.sampleMillis(), wlm.queueDepth(), wlm.knobs(),
        wlm.crawls(), wlm.checks(), BottleneckTimeline.of(wlm.startMillis(), wlm.endMillis(), samples));
    return Report.of(scenario, List.of(ReportFixtures.noWlm(scenario), sampled), Duration.ofMinutes(15));
  }

  @Test
  void theTableListsEachStrategysPeriodsWithTheKeyThatMovesThem() {
    String table = TableReport.render(report());
    int block = table.indexOf("What bound the day");
    assertTrue(block > 0, table);
    String bound = table.substring(block);
    assertTrue(bound.contains("  wlm: held back most by account job runs\n"), bound);
    assertTrue(bound.contains("    00:00-00:20  account job runs, held 4 → quotas.glueAccountConcurrentRuns\n"), bound);
    assertTrue(bound.contains("4 objects waited for the account's concurrent job runs (quota 2)"), bound);
    assertTrue(bound.contains("    00:20-00:35  arrivals\n"), bound);
    assertTrue(bound.contains("  no-wlm: not sampled\n"), "a run made without sampling claims nothing: " + bound);
    assertTrue(bound.lines().allMatch(l -> l.length() <= TableReport.WIDTH), bound);
  }

  @Test
  void theJsonCarriesThePeriodsWithTheirFields() throws Exception {
    JsonNode wlm = new ObjectMapper().readTree(JsonReport.render(report())).path("strategies").get(1);
    JsonNode periods = wlm.path("bottlenecks");
    assertEquals(2, periods.size());
    JsonNode first = periods.get(0);
    assertEquals("2025-01-06T00:00:00Z", first.path("from").asText());
    assertEquals("2025-01-06T00:20:00Z", first.path("to").asText());
    assertEquals("account-quota", first.path("limit").asText());
    assertEquals("account", first.path("subject").asText());
    assertEquals("quotas.glueAccountConcurrentRuns", first.path("move").asText());
    assertEquals(4, first.path("peakHeldBack").asInt());
    assertEquals(60, first.path("heldBackMinutes").asLong(), "10 minutes × 4 + 10 minutes × 2");
    assertTrue(first.path("what").asText().startsWith("4 objects waited"), first.toString());
    JsonNode last = periods.get(1);
    assertEquals("arrivals", last.path("limit").asText());
    assertTrue(last.path("move").isNull());
    assertTrue(last.path("subject").isNull());
    assertEquals("2025-01-06T00:35:30Z", last.path("to").asText());
    assertEquals("account-quota", wlm.path("heldBackMost").path("limit").asText());
  }

  @Test
  void thePageHasATableOfThePeriods() throws Exception {
    String html = HtmlReport.render(report());
    DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    assertTrue(html.contains("<h2>What bound the day</h2>"), html);
    assertTrue(html.contains("<tr><td>wlm</td><td>00:00</td><td>00:20</td><td>account job runs</td><td>4</td>"), html);
    assertTrue(html.contains("<code>quotas.glueAccountConcurrentRuns</code>"), html);
  }

  @Test
  void theSweepSaysWhatHeldBackMostPerRow() {
    Report report = report();
    String table = SweepReport.render("strategies.wlm.maxConcurrency", List.of(new SweepReport.Point("10", report)));
    assertTrue(table.lines().findFirst().isPresent());
    String header = table.lines().filter(l -> l.startsWith("strategies.wlm.maxConcurrency")).findFirst().orElseThrow();
    assertTrue(header.endsWith("held back most by"), header);
    assertTrue(table.lines().anyMatch(l -> l.contains(" wlm ") && l.endsWith("account job runs")), table);
    assertTrue(table.lines().anyMatch(l -> l.contains(" no-wlm ") && l.endsWith(Display.NONE)), table);
    assertFalse(table.contains("null"), table);
  }
}
