package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.datalakewlm.local.protocol.ErrorCode;
import io.datalakewlm.local.protocol.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tags of a state machine or an activity, with AWS's limits: at most {@value #MAX_TAGS} per
 * resource ({@code TooManyTags}, Step Functions' quota), keys of 1 to {@value #MAX_KEY}
 * characters, values of 0 to {@value #MAX_VALUE}, made only of Unicode letters, digits, white
 * space and {@code _ . : / = + - @} ({@code ValidationException}; the pattern is the one AWS
 * documents for Step Functions tags). A key is unique: tagging an existing key replaces its
 * value, and the last of repeated keys in one request wins.
 */
final class Tags {
  static final int MAX_TAGS = 50;
  static final int MAX_KEY = 128;
  static final int MAX_VALUE = 256;
  private static final String PATTERN = "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$";
  private static final Pattern ALLOWED = Pattern.compile(PATTERN);

  private Tags() {}

  /** The {@code tags} list of a request, key → value in order; violations are noted on the request. */
  static Map<String, String> read(Request request, boolean required) {
    ArrayNode list = required ? request.requiredList("tags") : request.optionalList("tags");
    Map<String, String> tags = new LinkedHashMap<>();
    if (list == null) {
      return tags;
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "tags." + (i + 1) + ".member.";
      JsonNode tag = list.get(i);
      String key = check(request, path + "key", request.nestedString(path + "key", tag.get("key"), 1, MAX_KEY));
      JsonNode valueNode = tag.get("value");
      String value = valueNode == null || valueNode.isNull() ? ""
          : check(request, path + "value", request.nestedString(path + "value", valueNode, 0, MAX_VALUE));
      if (key != null && value != null) {
        tags.put(key, value);
      }
    }
    return tags;
  }

  /** The {@code tagKeys} list of an UntagResource request; violations are noted on the request. */
  static List<String> readKeys(Request request) {
    ArrayNode list = request.requiredList("tagKeys");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "tagKeys." + (i + 1) + ".member";
      String key = check(request, path, request.nestedString(path, list.get(i), 1, MAX_KEY));
      if (key != null) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** Adds {@code added} to a resource's {@code tags}, or {@code TooManyTags} if more than the quota would result. */
  static void add(Map<String, String> tags, Map<String, String> added, String resourceArn) {
    long total = tags.size() + added.keySet().stream().filter(key -> !tags.containsKey(key)).count();
    if (total > MAX_TAGS) {
      throw ErrorCode.TOO_MANY_TAGS.exception("Too many tags: a resource has at most " + MAX_TAGS + " tags, '"
          + resourceArn + "' would have " + total, resourceArn);
    }
    tags.putAll(added);
  }

  /** The tags as the API lists them: {@code [{"key", "value"}…]}. */
  static void write(ArrayNode array, Map<String, String> tags) {
    tags.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
  }

  // Notes a value outside the documented characters; answers the value.
  private static String check(Request request, String path, String value) {
    if (value != null && !ALLOWED.matcher(value).matches()) {
      request.violation("Value '" + value + "' at '" + path
          + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + PATTERN);
    }
    return value;
  }
}
