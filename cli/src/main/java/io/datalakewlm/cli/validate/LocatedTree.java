package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed document with the line where each of its values starts, keyed by a path written
 * {@code a.b[2].c} (object members joined by dots, array elements by their index in brackets).
 * A member's line is the line of its key, so a message points at the text a person searches for.
 *
 * @param problems what the reader noticed that parsing alone lets through (a repeated key)
 */
public record LocatedTree(JsonNode root, Map<String, Integer> lines, List<Problem> problems) {

  public LocatedTree {
    Objects.requireNonNull(root);
    lines = Map.copyOf(lines);
    problems = List.copyOf(problems);
  }

  /** The line of {@code path}, or of its nearest ancestor that has one; 0 when none has. */
  public int line(String path) {
    String p = path;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 0;
      }
      p = parent(p);
    }
  }

  /** The path of a member of the object at {@code path}. */
  public static String member(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The path of an element of the array at {@code path}. */
  public static String element(String path, int index) {
    return path + "[" + index + "]";
  }

  // The path one level up: a.b[2] -> a.b, a.b -> a, a -> "".
  private static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
