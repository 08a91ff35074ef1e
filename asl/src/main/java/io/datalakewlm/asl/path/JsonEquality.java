package io.datalakewlm.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Equality of JSON values as JSON defines it rather than as Jackson's node classes do: numbers are
 * equal when their values are ({@code 1}, {@code 1.0} and a long {@code 1} are one value), objects
 * are equal regardless of member order, arrays element by element.
 *
 * <p>Filters ({@code [?(@.a == 1)]}) and the intrinsics {@code States.ArrayContains} and
 * {@code States.ArrayUnique} compare with it. {@link #hash} is consistent with {@link #equal}, so
 * values can be deduplicated in a hash set through a small wrapper.
 */
public final class JsonEquality {
  private JsonEquality() {}

  /** Whether two JSON values are equal; {@code null} (Java) equals only {@code null}. */
  public static boolean equal(JsonNode a, JsonNode b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a.isNumber() && b.isNumber()) {
      return compareNumbers(a, b) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        if (!equal(member.getValue(), b.get(member.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** A hash code consistent with {@link #equal}. */
  public static int hash(JsonNode node) {
    if (node == null) {
      return 0;
    }
    if (node.isNumber()) {
      return Double.hashCode(node.doubleValue());
    }
    if (node.isArray()) {
      int hash = 1;
      for (JsonNode element : node) {
        hash = 31 * hash + hash(element);
      }
      return hash;
    }
    if (node.isObject()) {
      int hash = 7;
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        hash += member.getKey().hashCode() ^ hash(member.getValue());
      }
      return hash;
    }
    return node.hashCode();
  }

  /** Compares two numeric nodes by value, exactly when either is a big decimal or integer. */
  public static int compareNumbers(JsonNode a, JsonNode b) {
    if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (a.isBigDecimal() || b.isBigDecimal() || a.isBigInteger() || b.isBigInteger()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return Double.compare(a.doubleValue(), b.doubleValue());
  }
}
