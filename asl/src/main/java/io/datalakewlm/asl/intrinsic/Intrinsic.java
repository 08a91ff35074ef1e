package io.datalakewlm.asl.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.path.JsonEquality;
import io.datalakewlm.asl.path.JsonSnippet;
import io.datalakewlm.asl.path.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The 18 intrinsic functions of the States Language: each one's name, the arguments it takes and
 * what it computes, as the AWS documentation specifies them.
 *
 * <p>Argument types are declared once ({@link Kind}) and checked twice: at parse time for literal
 * arguments (a definition error) and at run time for values from paths and nested calls
 * ({@code States.IntrinsicFailure}). Documented limits: {@code ArrayRange} makes at most 1,000
 * items; {@code Base64Encode}, {@code Base64Decode} and {@code Hash} take at most 10,000
 * characters; {@code JsonMerge} only merges shallowly. {@code MathAdd} and {@code MathRandom}
 * round non-integer numbers to the nearest integer as AWS does; the other integer arguments must
 * be integers. {@code MathRandom} draws from [start, end).
 */
enum Intrinsic {
  FORMAT("States.Format", 1, Integer.MAX_VALUE, Kind.STRING, Kind.ANY) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      Argument first = call.arguments().get(0);
      List<String> parts =
          first instanceof Argument.Literal literal && literal.templateParts() != null
              ? literal.templateParts()
              : splitPlaceholders(args[0].textValue());
      if (parts.size() - 1 != args.length - 1) {
        throw failure(
            "the format string has "
                + (parts.size() - 1)
                + " placeholder(s) {} but "
                + (args.length - 1)
                + " value argument(s) were given");
      }
      StringBuilder out = new StringBuilder(parts.get(0));
      for (int i = 1; i < parts.size(); i++) {
        appendFormatted(out, args[i]);
        out.append(parts.get(i));
      }
      return TextNode.valueOf(out.toString());
    }
  },
  STRING_TO_JSON("States.StringToJson", 1, 1, Kind.STRING) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      String text = args[0].textValue();
      try {
        JsonNode parsed = STRICT_JSON.readTree(text);
        // AWS answers null for a string that holds no JSON text at all ("" or blanks).
        return parsed == null || parsed.isMissingNode() ? NullNode.instance : parsed;
      } catch (JsonProcessingException e) {
        throw failure("the string is not valid JSON: " + e.getOriginalMessage());
      }
    }
  },
  JSON_TO_STRING("States.JsonToString", 1, 1, Kind.ANY) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      return TextNode.valueOf(args[0].toString());
    }
  },
  ARRAY("States.Array", 0, Integer.MAX_VALUE, Kind.ANY) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      ArrayNode array = NODES.arrayNode(args.length);
      for (JsonNode arg : args) {
        array.add(arg);
      }
      return array;
    }
  },
  ARRAY_PARTITION("States.ArrayPartition", 2, 2, Kind.ARRAY, Kind.INTEGER) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      long size = args[1].longValue();
      if (size <= 0) {
        throw failure("the chunk size must be a positive integer, but it is " + size);
      }
      JsonNode array = args[0];
      ArrayNode chunks = NODES.arrayNode();
      for (long start = 0; start < array.size(); start += size) {
        int end = (int) Math.min(array.size(), start + size);
        ArrayNode chunk = NODES.arrayNode(end - (int) start);
        for (int i = (int) start; i < end; i++) {
          chunk.add(array.get(i));
        }
        chunks.add(chunk);
      }
      return chunks;
    }
  },
  ARRAY_CONTAINS("States.ArrayContains", 2, 2, Kind.ARRAY, Kind.ANY) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      for (JsonNode element : args[0]) {
        if (JsonEquality.equal(element, args[1])) {
          return NODES.booleanNode(true);
        }
      }
      return NODES.booleanNode(false);
    }
  },
  ARRAY_RANGE("States.ArrayRange", 3, 3, Kind.INTEGER, Kind.INTEGER, Kind.INTEGER) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      long start = args[0].longValue();
      long end = args[1].longValue();
      long step = args[2].longValue();
      if (step == 0) {
        throw failure("the step (third argument) must not be 0");
      }
      boolean reachable = step > 0 ? end >= start : end <= start;
      long count;
      try {
        count = reachable ? Math.subtractExact(end, start) / step + 1 : 0;
      } catch (ArithmeticException e) {
        count = Long.MAX_VALUE;
      }
      if (count > MAX_RANGE_ITEMS) {
        throw failure(
            "the range would hold " + count + " items; at most " + MAX_RANGE_ITEMS + " are allowed");
      }
      ArrayNode range = NODES.arrayNode((int) count);
      for (long i = 0, value = start; i < count; i++, value += step) {
        range.add(integer(value));
      }
      return range;
    }
  },
  ARRAY_GET_ITEM("States.ArrayGetItem", 2, 2, Kind.ARRAY, Kind.INTEGER) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      long index = args[1].longValue();
      if (index < 0 || index >= args[0].size()) {
        throw failure(
            "the index "
                + index
                + " is out of bounds for an array of "
                + args[0].size()
                + " item(s)");
      }
      return args[0].get((int) index);
    }
  },
  ARRAY_LENGTH("States.ArrayLength", 1, 1, Kind.ARRAY) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      return integer(args[0].size());
    }
  },
  ARRAY_UNIQUE("States.ArrayUnique", 1, 1, Kind.ARRAY) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      Set<Distinct> seen = new HashSet<>();
      ArrayNode unique = NODES.arrayNode();
      for (JsonNode element : args[0]) {
        if (seen.add(new Distinct(element))) {
          unique.add(element);
        }
      }
      return unique;
    }
  },
  BASE64_ENCODE("States.Base64Encode", 1, 1, Kind.STRING) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      String data = checkLength(args[0].textValue());
      return TextNode.valueOf(
          Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
    }
  },
  BASE64_DECODE("States.Base64Decode", 1, 1, Kind.STRING) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      String data = checkLength(args[0].textValue());
      try {
        return TextNode.valueOf(
            new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw failure("the string is not valid Base64: " + e.getMessage());
      }
    }
  },
  HASH("States.Hash", 2, 2, Kind.STRING, Kind.STRING) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      String data = checkLength(args[0].textValue());
      String algorithm = args[1].textValue();
      if (!HASH_ALGORITHMS.contains(algorithm)) {
        throw failure(
            "unknown hash algorithm '" + algorithm + "'; use one of " + HASH_ALGORITHMS);
      }
      try {
        byte[] digest =
            MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
        return TextNode.valueOf(HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JVM lacks " + algorithm, e);
      }
    }
  },
  JSON_MERGE("States.JsonMerge", 3, 3, Kind.OBJECT, Kind.OBJECT, Kind.BOOLEAN) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      if (args[2].booleanValue()) {
        throw failure(DEEP_MERGE_UNSUPPORTED);
      }
      ObjectNode merged = NODES.objectNode();
      merged.setAll((ObjectNode) args[0]);
      merged.setAll((ObjectNode) args[1]);
      return merged;
    }
  },
  MATH_RANDOM("States.MathRandom", 2, 3, Kind.NUMBER, Kind.NUMBER, Kind.NUMBER) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      long start = rounded(args[0]);
      long end = rounded(args[1]);
      if (end <= start) {
        throw failure("the end (" + end + ") must be greater than the start (" + start + ")");
      }
      RandomGenerator random;
      if (args.length == 3) {
        random = new Random(rounded(args[2]));
      } else if (scope.random() != null) {
        random = scope.random();
      } else {
        throw new IllegalStateException("the scope has no random source for States.MathRandom");
      }
      return integer(random.nextLong(start, end));
    }
  },
  MATH_ADD("States.MathAdd", 2, 2, Kind.NUMBER, Kind.NUMBER) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      try {
        return integer(Math.addExact(rounded(args[0]), rounded(args[1])));
      } catch (ArithmeticException e) {
        throw failure("the sum overflows a 64-bit integer");
      }
    }
  },
  STRING_SPLIT("States.StringSplit", 2, 2, Kind.STRING, Kind.STRING) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      String text = args[0].textValue();
      String delimiters = args[1].textValue();
      ArrayNode parts = NODES.arrayNode();
      int start = 0;
      for (int i = 0; i <= text.length(); i++) {
        if (i == text.length() || delimiters.indexOf(text.charAt(i)) >= 0) {
          if (i > start) {
            parts.add(text.substring(start, i));
          }
          start = i + 1;
        }
      }
      return parts;
    }
  },
  UUID_V4("States.UUID", 0, 0) {
    @Override
    JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope) {
      RandomGenerator random = scope.random();
      if (random == null) {
        throw new IllegalStateException("the scope has no random source for States.UUID");
      }
      long high = (random.nextLong() & ~0xF000L) | 0x4000L;
      long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
      return TextNode.valueOf(new UUID(high, low).toString());
    }
  };

  /** The most items {@code States.ArrayRange} may create. */
  static final int MAX_RANGE_ITEMS = 1000;

  /** The longest string {@code Base64Encode}, {@code Base64Decode} and {@code Hash} accept. */
  static final int MAX_INPUT_CHARS = 10_000;

  /** The algorithms {@code States.Hash} accepts, spelled as AWS (and the JDK) spell them. */
  static final List<String> HASH_ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  static final String DEEP_MERGE_UNSUPPORTED =
      "deep merging is not supported; the third argument must be false";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final JsonMapper STRICT_JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private static final Map<String, Intrinsic> BY_NAME = byName();

  final String functionName;
  final int minArgs;
  final int maxArgs;
  private final Kind[] kinds;

  Intrinsic(String functionName, int minArgs, int maxArgs, Kind... kinds) {
    this.functionName = functionName;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
    this.kinds = kinds;
  }

  /** Computes the function on already type-checked argument values. */
  abstract JsonNode apply(IntrinsicFunction call, JsonNode[] args, Scope scope);

  /** The function named {@code name} ({@code States.Format}), or {@code null}. */
  static Intrinsic named(String name) {
    return BY_NAME.get(name);
  }

  /** The type argument {@code index} must have; the last declared kind repeats. */
  Kind kind(int index) {
    return kinds[Math.min(index, kinds.length - 1)];
  }

  /** The arity as a phrase for messages: "exactly 2", "2 or 3", "at least 1". */
  String arity() {
    if (minArgs == maxArgs) {
      return "exactly " + minArgs;
    }
    if (maxArgs == Integer.MAX_VALUE) {
      return minArgs == 0 ? "any number of" : "at least " + minArgs;
    }
    return minArgs + " to " + maxArgs;
  }

  /** An intrinsic failure whose cause names this function. */
  StatesError failure(String problem) {
    return FailureCauses.runtime(ErrorNames.INTRINSIC_FAILURE, functionName + ": " + problem);
  }

  /** Enforces the documented 10,000-character input limit. */
  String checkLength(String data) {
    if (data.length() > MAX_INPUT_CHARS) {
      throw failure(
          "the input string has "
              + data.length()
              + " characters; at most "
              + MAX_INPUT_CHARS
              + " are allowed");
    }
    return data;
  }

  /** An integer node of the narrowest type, as Jackson would parse the number from JSON. */
  static JsonNode integer(long value) {
    return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
  }

  /** A number rounded to the nearest integer the way Java's {@code Math.round} does. */
  static long rounded(JsonNode number) {
    if (number.isIntegralNumber() && number.canConvertToLong()) {
      return number.longValue();
    }
    return Math.round(number.doubleValue());
  }

  /** Splits a runtime format string at every {@code {}}. */
  static List<String> splitPlaceholders(String template) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    int at;
    while ((at = template.indexOf("{}", start)) >= 0) {
      parts.add(template.substring(start, at));
      start = at + 2;
    }
    parts.add(template.substring(start));
    return parts;
  }

  /**
   * Appends a value the way AWS formats it: strings without quotes, numbers, booleans and null as
   * JSON, arrays and objects the way Java prints lists and maps ({@code [1, 2]},
   * {@code {a=1}}), which is what AWS's Java implementation shows.
   */
  static void appendFormatted(StringBuilder out, JsonNode value) {
    if (value.isTextual()) {
      out.append(value.textValue());
    } else if (value.isArray()) {
      out.append('[');
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        appendFormatted(out, value.get(i));
      }
      out.append(']');
    } else if (value.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        out.append(member.getKey()).append('=');
        appendFormatted(out, member.getValue());
      }
      out.append('}');
    } else {
      out.append(value.asText());
    }
  }

  private static Map<String, Intrinsic> byName() {
    Map<String, Intrinsic> names = new java.util.HashMap<>();
    for (Intrinsic intrinsic : values()) {
      names.put(intrinsic.functionName, intrinsic);
    }
    return Map.copyOf(names);
  }

  /** The type an argument must have. */
  enum Kind {
    ANY("any value"),
    STRING("a string"),
    NUMBER("a number"),
    INTEGER("an integer"),
    ARRAY("an array"),
    OBJECT("an object"),
    BOOLEAN("a boolean");

    final String description;

    Kind(String description) {
      this.description = description;
    }

    boolean accepts(JsonNode value) {
      return switch (this) {
        case ANY -> true;
        case STRING -> value.isTextual();
        case NUMBER -> value.isNumber();
        case INTEGER -> value.isIntegralNumber()
            || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
        case ARRAY -> value.isArray();
        case OBJECT -> value.isObject();
        case BOOLEAN -> value.isBoolean();
      };
    }
  }

  /** A JSON value with {@link JsonEquality}'s equality, for deduplication in a hash set. */
  private record Distinct(JsonNode value) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Distinct distinct && JsonEquality.equal(value, distinct.value);
    }

    @Override
    public int hashCode() {
      return JsonEquality.hash(value);
    }
  }

  /** A short rendering of a value for messages. */
  static String show(JsonNode value) {
    String text = JsonSnippet.of(value);
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
