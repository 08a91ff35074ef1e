package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.dependency.DependencyChecker;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * CheckDependencies: whether every atomic dataset in an aggregate dataset's
 * {@code dependencies} completed the stage today (UTC), and which are missing; the dependency
 * state machine's Choice reads {@code ready}, and {@code retries} (the dataset's
 * {@code retry_count}, default 2) to decide whether to wait and check again.
 *
 * <pre>
 * in:  {"dataset": "engineering-dependent", "stage": "stage_b"?, "day": "2024-01-31"?}
 * out: {"dataset": "engineering-dependent", "stage": "stage_b", "day": "2024-01-31", "ready": false,
 *       "dependencies": ["engineering-legislators", "engineering-politicians"],
 *       "completed": ["engineering-legislators"], "missing": ["engineering-politicians"], "retries": 2}
 * </pre>
 * Errors: {@code Wlm.UnknownDataset} (no config in octagon-Dataset), {@code Wlm.InvalidInput}.
 */
public final class CheckDependenciesHandler implements ActivityHandler {

  public static final String NAME = "CheckDependencies";

  private final DependencyChecker checker;

  public CheckDependenciesHandler(DependencyChecker checker) {
    this.checker = checker;
  }

  @Override
  public JsonNode handle(JsonNode json) {
    Input in = Input.of(NAME, json);
    String dataset = in.text("dataset");
    String stage = in.text("stage", "stage_b");
    String dayText = in.text("day", null);
    LocalDate day;
    try {
      day = dayText == null ? null : LocalDate.parse(dayText);
    } catch (DateTimeParseException e) {
      throw in.invalid("day", "must be a date like 2024-01-31, got '" + dayText + "'");
    }
    Optional<DependencyChecker.Check> check = checker.check(dataset, stage, day);
    if (check.isEmpty()) {
      throw new ActivityException(ErrorNames.UNKNOWN_DATASET, "dataset " + dataset
          + " has no config in octagon-Dataset; load its dataset config first");
    }
    DependencyChecker.Check c = check.get();
    ObjectNode out = Json.object();
    out.put("dataset", c.dataset());
    out.put("stage", c.stage());
    out.put("day", c.day().toString());
    out.put("ready", c.ready());
    out.set("dependencies", Json.strings(c.dependencies()));
    out.set("completed", Json.strings(c.completed()));
    out.set("missing", Json.strings(c.missing()));
    out.put("retries", c.retries());
    return out;
  }
}
