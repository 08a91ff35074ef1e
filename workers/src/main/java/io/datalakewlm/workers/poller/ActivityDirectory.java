package io.datalakewlm.workers.poller;

import java.util.Optional;

/**
 * Finds an activity's ARN by its name, for a worker configured with activity names (the
 * deployment names them {@code wlm-<Handler>-<env>}) rather than ARNs.
 */
public interface ActivityDirectory {

  /** The ARN of the activity of that name in this account and region, if it exists. */
  Optional<String> activityArn(String name);
}
