package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The size AWS counts for a payload (a state's output, a task's result, a variable): the bytes of
 * its compact JSON text in UTF-8, as Jackson writes it.
 *
 * <p>It walks the value instead of writing it out, and stops as soon as the count passes the
 * budget it is given, so checking every state output against 256 KiB costs a walk of the output,
 * not a copy of it. Caveat: a {@code BigDecimal} is counted by its {@code toString}, which may
 * differ from the text Jackson writes for it in length by an exponent's few characters.
 */
final class PayloadSize {
  private PayloadSize() {}

  /** Whether {@code value}'s JSON text holds more than {@code limit} bytes. */
  static boolean exceeds(JsonNode value, long limit) {
    // most payloads are far below the limit: bounding each string by 6 bytes a character (the
    // longest escape) settles them without reading the characters
    return count(value, limit, true) > limit && count(value, limit, false) > limit;
  }

  /** The bytes of {@code value}'s JSON text in UTF-8. */
  static int bytes(JsonNode value) {
    return (int) Math.min(Integer.MAX_VALUE, count(value, Long.MAX_VALUE, false));
  }

  // Counts the bytes of a value (or, with `bound`, at least as many), giving up (with a count
  // over the budget) once past it.
  private static long count(JsonNode value, long budget, boolean bound) {
    switch (value.getNodeType()) {
      case OBJECT: {
        long total = value.size() <= 1 ? 2 : 1 + value.size();
        Iterator<Map.Entry<String, JsonNode>> members = value.fields();
        while (members.hasNext() && total <= budget) {
          Map.Entry<String, JsonNode> member = members.next();
          total += string(member.getKey(), bound) + 1 + count(member.getValue(), budget - total, bound);
        }
        return total;
      }
      case ARRAY: {
        long total = value.size() <= 1 ? 2 : 1 + value.size();
        for (int i = 0; i < value.size() && total <= budget; i++) {
          total += count(value.get(i), budget - total, bound);
        }
        return total;
      }
      case STRING:
        return string(value.textValue(), bound);
      case BOOLEAN:
        return value.booleanValue() ? 4 : 5;
      case NUMBER:
        return value.canConvertToLong() && value.isIntegralNumber() ? digits(value.longValue()) : value.asText().length();
      default:
        // null, and the binary and POJO nodes the runtime never builds
        return value.isNull() ? 4 : value.toString().length();
    }
  }

  // A JSON string's bytes: the quotes, the escapes Jackson writes, and UTF-8 for the rest.
  private static long string(String text, boolean bound) {
    if (bound) {
      return 2 + 6L * text.length();
    }
    long total = 2;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20) {
        total += c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f' ? 2 : 6;
      } else if (c == '"' || c == '\\') {
        total += 2;
      } else if (c < 0x80) {
        total += 1;
      } else if (c < 0x800) {
        total += 2;
      } else if (Character.isHighSurrogate(c)) {
        total += 4;
        i++;
      } else {
        total += 3;
      }
    }
    return total;
  }

  // The characters of a long in decimal.
  private static int digits(long number) {
    if (number == Long.MIN_VALUE) {
      return 20;
    }
    int count = number < 0 ? 2 : 1;
    for (long rest = Math.abs(number); rest >= 10; rest /= 10) {
      count++;
    }
    return count;
  }
}
