package io.datalakewlm.simulator.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A what-if change to a scenario, {@code key=value} as {@code wlm simulate --set} takes it. The
 * key is a dotted path into the file: list entries are picked by their {@code name} (sources,
 * datasets, aggregates), their {@code label} (strategies) or their index (arrivals), and a
 * strategy's knobs can be named directly: {@code quotas.glueAccountConcurrentRuns=30},
 * {@code sources.marketing.weight=2}, {@code strategies.wlm.maxConcurrency=20},
 * {@code defaults.job.duration={uniform: [5m, 15m]}}. The value is read as YAML, so numbers,
 * booleans, durations and inline mappings all work.
 */
public record Setting(String key, String value) {
  public Setting {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("an override needs a key: write key=value, e.g. quotas.glueAccountConcurrentRuns=30");
    }
    key = key.trim();
    value = value == null ? "" : value.trim();
  }

  /** Reads {@code key=value}. */
  public static Setting parse(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("'" + text + "' is not key=value; write e.g. strategies.wlm.maxConcurrency=20");
    }
    return new Setting(text.substring(0, eq), text.substring(eq + 1));
  }

  /** Reads {@code key=v1,v2,…} (commas inside brackets, braces or quotes do not split). */
  public static List<Setting> parseSweep(String text) {
    Setting whole = parse(text);
    List<Setting> overrides = new ArrayList<>();
    for (String value : splitTopLevel(whole.value())) {
      overrides.add(new Setting(whole.key(), value));
    }
    if (overrides.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' gives no values; write key=v1,v2,…");
    }
    return overrides;
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }

  // Splits at commas that are not nested in [], {} or quotes.
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    StringBuilder current = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(current.toString().trim());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    if (!current.toString().isBlank()) {
      parts.add(current.toString().trim());
    }
    return parts;
  }
}
