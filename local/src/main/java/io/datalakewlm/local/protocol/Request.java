package io.datalakewlm.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The members of one request, read with the constraints of the service model. A member of the
 * wrong JSON type is a {@code SerializationException} at once (the request cannot be read); a
 * member that breaks a constraint (missing, too long, out of range, not in its enum) is noted,
 * and {@link #validate()} answers every one of them in one {@code ValidationException}, as AWS
 * does: {@code 2 validation errors detected: Value null at 'name' failed to satisfy constraint:
 * Member must not be null; …}.
 *
 * <p>Lengths are counted in characters, except for payloads ({@link #payload}), whose limits AWS
 * counts in bytes of UTF-8. Values of sensitive members (definitions, inputs, outputs, causes) and
 * long values are not quoted back.
 */
public final class Request {
  private static final int QUOTE_LIMIT = 256;

  private final String operation;
  private final ObjectNode body;
  private final List<String> violations = new ArrayList<>();

  public Request(String operation, ObjectNode body) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.body = Objects.requireNonNull(body, "body");
  }

  /** The action's name, e.g. {@code StartExecution}. */
  public String operation() {
    return operation;
  }

  /** A required string member of {@code min}..{@code max} characters. */
  public String requiredString(String member, int min, int max) {
    String value = optionalString(member, min, max);
    if (value == null && !isPresent(member)) {
      violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  /** An optional string member of {@code min}..{@code max} characters; {@code null} when absent. */
  public String optionalString(String member, int min, int max) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(member, node, "a string");
    }
    String value = node.asText();
    checkLength(member, value, value.length(), min, max, true);
    return value;
  }

  /**
   * A sensitive string member (a definition, a JSON payload, a cause) whose maximum is in bytes of
   * UTF-8; its value is never quoted in messages.
   */
  public String payload(String member, boolean required, int min, int maxBytes) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      if (required) {
        violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
      }
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(member, node, "a string");
    }
    String value = node.asText();
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    checkLength(member, value, bytes, min, maxBytes, false);
    return value;
  }

  /** An optional integer member in {@code min}..{@code max}; {@code fallback} when absent. */
  public int optionalInt(String member, int min, int max, int fallback) {
    JsonNode node = number(member, n -> n.isIntegralNumber() && n.canConvertToInt(), "an integer");
    if (node == null) {
      return fallback;
    }
    int value = node.intValue();
    checkRange(member, value, value < min, min, value > max, max);
    return value;
  }

  /** An optional integer member of the model's Long type in {@code min}..{@code max}; {@code null} when absent. */
  public Long optionalLong(String member, long min, long max) {
    JsonNode node = number(member, n -> n.isIntegralNumber() && n.canConvertToLong(), "an integer");
    if (node == null) {
      return null;
    }
    long value = node.longValue();
    checkRange(member, value, value < min, min, value > max, max);
    return value;
  }

  /** An optional number member of the model's Float type in {@code min}..{@code max}; {@code null} when absent. */
  public Double optionalFloat(String member, double min, double max) {
    JsonNode node = number(member, JsonNode::isNumber, "a number");
    if (node == null) {
      return null;
    }
    double value = node.doubleValue();
    checkRange(member, value, value < min, min, value > max, max);
    return value;
  }

  /** An optional list member; {@code null} when absent. */
  public ArrayNode optionalList(String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw wrongType(member, node, "a list");
    }
    return (ArrayNode) node;
  }

  /** A required list member; an absent one is noted as a violation and answered as empty. */
  public ArrayNode requiredList(String member) {
    ArrayNode list = optionalList(member);
    if (list == null) {
      violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
      return body.arrayNode();
    }
    return list;
  }

  /**
   * A string inside a list member, at AWS's path of it ({@code tags.1.member.key}, counted from
   * 1): must be text of {@code min}..{@code max} characters. Answers the value, or {@code null}
   * when it is missing or not text (a wrong type is a {@code SerializationException}).
   */
  public String nestedString(String path, JsonNode node, int min, int max) {
    if (node == null || node.isNull()) {
      violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(path, node, "a string");
    }
    String value = node.asText();
    checkLength(path, value, value.length(), min, max, true);
    return value;
  }

  /** Notes a constraint violation that a caller found, in the wording of the others. */
  public void violation(String text) {
    violations.add(text);
  }

  /** An optional boolean member; {@code fallback} when absent. */
  public boolean optionalBoolean(String member, boolean fallback) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw wrongType(member, node, "a boolean");
    }
    return node.booleanValue();
  }

  /** An optional string member that must be one of {@code values}; {@code fallback} when absent. */
  public String optionalEnum(String member, Set<String> values, String fallback) {
    String value = optionalString(member, 0, Integer.MAX_VALUE);
    if (value == null) {
      return fallback;
    }
    if (!values.contains(value)) {
      violations.add("Value '" + quote(value) + "' at '" + member
          + "' failed to satisfy constraint: Member must satisfy enum value set: " + values);
    }
    return value;
  }

  /** An optional structure member; {@code null} when absent. */
  public ObjectNode optionalObject(String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw wrongType(member, node, "a structure (JSON object)");
    }
    return (ObjectNode) node;
  }

  /** Whether the member is present and not JSON null. */
  public boolean isPresent(String member) {
    JsonNode node = body.get(member);
    return node != null && !node.isNull();
  }

  /** Answers every constraint violation noted so far in one {@code ValidationException}. */
  public void validate() {
    if (violations.isEmpty()) {
      return;
    }
    int count = violations.size();
    throw ErrorCode.VALIDATION.exception(count + " validation error" + (count == 1 ? "" : "s") + " detected: "
        + String.join("; ", violations));
  }

  // A number member's node, or null when absent; one that is not of the kind cannot be read.
  private JsonNode number(String member, Predicate<JsonNode> kind, String expected) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!kind.test(node)) {
      throw wrongType(member, node, expected);
    }
    return node;
  }

  // Notes a range violation of a number member.
  private void checkRange(String member, Object value, boolean below, Object min, boolean above, Object max) {
    if (below) {
      violations.add("Value '" + value + "' at '" + member
          + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
    } else if (above) {
      violations.add("Value '" + value + "' at '" + member
          + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
    }
  }

  // Notes a length violation, quoting the value when it is short and not sensitive.
  private void checkLength(String member, String value, int length, int min, int max, boolean quotable) {
    String shown = quotable && value.length() <= QUOTE_LIMIT ? "Value '" + value + "' at '" : "Value at '";
    if (length < min) {
      violations.add(shown + member + "' failed to satisfy constraint: Member must have length greater than or equal to "
          + min);
    } else if (length > max) {
      violations.add(shown + member + "' failed to satisfy constraint: Member must have length less than or equal to "
          + max);
    }
  }

  // A value as messages quote it: cut after the quoting limit.
  private static String quote(String value) {
    return value.length() <= QUOTE_LIMIT ? value : value.substring(0, QUOTE_LIMIT) + "...";
  }

  // A member of the wrong JSON type: the request cannot be deserialized.
  private ApiException wrongType(String member, JsonNode node, String expected) {
    return ErrorCode.SERIALIZATION.exception("Cannot read member '" + member + "' of " + operation + ": expected "
        + expected + ", found " + describe(node));
  }

  // A JSON value's type, in the words of the messages.
  private static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "a structure";
  }
}
