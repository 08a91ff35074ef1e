package io.datalakewlm.asl.parse;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The timestamp form the States Language accepts (Wait {@code Timestamp}, Choice
 * {@code Timestamp…} operands): RFC 3339 with an uppercase {@code T} between date and time and an
 * uppercase {@code Z} or a numeric offset, for example {@code 2016-03-14T01:59:00Z}.
 */
final class Timestamps {
  private static final Pattern FORMAT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  static final String EXAMPLE = "2016-03-14T01:59:00Z";

  private Timestamps() {}

  /** Whether {@code text} is such a timestamp, with a real date and time. */
  static boolean isValid(String text) {
    if (!FORMAT.matcher(text).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
