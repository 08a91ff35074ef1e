package io.datalakewlm.workers.store;

import java.util.Optional;

/**
 * The state of the workers, as the DynamoDB-shaped primitives the domain needs: single-item
 * reads, conditional writes of one item, and queries of one partition of a table or index.
 * There are no transactions and no scans, because dynalite has no transactions and a scan does
 * not scale; every multi-item protocol above this interface is built from conditional writes.
 *
 * <p>Two implementations pass the same contract tests: {@code DynamoDbStore} (AWS, dynalite,
 * LocalStack) and {@code InMemoryStore} (unit tests and fast simulation). A failed condition is a
 * normal answer ({@code false} or empty), never an exception.
 */
public interface Store extends AutoCloseable {

  /** A strongly consistent read of one item. */
  Optional<Item> get(Table table, Key key);

  /** Writes a whole item if the condition holds on the current one; false when it does not. */
  boolean put(Table table, Item item, Condition condition);

  /**
   * Updates (or creates, like UpdateItem) one item if the condition holds.
   *
   * @return the item after the update, or empty when the condition failed
   */
  Optional<Item> update(Table table, Key key, Update update, Condition condition);

  /** Deletes one item if the condition holds; false when it does not (a missing item with {@link Condition.Always} is true). */
  boolean delete(Table table, Key key, Condition condition);

  /** One page of a query. */
  Page query(Query query);

  @Override
  void close();
}
