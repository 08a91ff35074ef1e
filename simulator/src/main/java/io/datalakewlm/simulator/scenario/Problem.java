package io.datalakewlm.simulator.scenario;

import java.util.Objects;

/**
 * One thing wrong with a scenario: where (a JSON path into the document such as
 * {@code $.sources[2].datasets[0].priority}, and the line when known), what, and how to fix it.
 *
 * @param line the line in the file (1-based), or 0 when not known (for overrides)
 * @param fix what to write instead, or {@code null} when the message says it all
 */
public record Problem(String path, int line, String message, String fix) implements Comparable<Problem> {
  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public int compareTo(Problem other) {
    int byLine = Integer.compare(line, other.line);
    return byLine != 0 ? byLine : path.compareTo(other.path);
  }

  /** {@code file:line: path: message. Fix: …}. */
  public String format(String file) {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(": ").append(path).append(": ").append(message);
    if (fix != null) {
      out.append(". Fix: ").append(fix);
    }
    return out.toString();
  }
}
