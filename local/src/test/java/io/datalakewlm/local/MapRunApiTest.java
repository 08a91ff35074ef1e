package io.datalakewlm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** DescribeMapRun, ListMapRuns and UpdateMapRun on the Map Runs of Distributed Map states. */
class MapRunApiTest {
  static final Duration DEADLINE = Duration.ofSeconds(20);
  /** A Distributed Map whose children wait {@code %d} seconds, one at a time, then fail on odd items. */
  static final String MAP = "{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\","
      + "\"Label\":\"each\",\"MaxConcurrency\":1,\"ToleratedFailurePercentage\":50,"
      + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},"
      + "\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":%d,\"Next\":\"Odd?\"},"
      + "\"Odd?\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$\",\"NumericEquals\":1,\"Next\":\"F\"}],"
      + "\"Default\":\"S\"},\"F\":{\"Type\":\"Fail\",\"Error\":\"Odd\"},\"S\":{\"Type\":\"Succeed\"}}}%s}}}";

  private static LocalEndpoint local;
  private static SfnClient sfn;

  @BeforeAll
  static void start() {
    local = LocalEndpoint.start(1000);
    sfn = local.sfn;
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  private static String mapRunArn(String executionArn) {
    return sfn.getExecutionHistory(b -> b.executionArn(executionArn)).events().stream()
        .filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED).findFirst().orElseThrow()
        .mapRunStartedEventDetails().mapRunArn();
  }

  @Test
  void aFinishedMapRunIsDescribedWithItsSettingsCountsAndDates() {
    String machine = ExecutionApiTest.create(sfn, "described-map", MAP.formatted(1, ",\"End\":true"),
        StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"items\":[0,1,2]}")).executionArn();
    assertEquals(ExecutionStatus.SUCCEEDED, local.awaitEnd(arn, DEADLINE).status());
    String mapRunArn = mapRunArn(arn);
    DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertEquals(mapRunArn, run.mapRunArn());
    assertEquals(arn, run.executionArn());
    assertEquals(MapRunStatus.SUCCEEDED, run.status());
    assertEquals(1, run.maxConcurrency());
    assertEquals(50f, run.toleratedFailurePercentage());
    assertEquals(0L, run.toleratedFailureCount());
    assertEquals(3L, run.executionCounts().total());
    assertEquals(2L, run.executionCounts().succeeded());
    assertEquals(1L, run.executionCounts().failed());
    assertEquals(0L, run.executionCounts().pending());
    assertEquals(run.executionCounts().succeeded(), run.itemCounts().succeeded());
    assertEquals(3L, run.itemCounts().total());
    assertNotNull(run.stopDate());
    assertTrue(!run.stopDate().isBefore(run.startDate()));
    assertThrows(ResourceNotFoundException.class, () -> sfn.describeMapRun(b -> b.mapRunArn(
        mapRunArn.substring(0, mapRunArn.lastIndexOf(':')) + ":nope")));
    assertThrows(InvalidArnException.class, () -> sfn.describeMapRun(b -> b.mapRunArn(arn)));
  }

  @Test
  void theMapRunsOfAnExecutionAreListedNewestFirstAndPaged() {
    // a Map that fails (all items odd, nothing tolerated) is retried twice: three Map Runs
    String definition = MAP.formatted(0, ",\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"],\"IntervalSeconds\":1,"
        + "\"MaxAttempts\":2}],\"End\":true").replace("\"ToleratedFailurePercentage\":50,", "");
    String machine = ExecutionApiTest.create(sfn, "retried-map", definition, StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"items\":[1]}")).executionArn();
    assertEquals(ExecutionStatus.FAILED, local.awaitEnd(arn, DEADLINE).status());
    List<String> started = sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream()
        .filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED)
        .map(e -> e.mapRunStartedEventDetails().mapRunArn()).toList();
    assertEquals(3, started.size());
    List<MapRunListItem> listed = sfn.listMapRunsPaginator(b -> b.executionArn(arn).maxResults(2)).mapRuns()
        .stream().toList();
    assertEquals(List.of(started.get(2), started.get(1), started.get(0)),
        listed.stream().map(MapRunListItem::mapRunArn).toList());
    MapRunListItem item = listed.get(0);
    assertEquals(arn, item.executionArn());
    assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:retried-map/each", item.stateMachineArn());
    assertNotNull(item.startDate());
    assertNotNull(item.stopDate());
    assertNotNull(sfn.listMapRuns(b -> b.executionArn(arn).maxResults(2)).nextToken());
    assertEquals(MapRunStatus.FAILED, sfn.describeMapRun(b -> b.mapRunArn(started.get(0))).status());
    assertThrows(ExecutionDoesNotExistException.class, () -> sfn.listMapRuns(b -> b.executionArn(
        "arn:aws:states:us-east-1:123456789012:execution:retried-map:none")));
    assertThrows(software.amazon.awssdk.services.sfn.model.InvalidTokenException.class,
        () -> sfn.listMapRuns(b -> b.executionArn(arn).nextToken("bm90LW91cnM")));
  }

  @Test
  void updatingARunningMapRunRaisesItsConcurrencyAndEndedRunsCannotBeUpdated() {
    // children wait an hour (3.6 s of wall time): one runs at a time until the update
    String machine = ExecutionApiTest.create(sfn, "updated-map", MAP.formatted(3600, ",\"End\":true"),
        StateMachineType.STANDARD);
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"items\":[0,2,4,6]}")).executionArn();
    String mapRunArn = LocalEndpoint.await(() -> sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream()
        .filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED).findFirst(), java.util.Optional::isPresent,
        DEADLINE, "the Map Run of " + arn).orElseThrow().mapRunStartedEventDetails().mapRunArn();
    DescribeMapRunResponse before = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertEquals(MapRunStatus.RUNNING, before.status());
    assertNull(before.stopDate());
    assertEquals(1L, before.executionCounts().running());
    assertEquals(3L, before.executionCounts().pending());

    sfn.updateMapRun(b -> b.mapRunArn(mapRunArn).maxConcurrency(3).toleratedFailureCount(2L));
    DescribeMapRunResponse after = LocalEndpoint.await(() -> sfn.describeMapRun(b -> b.mapRunArn(mapRunArn)),
        d -> d.executionCounts().running() == 3, DEADLINE, "three running children");
    assertEquals(3, after.maxConcurrency());
    assertEquals(2L, after.toleratedFailureCount());
    assertEquals(1L, after.executionCounts().pending());
    assertEquals(3, sfn.listExecutions(b -> b.mapRunArn(mapRunArn).statusFilter(ExecutionStatus.RUNNING))
        .executions().size());

    ValidationException outOfRange = assertThrows(ValidationException.class, () -> sfn.updateMapRun(b -> b
        .mapRunArn(mapRunArn).toleratedFailurePercentage(101f).maxConcurrency(-1)));
    assertTrue(outOfRange.awsErrorDetails().errorMessage().startsWith("2 validation errors detected"),
        outOfRange.awsErrorDetails().errorMessage());
    assertThrows(ValidationException.class, () -> sfn.updateMapRun(b -> b.mapRunArn(mapRunArn)));

    sfn.stopExecution(b -> b.executionArn(arn));
    DescribeMapRunResponse aborted = sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertEquals(MapRunStatus.ABORTED, aborted.status());
    assertEquals(3L, aborted.executionCounts().aborted());
    assertThrows(ValidationException.class, () -> sfn.updateMapRun(b -> b.mapRunArn(mapRunArn).maxConcurrency(5)));
    assertThrows(ResourceNotFoundException.class, () -> sfn.updateMapRun(b -> b.mapRunArn(
        mapRunArn.substring(0, mapRunArn.lastIndexOf(':')) + ":nope").maxConcurrency(5)));
  }
}
