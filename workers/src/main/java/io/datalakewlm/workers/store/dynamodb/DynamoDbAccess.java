package io.datalakewlm.workers.store.dynamodb;

import io.datalakewlm.workers.store.Table;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the activity workers do on DynamoDB, as IAM sees it: each {@link DynamoDbStore} operation
 * is one DynamoDB action ({@code get} is GetItem, {@code put} PutItem, {@code update} UpdateItem,
 * {@code delete} DeleteItem, {@code query} Query on the table or on one index), and
 * {@link #workers()} lists every (action, table or index) pair the handlers use. The worker
 * service's IAM policy in {@code sam-template.yaml} must allow exactly these pairs; {@code wlm
 * validate} compares the two.
 *
 * <p>The list is declared, not discovered at run time, so it can be read offline; a test runs
 * every handler over a store that records its calls and requires the recorded pairs to equal this
 * list, so a handler that starts using a new action or index fails the build until the list (and
 * with it the policy) follows. Operator commands (loading priorities and dataset configs) also
 * write {@code octagon-wlm} and {@code octagon-Dataset}, and {@code wlm dead-letters purge} deletes
 * dead letters from {@code wlm-queue}, with the operator's own credentials; they are not part of
 * the worker service.
 */
public final class DynamoDbAccess {

  /** The DynamoDB actions the store uses, with their IAM names. */
  public enum Action {
    GET_ITEM("dynamodb:GetItem"),
    PUT_ITEM("dynamodb:PutItem"),
    UPDATE_ITEM("dynamodb:UpdateItem"),
    DELETE_ITEM("dynamodb:DeleteItem"),
    QUERY("dynamodb:Query");

    private final String iamName;

    Action(String iamName) {
      this.iamName = iamName;
    }

    /** The action as an IAM policy names it, e.g. {@code dynamodb:GetItem}. */
    public String iamName() {
      return iamName;
    }
  }

  /**
   * One permission the workers need: an action on a table, or (for Query) on one of its indexes.
   *
   * @param index the index name, or null for the table itself
   */
  public record Grant(Action action, Table table, String index) {
    public Grant {
      Objects.requireNonNull(action);
      Objects.requireNonNull(table);
      if (index != null && action != Action.QUERY) {
        throw new IllegalArgumentException("only Query reads an index, not " + action.iamName());
      }
    }

    @Override
    public String toString() {
      return action.iamName() + " on " + table.baseName() + (index == null ? "" : "/index/" + index);
    }
  }

  private static final Set<Grant> WORKERS = sorted(List.of(
      // priorities and dataset configs are read (and cached) by Enqueue, SelectBatch, CheckDependencies
      new Grant(Action.GET_ITEM, Table.PRIORITIES, null),
      new Grant(Action.GET_ITEM, Table.DATASETS, null),
      // the queue: items written by Enqueue, read and moved by conditional updates, three sparse indexes
      new Grant(Action.GET_ITEM, Table.QUEUE, null),
      new Grant(Action.PUT_ITEM, Table.QUEUE, null),
      new Grant(Action.UPDATE_ITEM, Table.QUEUE, null),
      new Grant(Action.QUERY, Table.QUEUE, "lane-index"),
      new Grant(Action.QUERY, Table.QUEUE, "owner-index"),
      new Grant(Action.QUERY, Table.QUEUE, "lease-index"),
      // the lane registry and the per-source slots: one partition, queried whole
      new Grant(Action.GET_ITEM, Table.LANES, null),
      new Grant(Action.PUT_ITEM, Table.LANES, null),
      new Grant(Action.UPDATE_ITEM, Table.LANES, null),
      new Grant(Action.DELETE_ITEM, Table.LANES, null),
      new Grant(Action.QUERY, Table.LANES, null),
      // semaphores: conditional updates, the registry item created with a put
      new Grant(Action.GET_ITEM, Table.SEMAPHORES, null),
      new Grant(Action.PUT_ITEM, Table.SEMAPHORES, null),
      new Grant(Action.UPDATE_ITEM, Table.SEMAPHORES, null),
      // token buckets: one item per service, written whole conditioned on its version
      new Grant(Action.GET_ITEM, Table.RATE_LIMITS, null),
      new Grant(Action.PUT_ITEM, Table.RATE_LIMITS, null),
      // stage outcomes written by Complete/Fail, read by CheckDependencies
      new Grant(Action.GET_ITEM, Table.STAGE_STATUS, null),
      new Grant(Action.UPDATE_ITEM, Table.STAGE_STATUS, null),
      // reaped executions: written by Reap, read by SelectBatch and AcquireSlot
      new Grant(Action.GET_ITEM, Table.EXECUTIONS, null),
      new Grant(Action.PUT_ITEM, Table.EXECUTIONS, null)));

  private DynamoDbAccess() {
  }

  /** Every (action, table or index) the activity handlers use, in table, action, index order. */
  public static Set<Grant> workers() {
    return WORKERS;
  }

  // An unmodifiable set in a stable order (table, action, index), for readable diffs in messages.
  private static Set<Grant> sorted(List<Grant> grants) {
    Set<Grant> ordered = grants.stream()
        .sorted(Comparator.comparing(Grant::table).thenComparing(Grant::action)
            .thenComparing(g -> g.index() == null ? "" : g.index()))
        .collect(Collectors.toCollection(LinkedHashSet::new));
    return Collections.unmodifiableSet(ordered);
  }
}
