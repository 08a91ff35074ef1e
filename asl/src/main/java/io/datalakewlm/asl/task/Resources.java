package io.datalakewlm.asl.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The registry of local handlers by resource ARN. A key is either an exact ARN or a pattern where
 * {@code *} matches any run of characters (for example {@code arn:aws:states:*:*:activity:wlm-*}).
 * Exact keys win over patterns; patterns are tried in registration order, so register the most
 * specific first.
 */
public final class Resources implements TaskResolver {
  private final Map<String, TaskHandler> exact = new HashMap<>();
  private final List<Map.Entry<Pattern, TaskHandler>> patterns = new ArrayList<>();

  public Resources register(String arnOrPattern, TaskHandler handler) {
    if (arnOrPattern.indexOf('*') < 0) {
      exact.put(arnOrPattern, handler);
    } else {
      patterns.add(Map.entry(glob(arnOrPattern), handler));
    }
    return this;
  }

  @Override
  public TaskHandler resolve(String resource, String stateName) {
    TaskHandler handler = exact.get(resource);
    if (handler != null) {
      return handler;
    }
    for (Map.Entry<Pattern, TaskHandler> entry : patterns) {
      if (entry.getKey().matcher(resource).matches()) {
        return entry.getValue();
      }
    }
    return null;
  }

  // Turns a '*' glob into an anchored regular expression with everything else literal.
  private static Pattern glob(String text) {
    List<String> parts = new ArrayList<>();
    for (String part : text.split("\\*", -1)) {
      parts.add(Pattern.quote(part));
    }
    return Pattern.compile(String.join(".*", parts));
  }
}
