package io.datalakewlm.simulator.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario files write them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d},
 * {@code 250ms}, units in decreasing order, each at most once; or a plain number of seconds
 * ({@code 3600}, {@code 1.5}).
 */
public final class DurationText {
  private static final Pattern TEXT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");

  private DurationText() {}

  /**
   * Reads {@code text}.
   *
   * @throws IllegalArgumentException with a message that shows the accepted forms
   */
  public static Duration parse(String text) {
    String t = text.trim();
    if (SECONDS.matcher(t).matches()) {
      return ofSeconds(Double.parseDouble(t));
    }
    Matcher m = TEXT.matcher(t);
    if (t.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 90s, 10m, 1h30m, 2d or 250ms");
    }
    try {
      Duration d = Duration.ZERO;
      d = d.plusDays(number(m.group(1)));
      d = d.plusHours(number(m.group(2)));
      d = d.plusMinutes(number(m.group(3)));
      d = d.plusSeconds(number(m.group(4)));
      return d.plusMillis(number(m.group(5)));
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
  }

  /** A number of seconds, to the millisecond. */
  public static Duration ofSeconds(double seconds) {
    if (!(seconds >= 0) || seconds > 1e12) {
      throw new IllegalArgumentException(seconds + " is not a duration in seconds (must be >= 0)");
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  /** The shortest text that {@link #parse} reads back as {@code duration}. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long millis = duration.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis >= sizes[i]) {
        out.append(millis / sizes[i]).append(units[i]);
        millis %= sizes[i];
      }
    }
    return out.toString();
  }

  private static long number(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }
}
