package io.datalakewlm.workers.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.datalakewlm.workers.store.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A lane record is parsed again exactly when its content changed: the same item object or an
 * equal one (as DynamoDB returns for an unchanged record) gives the kept parse; any changed
 * attribute gives a fresh one, wherever the record sits in the registry read.
 */
class LaneParsesTest {

  private final List<Item> parsedItems = new ArrayList<>();
  private final LaneParses parses = new LaneParses((item, sourceOf, stageOf, earlierItem, earlier) -> {
    parsedItems.add(item);
    return DatasetLanes.parse(item, sourceOf, stageOf, earlierItem, earlier);
  });

  @Test
  void theSameRecordReadAgainIsNotParsedAgain() {
    Item a = lane("t-a", 3, 1);
    Item b = lane("t-b", 0, 1);
    List<DatasetLane> first = parses.of(List.of(a, b));
    List<DatasetLane> second = parses.of(List.of(a, b));
    assertEquals(2, parsedItems.size());
    assertSame(first.get(0), second.get(0));
    assertSame(first.get(1), second.get(1));
  }

  @Test
  void anEqualRecordInANewObjectIsNotParsedAgain() {
    DatasetLane first = parses.of(List.of(lane("t-a", 3, 7))).get(0);
    DatasetLane again = parses.of(List.of(lane("t-a", 3, 7))).get(0);
    assertEquals(1, parsedItems.size());
    assertSame(first, again);
  }

  @Test
  void aRecordWhoseVersionChangedIsParsedAgain() {
    Item before = lane("t-a", 3, 7);
    parses.of(List.of(before));
    DatasetLane after = parses.of(List.of(with(before, "version", 8))).get(0);
    assertEquals(2, parsedItems.size());
    assertEquals(8, after.version());
  }

  @Test
  void aRecordChangedInAnotherAttributeIsParsedAgainThoughItsVersionIsTheSame() {
    // a touch adds to the counts without a version bump: the parse must show the new backlog
    Item before = lane("t-a", 3, 7);
    DatasetLane first = parses.of(List.of(before)).get(0);
    DatasetLane after = parses.of(List.of(with(before, "q5", 4))).get(0);
    assertEquals(3, first.pendingTotal());
    assertEquals(4, after.pendingTotal());
    assertEquals(first.version(), after.version());
  }

  @Test
  void aLaneRegisteredBeforeTheOthersShiftsNoParseOntoTheWrongRecord() {
    Item b = lane("t-b", 1, 1);
    Item c = lane("t-c", 2, 1);
    parses.of(List.of(b, c));
    Item a = lane("t-a", 5, 1);
    List<DatasetLane> read = parses.of(List.of(a, b, c));
    assertEquals(List.of("t-a", "t-b", "t-c"), read.stream().map(DatasetLane::datasetName).toList());
    assertEquals(List.of(5, 1, 2), read.stream().map(DatasetLane::pendingTotal).toList());
    assertEquals(3, parsedItems.size()); // only the new lane
  }

  @Test
  void lanesOfOneSourcePolicyShareOneSourceObject() {
    List<DatasetLane> read = parses.of(List.of(lane("t-a", 1, 1), lane("t-b", 1, 1)));
    assertSame(read.get(0).source(), read.get(1).source());
    DatasetLane other = parses.of(List.of(with(lane("t-c", 1, 1), "weight", 2))).get(0);
    assertNotSame(read.get(0).source(), other.source());
  }

  @Test
  void aChangedRecordWithTheSameHoldersKeepsTheirParseAndOneWithOtherHoldersReadsThem() {
    Map<String, Object> holder = Map.of("until", 5_000, "items", 1, "keys", Map.of("s3://b/k", 0), "since", 900);
    Item before = with(lane("t-a", 3, 7), "holders", Map.of("exec#b-1", holder));
    DatasetLane first = parses.of(List.of(before)).get(0);
    DatasetLane touched = parses.of(List.of(with(before, "q5", 4))).get(0);
    assertSame(first.holders(), touched.holders());
    assertEquals(4, touched.pendingTotal());
    Item claimed = with(before, "holders", Map.of("exec#b-1", holder, "exec#b-2",
        Map.of("until", 6_000, "items", 1, "keys", Map.of("s3://b/k2", 1))));
    DatasetLane after = parses.of(List.of(claimed)).get(0);
    assertEquals(java.util.Set.of("exec#b-1", "exec#b-2"), after.holders().keySet());
    assertEquals(Map.of("s3://b/k2", 1), after.holders().get("exec#b-2").keys());
    assertEquals(2, after.liveHolders(java.time.Instant.ofEpochMilli(4_000)));
    assertEquals(1, after.liveHolders(java.time.Instant.ofEpochMilli(5_000)));
  }

  @Test
  void lanesOfOneStageShareOneStageName() {
    Item a = with(lane("t-a", 1, 1), "stage", new String("A"));
    Item b = with(lane("t-b", 1, 1), "stage", new String("A"));
    List<DatasetLane> read = parses.of(List.of(a, b));
    assertNotSame(a.string("stage"), b.string("stage"));
    assertSame(read.get(0).stage(), read.get(1).stage());
  }

  // A lane record of stage A with `queued` items at level 5.
  private static Item lane(String datasetName, int queued, long version) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("registry", DatasetLanes.PARTITION);
    attributes.put("name", DatasetLanes.LANE_PREFIX + "A#" + datasetName);
    attributes.put("stage", "A");
    attributes.put("datasetName", datasetName);
    attributes.put("team", "t");
    attributes.put("dataset", datasetName.substring(2));
    attributes.put("source", "s");
    attributes.put("weight", 1);
    attributes.put("maxInFlight", 0);
    attributes.put("q5", queued);
    attributes.put("touchedAt", 1_000);
    attributes.put("holders", Map.of());
    attributes.put("version", version);
    return Item.of(attributes);
  }

  private static Item with(Item item, String name, Object value) {
    return item.with(Map.of(name, value));
  }
}
