package io.datalakewlm.asl.path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.SplittableRandom;

/** JSON literals and scopes for the tests of the path, intrinsic and payload packages. */
public final class JsonFixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFixtures() {}

  /** Parses JSON text, failing the test on malformed text. */
  public static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON in test: " + text, e);
    }
  }

  /** A scope whose input is {@code input}, with an empty context, no variables, seed 42. */
  public static Scope scope(JsonNode input) {
    return new Scope(input, json("{}"), Map.of(), new SplittableRandom(42));
  }

  /** A scope with an input, a context object and variables, seed 42. */
  public static Scope scope(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    return new Scope(input, context, variables, new SplittableRandom(42));
  }

  /** Parses a path that the test knows to be valid. */
  public static JsonPath path(String text) {
    try {
      return JsonPath.parse(text);
    } catch (PathSyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
