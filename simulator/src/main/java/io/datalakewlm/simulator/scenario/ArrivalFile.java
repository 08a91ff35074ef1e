package io.datalakewlm.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of arrival times, named by an arrival entry ({@code file: arrivals/finance.csv}, relative
 * to the scenario file): one arrival per line, as {@code time[,dataset[,objects]]}.
 * <ul>
 *   <li>{@code time}: an offset from the scenario's start ({@code 90s}, {@code 6h15m}, or a number
 *       of seconds) or an ISO-8601 instant ({@code 2025-01-06T06:15:00Z});</li>
 *   <li>{@code dataset}: one dataset of the entry's target; when absent, every dataset of the
 *       target receives the object(s);</li>
 *   <li>{@code objects}: how many objects arrive then (default 1).</li>
 * </ul>
 * Blank lines and lines starting with {@code #} are skipped, as is a first line starting with
 * {@code time} (a CSV header). Lines need not be in time order.
 */
public final class ArrivalFile {
  /** One line of the file. */
  public record Line(Duration at, String dataset, int objects, int lineNumber) {}

  /** The lines read, and a message per line that could not be read. */
  record Result(List<Line> lines, List<String> errors) {}

  private ArrivalFile() {}

  /** Reads {@code text}; {@code start} turns instants into offsets. */
  static Result parse(String text, String fileName, Instant start) {
    List<Line> lines = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String[] rows = text.split("\r?\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i].trim();
      int number = i + 1;
      if (row.isEmpty() || row.startsWith("#") || (lines.isEmpty() && errors.isEmpty() && row.startsWith("time"))) {
        continue;
      }
      String[] fields = row.split(",", -1);
      if (fields.length > 3) {
        errors.add(fileName + ":" + number + ": expected time[,dataset[,objects]], got " + fields.length + " fields");
        continue;
      }
      Duration at;
      try {
        at = time(fields[0].trim(), start);
      } catch (IllegalArgumentException e) {
        errors.add(fileName + ":" + number + ": " + e.getMessage());
        continue;
      }
      String dataset = fields.length > 1 && !fields[1].isBlank() ? fields[1].trim() : null;
      int objects = 1;
      if (fields.length > 2 && !fields[2].isBlank()) {
        try {
          objects = Integer.parseInt(fields[2].trim());
        } catch (NumberFormatException e) {
          objects = 0;
        }
        if (objects < 1) {
          errors.add(fileName + ":" + number + ": objects must be a positive integer, got '" + fields[2].trim() + "'");
          continue;
        }
      }
      lines.add(new Line(at, dataset, objects, number));
    }
    return new Result(lines, errors);
  }

  // An offset, or an instant measured from the start.
  private static Duration time(String field, Instant start) {
    if (field.length() > 10 && Character.isDigit(field.charAt(0)) && field.contains("T")) {
      try {
        Duration offset = Duration.between(start, Instant.parse(field));
        if (offset.isNegative()) {
          throw new IllegalArgumentException(field + " is before the scenario's start " + start);
        }
        return offset;
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant such as 2025-01-06T06:15:00Z");
      }
    }
    return DurationText.parse(field);
  }
}
