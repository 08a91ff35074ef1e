package io.datalakewlm.simulator.report;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The calls one emulated API received and the ones AWS refused, by error code
 * ({@code glue:StartJobRun}: 812 calls, 312 {@code ThrottlingException}, 350
 * {@code ConcurrentRunsExceededException}).
 *
 * @param errors refused calls by AWS error code, sorted by code
 */
public record ApiErrors(String api, long calls, Map<String, Long> errors) {
  /** The codes AWS answers when a limit is hit: a rate, a concurrency quota, a crawler already running. */
  public static final Set<String> LIMIT_CODES =
      Set.of("ThrottlingException", "ConcurrentRunsExceededException", "CrawlerRunningException");

  public ApiErrors {
    errors = new TreeMap<>(errors);
  }

  public long refused() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Calls refused because a limit was hit (see {@link #LIMIT_CODES}). */
  public long limited() {
    return errors.entrySet().stream().filter(e -> LIMIT_CODES.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
  }
}
