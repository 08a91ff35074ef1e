package io.datalakewlm.workers.intake;

import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The reject list of the intake: {@code wlm-intake-rejects}, one record per object of a bucket,
 * written by {@code statemachines/intake.asl.json} itself (no worker) and read here for
 * operators. Records expire 30 days after their rejection (DynamoDB's TTL; dynalite keeps them).
 * A rejected object that is fixed (its dataset registered, or moved into the layout) is queued
 * by its next write's event; its record stays until it expires.
 */
public final class IntakeRejects {
  private static final int PAGE = 500;

  private final Store store;

  public IntakeRejects(Store store) {
    this.store = Objects.requireNonNull(store);
  }

  /** The rejects of one bucket, latest first (one partition query, no scan). */
  public List<IntakeReject> list(String bucket) {
    List<IntakeReject> rejects = new ArrayList<>();
    Query query = Query.of(Table.INTAKE_REJECTS, null, bucket, PAGE);
    Page page = store.query(query);
    while (true) {
      page.items().forEach(item -> rejects.add(parse(item)));
      if (!page.hasMore()) {
        break;
      }
      page = store.query(query.after(page.lastEvaluated()));
    }
    rejects.sort(Comparator.comparing(IntakeReject::rejectedAt).reversed().thenComparing(IntakeReject::objectKey));
    return rejects;
  }

  // Reads one record as the intake machine writes it.
  private static IntakeReject parse(Item item) {
    return new IntakeReject(item.string("bucket"), item.string("objectKey"), item.optString("reason").orElse(""),
        item.optString("version").orElse(""), item.longValue("size", 0),
        Instant.ofEpochMilli(item.longValue("rejectedAt", 0)));
  }
}
