package io.datalakewlm.asl.path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON value as error causes quote it: compact JSON text, cut so that a cause stays within the
 * 32,768 characters AWS allows for the {@code Cause} of a failure.
 */
public final class JsonSnippet {
  /** Room left for the words around the quoted value. */
  static final int MAX_CHARS = 32_000;

  private JsonSnippet() {}

  /** The compact JSON text of {@code value}, cut with "…" past {@link #MAX_CHARS} characters. */
  public static String of(JsonNode value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "…";
  }
}
