package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The line of every value of a JSON text, by JSON pointer ({@code /States/Run the Glue job}), so
 * that problems found in the parsed tree can name a line. A member's line is its key's line.
 *
 * <p>The text may be a substituted copy of what the author wrote (a definition after its
 * {@code ${Name}} placeholders were replaced): the caller then maps offsets back to lines of the
 * original text.
 */
final class JsonLines {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final Map<String, Integer> lines;

  private JsonLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /** The lines of a JSON text as written; empty when it does not parse. */
  static JsonLines of(String text) {
    int[] starts = lineStarts(text);
    return of(text, offset -> lineAt(starts, offset));
  }

  /** The lines of a JSON text, {@code lineOfOffset} turning a character offset into a line. */
  static JsonLines of(String text, IntUnaryOperator lineOfOffset) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        boolean inArray = parser.getParsingContext().inArray() && token != JsonToken.END_ARRAY
            && token != JsonToken.END_OBJECT;
        if (token == JsonToken.FIELD_NAME || inArray || lines.isEmpty()) {
          int offset = (int) parser.currentTokenLocation().getCharOffset();
          lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), lineOfOffset.applyAsInt(offset));
        }
      }
    } catch (IOException e) {
      // a text that does not parse has been reported by whoever parsed it; keep what was read
    }
    return new JsonLines(lines);
  }

  /** The line of {@code pointer}, or of its nearest ancestor; 0 when unknown. */
  int line(String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 0;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** The line of a JSON path as the config loaders write it: {@code $.a.b[0]} or {@code $['a-b'].c}. */
  int lineOfJsonPath(String jsonPath) {
    return line(pointer(jsonPath));
  }

  /** A JSON path ({@code $.a['b-c'][0]}) as a JSON pointer ({@code /a/b-c/0}). */
  static String pointer(String jsonPath) {
    StringBuilder pointer = new StringBuilder();
    int i = jsonPath.startsWith("$") ? 1 : 0;
    while (i < jsonPath.length()) {
      char c = jsonPath.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < jsonPath.length() && jsonPath.charAt(end) != '.' && jsonPath.charAt(end) != '[') {
          end++;
        }
        pointer.append('/').append(escape(jsonPath.substring(i + 1, end)));
        i = end;
      } else if (c == '[') {
        int close = jsonPath.indexOf(']', i);
        if (close < 0) {
          break;
        }
        String inside = jsonPath.substring(i + 1, close);
        if (inside.startsWith("'") && inside.endsWith("'") && inside.length() >= 2) {
          inside = inside.substring(1, inside.length() - 1);
        }
        pointer.append('/').append(escape(inside));
        i = close + 1;
      } else {
        i++;
      }
    }
    return pointer.toString();
  }

  // RFC 6901 escaping of one pointer segment.
  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  // Offsets at which each line starts.
  private static int[] lineStarts(String text) {
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[line++] = i + 1;
      }
    }
    return starts;
  }

  // The 1-based line of an offset.
  private static int lineAt(int[] starts, int offset) {
    int index = java.util.Arrays.binarySearch(starts, offset);
    return (index >= 0 ? index : -index - 2) + 1;
  }
}
