package io.datalakewlm.workers.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * DynamoDB's order of two values of one scalar type: numbers numerically, strings by their UTF-8
 * bytes, unsigned. The in-memory store orders keys and evaluates conditions with it, and so does
 * the DynamoDB API twin's expression evaluator, so the two cannot disagree on what {@code <} means.
 */
public final class ScalarOrder {
  private ScalarOrder() {
  }

  /**
   * Compares two numbers or two strings.
   *
   * @throws IllegalArgumentException when the two are not both numbers or both strings
   */
  public static int compare(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    if (a instanceof String x && b instanceof String y) {
      return compareStrings(x, y);
    }
    throw new IllegalArgumentException("only two numbers or two strings are ordered: " + a + ", " + b);
  }

  // Strings by their UTF-8 bytes without encoding them (every key lookup of the in-memory store
  // compares several): UTF-8 orders code points as their numbers, so up to the first differing
  // character the bytes agree, and two differing characters outside the surrogate range order as
  // their chars do; a surrogate there (a character beyond U+FFFF, whose UTF-16 order is not its
  // code point order) is settled by the bytes themselves.
  private static int compareStrings(String x, String y) {
    int common = Math.min(x.length(), y.length());
    for (int i = 0; i < common; i++) {
      char c = x.charAt(i);
      char d = y.charAt(i);
      if (c != d) {
        if (Character.isSurrogate(c) || Character.isSurrogate(d)) {
          return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
        }
        return Character.compare(c, d);
      }
    }
    return Integer.compare(x.length(), y.length());
  }
}
