package io.datalakewlm.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a text is one JSON value and turns the parser's complaint into our words, with the
 * line and column: "expected a name in double quotes, found ','" rather than the parser's own
 * message with its character codes, source excerpts and feature names.
 */
public final class JsonSyntax {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Pattern UNEXPECTED =
      Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)[^:]*\\): (.*)", Pattern.DOTALL);
  private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*?)'.*", Pattern.DOTALL);
  private static final Pattern CLOSE = Pattern.compile("Unexpected close marker '(.)': expected '(.)'.*", Pattern.DOTALL);
  private static final String FIX = "correct the JSON: names and strings in double quotes, a comma between members, "
      + "no trailing comma, no comments";

  private JsonSyntax() {}

  /** Throws when {@code text} is not exactly one JSON value; {@code file} names it in the message. */
  public static void check(String text, String file) throws InputFileException {
    try {
      JSON.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InputFileException(file, at == null ? 0 : Math.max(1, at.getLineNr()),
          at == null ? 0 : Math.max(0, at.getColumnNr()), "not valid JSON: " + problem(e.getOriginalMessage()), FIX);
    }
  }

  /** The parser's message in our words. */
  static String problem(String message) {
    String m = message == null ? "" : message;
    Matcher unexpected = UNEXPECTED.matcher(m);
    if (unexpected.matches()) {
      String found = describe(unexpected.group(1));
      String expecting = unexpected.group(2);
      if (expecting.contains("double-quote to start field name")) {
        return "expected a member name in double quotes, found " + found;
      }
      if (expecting.contains("comma to separate Object entries")) {
        return "expected ',' or '}' after a member, found " + found;
      }
      if (expecting.contains("comma to separate Array entries")) {
        return "expected ',' or ']' after a value, found " + found;
      }
      if (expecting.contains("colon")) {
        return "expected ':' after the member name, found " + found;
      }
      if (expecting.contains("comment")) {
        return "comments are not allowed in JSON";
      }
      return "expected a value (a string in double quotes, a number, an object, an array, true, false or null), "
          + "found " + found;
    }
    Matcher token = TOKEN.matcher(m);
    if (token.matches()) {
      return "'" + token.group(1) + "' is not a JSON value (strings need double quotes)";
    }
    Matcher close = CLOSE.matcher(m);
    if (close.matches()) {
      return "'" + close.group(1) + "' where '" + close.group(2) + "' should close the "
          + (close.group(2).equals("]") ? "array" : "object");
    }
    if (m.startsWith("Unexpected end-of-input")) {
      if (m.contains("Object")) {
        return "the text ends inside an object: a '}' is missing";
      }
      if (m.contains("Array")) {
        return "the text ends inside an array: a ']' is missing";
      }
      return "the text ends inside a string: a closing '\"' is missing";
    }
    if (m.startsWith("Illegal unquoted character")) {
      return "a control character (a line break or tab) inside a string; write it as \\n or \\t";
    }
    if (m.startsWith("Trailing token")) {
      return "more text after the JSON value; a file holds one value";
    }
    if (m.contains("Leading zeroes") || m.startsWith("Invalid numeric value") || m.contains("Non-standard token")) {
      return "a number JSON does not allow (no leading zeros, NaN or Infinity)";
    }
    return "the text is not JSON here";
  }

  // A character as a user reads it: ',' or "end of line".
  private static String describe(String character) {
    return switch (character) {
      case "\n", "\r" -> "a line break";
      case "\t" -> "a tab";
      case "'" -> "a single quote (JSON quotes with \")";
      default -> "'" + character + "'";
    };
  }
}
