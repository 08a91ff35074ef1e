package io.datalakewlm.workers.store;

import java.util.Objects;

/**
 * A query of one partition of a table or of a global secondary index, in sort-key order.
 * Index queries are eventually consistent on DynamoDB (the in-memory twin is always current);
 * base-table queries are strongly consistent.
 *
 * @param index null for the table itself
 * @param sort null for the whole partition
 * @param limit the most items to evaluate, as DynamoDB's Limit
 * @param startAfter null, or the last evaluated key of the previous page
 */
public record Query(Table table, String index, Object partitionValue, SortCondition sort,
                    boolean ascending, int limit, Key startAfter) {

  public Query {
    Objects.requireNonNull(table);
    partitionValue = Item.normalise(Objects.requireNonNull(partitionValue));
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }

  public static Query of(Table table, String index, Object partitionValue, int limit) {
    return new Query(table, index, partitionValue, null, true, limit, null);
  }

  public Query withSort(SortCondition condition) {
    return new Query(table, index, partitionValue, condition, ascending, limit, startAfter);
  }

  public Query after(Key key) {
    return new Query(table, index, partitionValue, sort, ascending, limit, key);
  }
}
