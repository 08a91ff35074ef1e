package io.datalakewlm.workers.dependency;

import io.datalakewlm.workers.domain.StageStatus;
import io.datalakewlm.workers.store.AttributePath;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.Update;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Stage outcomes per dataset, stage and UTC day ({@code wlm-stage-status}, keys {@code dataset}
 * and {@code stageDay} = {@code <stage>#<yyyy-mm-dd>}). Counters only grow (ADD); the
 * {@code status} is the latest outcome, written only by an outcome at least as recent as the
 * one stored, so writers racing out of order cannot make an old failure hide a new success.
 */
public final class StageStatuses {

  /** How long a day's record is kept before DynamoDB's TTL may drop it. */
  private static final Duration RETENTION = Duration.ofDays(90);

  private final Store store;
  private final Clock clock;

  public StageStatuses(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
  }

  /** The UTC day of the workers' clock. */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** Records that {@code completed} items of a dataset's stage completed now. */
  public void recordCompleted(String dataset, String stage, int completed) {
    record(dataset, stage, StageStatus.COMPLETED, completed, 0, 0);
  }

  /** Records that items failed now, {@code deadLettered} of them for good. */
  public void recordFailed(String dataset, String stage, int failed, int deadLettered) {
    record(dataset, stage, StageStatus.FAILED, 0, failed, deadLettered);
  }

  public Optional<StageStatus> get(String dataset, String stage, LocalDate day) {
    return store.get(Table.STAGE_STATUS, key(dataset, stage, day)).map(i -> new StageStatus(dataset, stage, day,
        i.optString("status").orElse(StageStatus.FAILED), i.longValue("completed", 0), i.longValue("failed", 0),
        i.longValue("deadLettered", 0), Instant.ofEpochMilli(i.longValue("lastOutcomeAt", 0))));
  }

  // Adds the counts and, unless a later outcome is already stored, sets the status.
  private void record(String dataset, String stage, String status, int completed, int failed, int dead) {
    Instant now = clock.instant();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Key key = key(dataset, stage, day);
    Update withStatus = counters(completed, failed, dead).set("status", status).set("lastOutcomeAt", now.toEpochMilli())
        .set("stage", stage).set("day", day.toString()).set("expiresAt", now.plus(RETENTION).getEpochSecond()).build();
    Condition notOlder = Condition.or(Condition.notExists("lastOutcomeAt"),
        Condition.compare(AttributePath.of("lastOutcomeAt"), Condition.Op.LE, now.toEpochMilli()));
    Update.Builder countsOnly = counters(completed, failed, dead);
    if (store.update(Table.STAGE_STATUS, key, withStatus, notOlder).isEmpty() && !countsOnly.isEmpty()) {
      store.update(Table.STAGE_STATUS, key, countsOnly.build(), Condition.always());
    }
  }

  // ADD actions for the non-zero counters.
  private static Update.Builder counters(int completed, int failed, int dead) {
    Update.Builder update = Update.builder();
    if (completed > 0) {
      update.add("completed", completed);
    }
    if (failed > 0) {
      update.add("failed", failed);
    }
    if (dead > 0) {
      update.add("deadLettered", dead);
    }
    return update;
  }

  private static Key key(String dataset, String stage, LocalDate day) {
    return Key.of("dataset", dataset, "stageDay", stage + "#" + day);
  }

}
