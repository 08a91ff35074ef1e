package io.datalakewlm.simulator.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * How the human renderers (table, sweep, HTML) write figures: durations a person reads at a glance
 * ({@code 45s}, {@code 12m 30s}, {@code 5h 02m}, {@code 1d 03h 20m}), counts with thousands
 * separators, dollars, UTC clock times. The JSON renderer writes raw numbers instead.
 */
public final class Display {
  /** What an absent figure looks like. */
  public static final String NONE = "–";

  private Display() {}

  /** A duration in seconds, to the precision that matters at its size. */
  public static String duration(Double seconds) {
    if (seconds == null || seconds.isNaN()) {
      return NONE;
    }
    long s = Math.round(seconds);
    if (seconds < 10 && seconds != Math.floor(seconds)) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s % 60 == 0 ? s / 60 + "m" : String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    long m = Math.round(seconds / 60);
    if (m < 24 * 60) {
      return m % 60 == 0 ? m / 60 + "h" : String.format(Locale.ROOT, "%dh %02dm", m / 60, m % 60);
    }
    // to the minute past a day too: 24 h 15 m and 24 h 03 m must not both read "1d"
    return String.format(Locale.ROOT, "%dd %02dh %02dm", m / (24 * 60), m / 60 % 24, m % 60);
  }

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Dollars with cents, or with four decimals under ten cents (a run costs little). */
  public static String usd(double dollars) {
    return Math.abs(dollars) < 0.1 && dollars != 0
        ? String.format(Locale.ROOT, "$%.4f", dollars)
        : String.format(Locale.ROOT, "$%,.2f", dollars);
  }

  public static String decimal(double value, int places) {
    return String.format(Locale.ROOT, "%,." + places + "f", value);
  }

  /** The UTC time of day of {@code millis}, with the day's offset from {@code dayZero} when it is not that day. */
  static String clock(long millis, LocalDate dayZero) {
    ZonedDateTime at = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
    long days = at.toLocalDate().toEpochDay() - dayZero.toEpochDay();
    String time = String.format(Locale.ROOT, "%02d:%02d", at.getHour(), at.getMinute());
    return days == 0 ? time : String.format(Locale.ROOT, "%+dd %s", days, time);
  }

  /** The UTC day of {@code millis}. */
  static LocalDate day(long millis) {
    return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
  }
}
