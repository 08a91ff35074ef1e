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
      return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
    }
    throw new IllegalArgumentException("only two numbers or two strings are ordered: " + a + ", " + b);
  }
}
