package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.Priority;
import java.util.Objects;

/**
 * What Enqueue is told about an object.
 *
 * @param table null when unknown
 * @param source null: from the priority table, else the team
 * @param stage the stage the item waits for, e.g. {@code stage_b}
 * @param priority null: from the priority table
 * @param version distinguishes a re-upload of the same key (etag, sequencer); "" when unknown
 */
public record EnqueueRequest(String objectKey, String team, String dataset, String table, String source, String stage,
                             Priority priority, String version) {
  public EnqueueRequest {
    require(objectKey, "objectKey");
    require(team, "team");
    require(dataset, "dataset");
    require(stage, "stage");
    version = version == null ? "" : version;
    if (source != null && (source.isBlank() || source.contains("#"))) {
      throw new IllegalArgumentException("source must be non-empty and without '#': '" + source + "'");
    }
    if (team.contains("#") || dataset.contains("#")) {
      throw new IllegalArgumentException("team and dataset cannot contain '#': '" + team + "', '" + dataset + "'");
    }
    if (stage.contains("#")) {
      throw new IllegalArgumentException("stage cannot contain '#': '" + stage + "'");
    }
  }

  private static void require(String value, String name) {
    Objects.requireNonNull(value, name + " is required");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
