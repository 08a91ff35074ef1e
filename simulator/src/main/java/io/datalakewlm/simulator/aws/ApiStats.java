package io.datalakewlm.simulator.aws;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one emulated API ({@code glue:StartJobRun}, {@code logs:AssociateKmsKey} …): calls
 * made and, among them, the ones refused, by AWS error code. A call that fails counts once in
 * {@link #calls()} and once under its error.
 */
public final class ApiStats {
  private final String api;
  private long calls;
  private final Map<String, Long> errors = new TreeMap<>();

  ApiStats(String api) {
    this.api = api;
  }

  public String api() {
    return api;
  }

  public long calls() {
    return calls;
  }

  /** Refused calls by error code, sorted by code. */
  public Map<String, Long> errors() {
    return Collections.unmodifiableMap(errors);
  }

  public long errors(String code) {
    return errors.getOrDefault(code, 0L);
  }

  public long totalErrors() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  void called() {
    calls++;
  }

  void failed(String code) {
    errors.merge(code, 1L, Long::sum);
  }
}
