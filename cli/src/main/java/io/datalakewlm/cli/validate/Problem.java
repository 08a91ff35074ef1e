package io.datalakewlm.cli.validate;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing {@code wlm validate} found wrong: where (file, line, and the path inside the file),
 * what, and how to fix it. It prints as {@code file:line: path: message (fix)}.
 *
 * <p>The path is written in the file's own terms: a dotted path into the template
 * ({@code Resources.Dispatcher.Properties.Policies[0].Statement[1].Action}), a JSON pointer into a
 * state machine definition ({@code /States/Run each batch}), a JSON path into a config file
 * ({@code $.max_items_process.stage_b}), a key of {@code samconfig.toml}.
 *
 * @param line 1-based, or 0 when the problem concerns the whole file
 * @param fix what to do about it, or empty when the message says it already
 */
public record Problem(String file, int line, String path, String message, String fix) {

  /** File, then line, then path, then message: the order a reader goes through the files. */
  public static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
      .thenComparingInt(Problem::line).thenComparing(Problem::path).thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(file);
    Objects.requireNonNull(path);
    Objects.requireNonNull(message);
    fix = fix == null ? "" : fix;
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
  }

  /** {@code file:line: path: message (fix)}, without the parts that are unknown. */
  public String format() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(':').append(line);
    }
    text.append(": ");
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    text.append(message);
    if (!fix.isEmpty()) {
      text.append(" (").append(fix).append(')');
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
