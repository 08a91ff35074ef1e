package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * Turns the location of a payload template issue, written as a JSONPath in bracket notation
 * relative to the template ({@code $['a']['b.$'][0]}), into a JSON Pointer inside the definition
 * ({@code /States/X/Parameters/a/b.$/0}), so a template problem is reported where it is.
 */
final class TemplateLocations {
  private TemplateLocations() {}

  /** The pointer below {@code template} named by {@code location}, or {@code template} itself. */
  static JsonPointer resolve(JsonPointer template, String location) {
    if (location == null || !location.startsWith("$")) {
      return template;
    }
    JsonPointer at = template;
    int i = 1;
    while (i < location.length()) {
      char c = location.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < location.length() && location.charAt(end) != '.' && location.charAt(end) != '[') {
          end++;
        }
        at = at.appendProperty(location.substring(i + 1, end));
        i = end;
      } else if (c == '[' && i + 1 < location.length() && (location.charAt(i + 1) == '\'' || location.charAt(i + 1) == '"')) {
        char quote = location.charAt(i + 1);
        StringBuilder key = new StringBuilder();
        int j = i + 2;
        while (j < location.length() && location.charAt(j) != quote) {
          if (location.charAt(j) == '\\' && j + 1 < location.length()) {
            j++;
          }
          key.append(location.charAt(j++));
        }
        if (j + 1 >= location.length() || location.charAt(j + 1) != ']') {
          return template;
        }
        at = at.appendProperty(key.toString());
        i = j + 2;
      } else if (c == '[') {
        int close = location.indexOf(']', i);
        if (close < 0) {
          return template;
        }
        try {
          at = at.appendIndex(Integer.parseInt(location.substring(i + 1, close).trim()));
        } catch (NumberFormatException e) {
          return template;
        }
        i = close + 1;
      } else {
        return template;
      }
    }
    return at;
  }
}
