package io.datalakewlm.workers.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The outcome of one stage of one dataset on one UTC day: item counts and the latest outcome,
 * which is what an aggregate dataset's dependency check reads ("stage_b COMPLETED today").
 *
 * @param status COMPLETED or FAILED: the outcome recorded last
 */
public record StageStatus(String dataset, String stage, LocalDate day, String status, long completed, long failed,
                          long deadLettered, Instant lastOutcomeAt) {
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";

  public StageStatus {
    Objects.requireNonNull(dataset);
    Objects.requireNonNull(stage);
    Objects.requireNonNull(day);
    Objects.requireNonNull(status);
  }

  public boolean isCompleted() {
    return COMPLETED.equals(status);
  }
}
