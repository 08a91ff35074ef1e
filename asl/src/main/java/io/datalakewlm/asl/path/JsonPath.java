package io.datalakewlm.asl.path;

import com.fasterxml.jackson.databind.JsonNode;

/** STUB: being written on branch asl-data. */
public final class JsonPath {
  /** Which value a path starts from. */
  public enum Root {
    INPUT,
    CONTEXT,
    VARIABLE
  }

  private final String text;

  private JsonPath(String text) {
    this.text = text;
  }

  public static JsonPath parse(String text) throws PathSyntaxException {
    return new JsonPath(text);
  }

  public String text() {
    return text;
  }

  public Root root() {
    throw new UnsupportedOperationException("asl-data");
  }

  public String variableName() {
    throw new UnsupportedOperationException("asl-data");
  }

  public boolean isReference() {
    throw new UnsupportedOperationException("asl-data");
  }

  public JsonNode evaluate(Scope scope) throws PathNotFoundException {
    throw new UnsupportedOperationException("asl-data");
  }

  public JsonNode evaluate(JsonNode root) throws PathNotFoundException {
    throw new UnsupportedOperationException("asl-data");
  }

  public JsonNode put(JsonNode root, JsonNode value) throws PathNotFoundException {
    throw new UnsupportedOperationException("asl-data");
  }

  @Override
  public String toString() {
    return text;
  }
}
