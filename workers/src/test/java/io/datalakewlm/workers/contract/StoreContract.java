package io.datalakewlm.workers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.store.AttributePath;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.SortCondition;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import io.datalakewlm.workers.testing.StoreFixture;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store primitives, as the domain relies on them: the same tests run on the in-memory twin,
 * on dynalite and (with Docker) on LocalStack, so the twin cannot drift from DynamoDB.
 */
public abstract class StoreContract {

  protected Store store;

  protected abstract StoreFixture fixture();

  @BeforeEach
  void open() {
    store = fixture().newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Key sem(String resource) {
    return Key.of("resource", resource);
  }

  @Test
  void putThenGetReturnsEveryValueType() {
    Item item = Item.builder().put("resource", "r").put("s", "text").put("n", 42).put("d", new BigDecimal("1.50"))
        .put("b", true).put("m", Map.of("inner", Map.of("x", 1))).put("l", List.of("a", 2)).build();
    assertTrue(store.put(Table.SEMAPHORES, item, Condition.always()));
    Item read = store.get(Table.SEMAPHORES, sem("r")).orElseThrow();
    assertEquals(item, read);
    assertEquals(new BigDecimal("1.5"), read.number("d"));
    assertEquals(Optional.empty(), store.get(Table.SEMAPHORES, sem("missing")));
  }

  @Test
  void conditionalPutRefusesAnExistingItemAndKeepsIt() {
    Item first = Item.builder().put("resource", "r").put("v", 1).build();
    Item second = Item.builder().put("resource", "r").put("v", 2).build();
    assertTrue(store.put(Table.SEMAPHORES, first, Condition.notExists("resource")));
    assertFalse(store.put(Table.SEMAPHORES, second, Condition.notExists("resource")));
    assertEquals(1, store.get(Table.SEMAPHORES, sem("r")).orElseThrow().longValue("v"));
  }

  @Test
  void updateCreatesAMissingItemAndAddStartsFromZero() {
    Item created = store.update(Table.SEMAPHORES, sem("r"),
        Update.builder().add("count", 3).set("limit", 5).build(), Condition.always()).orElseThrow();
    assertEquals(3, created.longValue("count"));
    assertEquals("r", created.string("resource"));
    Item again = store.update(Table.SEMAPHORES, sem("r"), Update.builder().add("count", -1).build(),
        Condition.always()).orElseThrow();
    assertEquals(2, again.longValue("count"));
    assertEquals(5, again.longValue("limit"));
  }

  @Test
  void failedConditionLeavesTheItemUnchanged() {
    store.put(Table.SEMAPHORES, Item.builder().put("resource", "r").put("count", 1).put("limit", 1).build(),
        Condition.always());
    Condition notFull = new Condition.CompareAttributes(AttributePath.of("count"), Condition.Op.LT,
        AttributePath.of("limit"));
    assertEquals(Optional.empty(), store.update(Table.SEMAPHORES, sem("r"),
        Update.builder().add("count", 1).build(), notFull));
    assertEquals(1, store.get(Table.SEMAPHORES, sem("r")).orElseThrow().longValue("count"));
    assertEquals(Optional.empty(), store.update(Table.SEMAPHORES, sem("absent"),
        Update.builder().add("count", 1).build(), Condition.exists("resource")));
    assertEquals(Optional.empty(), store.get(Table.SEMAPHORES, sem("absent")));
  }

  @Test
  void nestedMapEntriesAreWrittenRemovedAndTestedOneByOne() {
    store.put(Table.SEMAPHORES, Item.builder().put("resource", "r").put("holders", Map.of()).build(),
        Condition.always());
    String holder = "arn:aws:states:eu-west-1:1:execution:sm:run-1#batch/2.3";
    Condition absent = new Condition.NotExists(AttributePath.of("holders", holder));
    Update add = Update.builder().set(AttributePath.of("holders", holder), 1000).add("count", 1).build();
    assertTrue(store.update(Table.SEMAPHORES, sem("r"), add, absent).isPresent());
    assertFalse(store.update(Table.SEMAPHORES, sem("r"), add, absent).isPresent());
    Item held = store.get(Table.SEMAPHORES, sem("r")).orElseThrow();
    assertEquals(Map.of(holder, new BigDecimal(1000)), held.map("holders"));
    Condition expiry = Condition.compare(AttributePath.of("holders", holder), Condition.Op.EQ, 1000);
    Update remove = Update.builder().remove("holders", holder).add("count", -1).build();
    assertTrue(store.update(Table.SEMAPHORES, sem("r"), remove, expiry).isPresent());
    assertFalse(store.update(Table.SEMAPHORES, sem("r"), remove, expiry).isPresent());
    assertEquals(0, store.get(Table.SEMAPHORES, sem("r")).orElseThrow().longValue("count"));
  }

  @Test
  void writingIntoAMissingMapIsRejected() {
    store.put(Table.SEMAPHORES, Item.builder().put("resource", "r").build(), Condition.always());
    assertThrows(IllegalArgumentException.class, () -> store.update(Table.SEMAPHORES, sem("r"),
        Update.builder().set(AttributePath.of("holders", "h"), 1).build(), Condition.always()));
  }

  @Test
  void keyAttributesCannotBeUpdated() {
    assertThrows(IllegalArgumentException.class, () -> store.update(Table.SEMAPHORES, sem("r"),
        Update.builder().set("resource", "other").build(), Condition.always()));
  }

  @Test
  void setIfAbsentKeepsAnExistingValue() {
    store.update(Table.SEMAPHORES, sem("r"), Update.builder().setIfAbsent("limit", 2).build(), Condition.always());
    Item item = store.update(Table.SEMAPHORES, sem("r"), Update.builder().setIfAbsent("limit", 9).build(),
        Condition.always()).orElseThrow();
    assertEquals(2, item.longValue("limit"));
  }

  @Test
  void comparisonsWithAMissingAttributeAreFalseAndNumbersCompareByValue() {
    store.put(Table.SEMAPHORES, Item.builder().put("resource", "r").put("n", 10).put("s", "b").build(),
        Condition.always());
    Update touch = Update.builder().set("t", 1).build();
    assertFalse(store.update(Table.SEMAPHORES, sem("r"), touch,
        Condition.compare(AttributePath.of("missing"), Condition.Op.LT, 5)).isPresent());
    assertFalse(store.update(Table.SEMAPHORES, sem("r"), touch,
        Condition.compare(AttributePath.of("missing"), Condition.Op.EQ, 5)).isPresent());
    assertTrue(store.update(Table.SEMAPHORES, sem("r"), touch,
        Condition.compare(AttributePath.of("n"), Condition.Op.GT, 9)).isPresent());
    assertTrue(store.update(Table.SEMAPHORES, sem("r"), touch,
        Condition.compare(AttributePath.of("n"), Condition.Op.EQ, new BigDecimal("10.0"))).isPresent());
    assertTrue(store.update(Table.SEMAPHORES, sem("r"), touch,
        Condition.compare(AttributePath.of("s"), Condition.Op.NE, "a")).isPresent());
    assertTrue(store.update(Table.SEMAPHORES, sem("r"), touch,
        Condition.or(Condition.notExists("missing"), Condition.eq("missing", 1))).isPresent());
    assertFalse(store.update(Table.SEMAPHORES, sem("r"), touch,
        Condition.not(Condition.exists("n"))).isPresent());
  }

  @Test
  void conditionalDelete() {
    store.put(Table.SEMAPHORES, Item.builder().put("resource", "r").put("v", 1).build(), Condition.always());
    assertFalse(store.delete(Table.SEMAPHORES, sem("r"), Condition.eq("v", 2)));
    assertTrue(store.delete(Table.SEMAPHORES, sem("r"), Condition.eq("v", 1)));
    assertEquals(Optional.empty(), store.get(Table.SEMAPHORES, sem("r")));
    assertTrue(store.delete(Table.SEMAPHORES, sem("r"), Condition.always()));
  }

  @Test
  void queryReadsOnePartitionInSortOrderAndPages() {
    for (String name : List.of("b", "a", "c", "ab", "Z")) {
      store.put(Table.LANES, Item.builder().put("registry", "lanes").put("name", name).build(), Condition.always());
    }
    store.put(Table.LANES, Item.builder().put("registry", "other").put("name", "x").build(), Condition.always());
    assertEquals(List.of("Z", "a", "ab", "b", "c"), names(all(Query.of(Table.LANES, null, "lanes", 2))));
    Page firstTwo = store.query(Query.of(Table.LANES, null, "lanes", 2));
    assertEquals(List.of("Z", "a"), names(firstTwo.items()));
    assertTrue(firstTwo.hasMore());
    assertEquals(List.of("ab", "b"), names(store.query(Query.of(Table.LANES, null, "lanes", 2)
        .after(firstTwo.lastEvaluated())).items()));
    assertEquals(List.of("a", "ab"), names(store.query(Query.of(Table.LANES, null, "lanes", 10)
        .withSort(SortCondition.beginsWith("a"))).items()));
    Query descending = new Query(Table.LANES, null, "lanes", null, false, 10, null);
    assertEquals(List.of("c", "b", "ab", "a", "Z"), names(store.query(descending).items()));
    assertEquals(List.of(), store.query(Query.of(Table.LANES, null, "nobody", 10)).items());
  }

  @Test
  void beginsWithReadsExactlyThePrefixedRunWhateverSortsBesideIt() {
    // neighbours of the run: the prefix's last byte one lower and one higher, the prefix itself,
    // longer and non-ASCII continuations, and a prefix whose last character is not ASCII
    for (String name : List.of("lane\"x", "lane#", "lane#a", "lane#\u00e9", "lane#\u4e2d", "lane$", "lane$a",
        "lanf", "l\u00e9#1", "l\u00e9#2", "l\u00ea")) {
      store.put(Table.LANES, Item.builder().put("registry", "lanes").put("name", name).build(), Condition.always());
    }
    assertEquals(List.of("lane#", "lane#a", "lane#\u00e9", "lane#\u4e2d"), names(all(Query.of(Table.LANES, null, "lanes", 2)
        .withSort(SortCondition.beginsWith("lane#")))));
    assertEquals(List.of("l\u00e9#1", "l\u00e9#2"), names(store.query(Query.of(Table.LANES, null, "lanes", 10)
        .withSort(SortCondition.beginsWith("l\u00e9"))).items()));
    assertEquals(List.of(), store.query(Query.of(Table.LANES, null, "lanes", 10)
        .withSort(SortCondition.beginsWith("lane%"))).items());
  }

  @Test
  void aPrefixQueryAfterWritesSeesEveryWrite() {
    for (String name : List.of("lane#a", "lane#c", "lane#d")) {
      store.put(Table.LANES, Item.builder().put("registry", "lanes").put("name", name).put("v", 1).build(),
          Condition.always());
    }
    Query lanes = Query.of(Table.LANES, null, "lanes", 10).withSort(SortCondition.beginsWith("lane#"));
    assertEquals(List.of("lane#a", "lane#c", "lane#d"), names(store.query(lanes).items()));
    store.put(Table.LANES, Item.builder().put("registry", "lanes").put("name", "lane#b").build(), Condition.always());
    store.update(Table.LANES, Key.of("registry", "lanes", "name", "lane#a"), Update.builder().set("v", 2).build(),
        Condition.always());
    store.delete(Table.LANES, Key.of("registry", "lanes", "name", "lane#c"), Condition.always());
    List<Item> after = store.query(lanes).items();
    assertEquals(List.of("lane#a", "lane#b", "lane#d"), names(after));
    assertEquals(new BigDecimal(2), after.get(0).number("v"));
    store.delete(Table.LANES, Key.of("registry", "lanes", "name", "lane#a"), Condition.always());
    store.delete(Table.LANES, Key.of("registry", "lanes", "name", "lane#b"), Condition.always());
    store.delete(Table.LANES, Key.of("registry", "lanes", "name", "lane#d"), Condition.always());
    assertEquals(List.of(), store.query(lanes).items());
    store.put(Table.LANES, Item.builder().put("registry", "lanes").put("name", "lane#e").build(), Condition.always());
    assertEquals(List.of("lane#e"), names(store.query(lanes).items()));
  }

  @Test
  void sparseIndexHoldsOnlyItemsWithItsKeysInSortOrder() {
    putQueued("k1", "L", "0003");
    putQueued("k2", "L", "0001");
    putQueued("k3", "L", "0002");
    putQueued("k4", "M", "0001");
    store.put(Table.QUEUE, Item.builder().put("objectKey", "k5").put("status", "LEASED").build(), Condition.always());
    assertEquals(List.of("k2", "k3", "k1"), keys(all(Query.of(Table.QUEUE, "lane-index", "L", 1))));
    store.update(Table.QUEUE, Key.of("objectKey", "k3"), Update.builder().remove("lane").build(), Condition.always());
    assertEquals(List.of("k2", "k1"), keys(all(Query.of(Table.QUEUE, "lane-index", "L", 10))));
    store.update(Table.QUEUE, Key.of("objectKey", "k4"), Update.builder().set("lane", "L").build(), Condition.always());
    assertEquals(List.of("k2", "k4", "k1"), keys(all(Query.of(Table.QUEUE, "lane-index", "L", 10))));
    store.delete(Table.QUEUE, Key.of("objectKey", "k2"), Condition.always());
    assertEquals(List.of("k4", "k1"), keys(all(Query.of(Table.QUEUE, "lane-index", "L", 10))));
  }

  @Test
  void numericIndexSortKeysSupportRangeConditions() {
    for (int i = 1; i <= 5; i++) {
      store.put(Table.QUEUE, Item.builder().put("objectKey", "k" + i).put("leased", "1")
          .put("leaseExpiry", i * 100).build(), Condition.always());
    }
    store.put(Table.QUEUE, Item.builder().put("objectKey", "k10").put("leased", "1").put("leaseExpiry", 1000).build(),
        Condition.always());
    assertEquals(List.of("k1", "k2", "k3"), keys(all(Query.of(Table.QUEUE, "lease-index", "1", 2)
        .withSort(SortCondition.lessThan(350)))));
    assertEquals(List.of("k2", "k3", "k4"), keys(all(Query.of(Table.QUEUE, "lease-index", "1", 10)
        .withSort(new SortCondition.Between(200, 400)))));
    assertEquals(List.of("k10"), keys(all(Query.of(Table.QUEUE, "lease-index", "1", 10)
        .withSort(new SortCondition.Compare(Condition.Op.GT, 999)))));
  }

  // Every page of a query.
  private List<Item> all(Query query) {
    List<Item> items = new ArrayList<>();
    Page page = store.query(query);
    items.addAll(page.items());
    int guard = 0;
    while (page.hasMore() && guard++ < 100) {
      page = store.query(query.after(page.lastEvaluated()));
      items.addAll(page.items());
    }
    assertNull(page.lastEvaluated());
    return items;
  }

  private void putQueued(String key, String lane, String order) {
    store.put(Table.QUEUE, Item.builder().put("objectKey", key).put("lane", lane).put("laneOrder", order).build(),
        Condition.always());
  }

  private static List<String> names(List<Item> items) {
    return items.stream().map(i -> i.string("name")).toList();
  }

  private static List<String> keys(List<Item> items) {
    return items.stream().map(i -> i.string("objectKey")).toList();
  }
}
