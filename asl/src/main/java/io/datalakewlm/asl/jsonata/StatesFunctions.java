package io.datalakewlm.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The functions Step Functions adds to JSONata, bound into every evaluation: {@code $partition},
 * {@code $range}, {@code $hash}, {@code $random} (with an optional seed), {@code $uuid} and
 * {@code $parse}; and {@code $eval}, which AWS withholds, made to fail.
 *
 * <p>{@code $random()} and {@code $uuid()} draw from the execution's random source, so a run
 * repeats for a seed; {@code $random(seed)} repeats for its seed whatever the execution. JSONata's
 * own clock functions, {@code $now()} and {@code $millis()}, read the runtime's clock, which is
 * virtual in simulations, rather than the machine's.
 *
 * <p>As on AWS, numeric arguments are truncated towards zero; arguments that describe nothing
 * (a chunk size of zero, an empty array, a range whose step goes the wrong way, a hash without an
 * algorithm) give undefined, which fails the field the expression was written in; and a
 * single-element {@code $range} is the bare number.
 */
public final class StatesFunctions {
  /** The hash algorithms {@code $hash} accepts, spelled as AWS spells them. */
  static final List<String> HASH_ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  /** The most elements a {@code $range} may produce (AWS refuses more as out of memory). */
  static final long MAX_RANGE = 360_145;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RandomGenerator random;
  private final LongSupplier clock;
  private final Map<String, JFunction> functions;

  /**
   * @param random the execution's random source
   * @param clock the runtime's time in epoch milliseconds
   */
  public StatesFunctions(RandomGenerator random, LongSupplier clock) {
    this.random = random;
    this.clock = clock;
    this.functions =
        Map.of(
            "now", function(this::now),
            "millis", function(arguments -> clock.getAsLong()),
            "partition", function(this::partition),
            "range", function(this::range),
            "hash", function(this::hash),
            "random", function(this::random),
            "uuid", function(this::uuid),
            "parse", function(this::parse),
            "eval", function(arguments -> {
              throw new JsonataFunctionError("T1006", "the function $eval is not available in Step Functions; use $parse");
            }));
  }

  /** The names of the functions Step Functions adds or replaces, without their {@code $}. */
  static final List<String> NAMES = List.of("now", "millis", "partition", "range", "hash", "random", "uuid", "parse", "eval");

  /**
   * Binds the functions {@code names} into an evaluation frame: an expression that names none of
   * them needs none bound (a function is only reached through its {@code $name}).
   */
  void bindTo(Jsonata.Frame frame, List<String> names) {
    for (String name : names) {
      frame.bind(name, functions.get(name));
    }
  }

  // $now(picture?, timezone?): the runtime's time as ISO 8601 text, or in the given picture.
  private Object now(List<Object> arguments) {
    Object picture = argument(arguments, 0, "now");
    Object timezone = argument(arguments, 1, "now");
    if (picture == null && timezone == null) {
      return Instant.ofEpochMilli(clock.getAsLong()).toString();
    }
    return Functions.dateTimeFromMillis(clock.getAsLong(), (String) picture, (String) timezone);
  }

  // $partition(array, size): consecutive chunks of `size` elements, the last one shorter.
  private Object partition(List<Object> arguments) {
    List<Object> items = asList(argument(arguments, 0, "partition"));
    Object size = argument(arguments, 1, "partition");
    if (items == null || size == null) {
      return null;
    }
    long chunk = truncated(size, "partition", 2);
    if (chunk <= 0 || items.isEmpty()) {
      return null;
    }
    List<Object> chunks = new ArrayList<>();
    for (int start = 0; start < items.size(); start += (int) chunk) {
      chunks.add(new ArrayList<>(items.subList(start, (int) Math.min(items.size(), start + chunk))));
    }
    return chunks;
  }

  // $range(start, end, step): start, start + step, … up to end inclusive.
  private Object range(List<Object> arguments) {
    if (arguments.size() > 3) {
      throw signature("range", 4);
    }
    for (int i = 0; i < arguments.size(); i++) {
      if (arguments.get(i) != null && !(arguments.get(i) instanceof Number)) {
        throw signature("range", i + 1);
      }
    }
    if (arguments.size() < 3 || arguments.contains(null)) {
      return null;
    }
    long start = truncated(arguments.get(0), "range", 1);
    long end = truncated(arguments.get(1), "range", 2);
    long step = truncated(arguments.get(2), "range", 3);
    if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end)) {
      return null;
    }
    long count = Math.abs(end - start) / Math.abs(step) + 1;
    if (count > MAX_RANGE) {
      throw new JsonataFunctionError("D1001", "Expression evaluation memory limit exceeded ($range of " + count + " elements)");
    }
    if (count == 1) {
      return start;
    }
    List<Object> values = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      values.add(start + i * step);
    }
    return values;
  }

  // $hash(text, algorithm): the lower-case hex digest.
  private Object hash(List<Object> arguments) {
    Object text = argument(arguments, 0, "hash");
    Object algorithm = argument(arguments, 1, "hash");
    if (text == null || algorithm == null) {
      return null;
    }
    if (!(text instanceof String) || !(algorithm instanceof String)) {
      throw signature("hash", text instanceof String ? 2 : 1);
    }
    if (!HASH_ALGORITHMS.contains(algorithm)) {
      throw new JsonataFunctionError("D3137",
          "the hash algorithm '" + algorithm + "' is not supported; use one of " + String.join(", ", HASH_ALGORITHMS));
    }
    try {
      MessageDigest digest = MessageDigest.getInstance((String) algorithm);
      return HexFormat.of().formatHex(digest.digest(((String) text).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks " + algorithm, e);
    }
  }

  // $random() from the execution's stream; $random(seed) the same number for the same seed.
  private Object random(List<Object> arguments) {
    if (arguments.isEmpty() || arguments.get(0) == null) {
      return random.nextDouble();
    }
    if (arguments.size() > 1) {
      throw signature("random", 2);
    }
    long seed = truncated(arguments.get(0), "random", 1);
    return new SplittableRandom(seed).nextDouble();
  }

  // $uuid(): a version 4 UUID.
  private Object uuid(List<Object> arguments) {
    if (!arguments.isEmpty()) {
      throw signature("uuid", 1);
    }
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  // $parse(text): the JSON value the text holds.
  private Object parse(List<Object> arguments) {
    Object text = argument(arguments, 0, "parse");
    if (text == null) {
      return null;
    }
    if (!(text instanceof String) || arguments.size() > 1) {
      throw signature("parse", arguments.size() > 1 ? 2 : 1);
    }
    try {
      return JsonataValues.toJava(JSON.readTree((String) text));
    } catch (JsonProcessingException e) {
      throw new JsonataFunctionError("D3140", "$parse could not parse its argument as JSON: " + e.getOriginalMessage());
    }
  }

  // Wraps a function body as a library function without a signature (the bodies check their own).
  private static JFunction function(Body body) {
    return new JFunction((input, arguments) -> body.apply(arguments == null ? List.of() : copy(arguments)), null);
  }

  // The library passes a raw list; the bodies read a typed copy.
  private static List<Object> copy(List<?> arguments) {
    return new ArrayList<>(arguments);
  }

  // Argument `index`, or null (undefined) when the call has fewer.
  private static Object argument(List<Object> arguments, int index, String function) {
    return index < arguments.size() ? arguments.get(index) : null;
  }

  // A list argument; a single value stands for a one-element list, as in JSONata.
  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof List<?> list ? (List<Object>) list : List.of(value);
  }

  // A numeric argument truncated towards zero.
  private static long truncated(Object value, String function, int position) {
    if (!(value instanceof Number number) || Double.isNaN(number.doubleValue()) || Double.isInfinite(number.doubleValue())) {
      throw signature(function, position);
    }
    return (long) number.doubleValue();
  }

  // JSONata's own error for an argument of the wrong type or one argument too many.
  private static JsonataFunctionError signature(String function, int position) {
    return new JsonataFunctionError(
        "T0410", "Argument " + position + " of function \"" + function + "\" does not match function signature");
  }

  @FunctionalInterface
  private interface Body {
    Object apply(List<Object> arguments);
  }

  /** A failure inside one of these functions, with a JSONata-style error code. */
  static final class JsonataFunctionError extends RuntimeException {
    private final String code;

    JsonataFunctionError(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    String code() {
      return code;
    }
  }
}
