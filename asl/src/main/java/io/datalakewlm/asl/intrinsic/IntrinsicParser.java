package io.datalakewlm.asl.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for intrinsic function calls. One instance parses one text and
 * counts the calls in it against {@link IntrinsicFunction#MAX_FUNCTIONS_PER_FIELD}.
 */
final class IntrinsicParser {
  private static final JsonMapper NUMBERS = new JsonMapper();

  private final String text;
  private int pos;
  private int calls;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  static IntrinsicFunction parse(String text) throws IntrinsicSyntaxException {
    IntrinsicParser parser = new IntrinsicParser(text);
    parser.skipSpaces();
    IntrinsicFunction call = parser.call();
    parser.skipSpaces();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected text after the call's closing ')'");
    }
    return call;
  }

  /** 'States.' name '(' [ argument ( ',' argument )* ] ')' */
  private IntrinsicFunction call() throws IntrinsicSyntaxException {
    int start = pos;
    if (!text.startsWith("States.", pos)) {
      throw error("expected an intrinsic function such as States.Format(…)");
    }
    pos += "States.".length();
    while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
      pos++;
    }
    String name = text.substring(start, pos);
    Intrinsic function = Intrinsic.named(name);
    if (function == null) {
      pos = start;
      throw error("unknown intrinsic function '" + name + "'");
    }
    if (++calls > IntrinsicFunction.MAX_FUNCTIONS_PER_FIELD) {
      pos = start;
      throw error(
          "more than "
              + IntrinsicFunction.MAX_FUNCTIONS_PER_FIELD
              + " intrinsic functions in one field");
    }
    skipSpaces();
    expect('(');
    List<Argument> arguments = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    skipSpaces();
    if (peek() != ')') {
      while (true) {
        skipSpaces();
        starts.add(pos);
        arguments.add(argument());
        skipSpaces();
        if (peek() != ',') {
          break;
        }
        pos++;
      }
    }
    expect(')');
    IntrinsicFunction parsed = new IntrinsicFunction(text.substring(start, pos), function, arguments);
    check(function, arguments, starts, start);
    return parsed;
  }

  /** Checks the argument count and every literal argument against the function's signature. */
  private void check(Intrinsic function, List<Argument> arguments, List<Integer> starts, int start)
      throws IntrinsicSyntaxException {
    int end = pos;
    int count = arguments.size();
    if (count < function.minArgs || count > function.maxArgs) {
      pos = start;
      throw error(
          function.functionName
              + " takes "
              + function.arity()
              + " argument(s), but "
              + count
              + (count == 1 ? " was" : " were")
              + " given");
    }
    for (int i = 0; i < count; i++) {
      if (!(arguments.get(i) instanceof Argument.Literal literal)) {
        continue;
      }
      pos = starts.get(i);
      JsonNode value = literal.value();
      if (function == Intrinsic.JSON_TO_STRING) {
        throw error("States.JsonToString takes a path, not a literal");
      }
      Intrinsic.Kind kind = function.kind(i);
      if (!kind.accepts(value)) {
        throw error(
            "argument "
                + (i + 1)
                + " of "
                + function.functionName
                + " must be "
                + kind.description
                + ", but it is "
                + literal.source());
      }
      if (function == Intrinsic.FORMAT && i == 0 && literal.templateParts().size() != count) {
        throw error(
            "the format string has "
                + (literal.templateParts().size() - 1)
                + " placeholder(s) {} but "
                + (count - 1)
                + " value argument(s) follow it");
      }
      if (function == Intrinsic.JSON_MERGE && i == 2 && value.booleanValue()) {
        throw error("States.JsonMerge: " + Intrinsic.DEEP_MERGE_UNSUPPORTED);
      }
      if (function == Intrinsic.HASH && i == 1 && !Intrinsic.HASH_ALGORITHMS.contains(value.textValue())) {
        throw error(
            "unknown hash algorithm "
                + literal.source()
                + "; use one of "
                + Intrinsic.HASH_ALGORITHMS);
      }
    }
    pos = end;
  }

  /** A string, number, true/false/null, path or nested call. */
  private Argument argument() throws IntrinsicSyntaxException {
    char c = peek();
    if (c == '\'') {
      return string();
    }
    if (c == '$') {
      return path();
    }
    if (text.startsWith("States.", pos)) {
      return new Argument.Call(call());
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    for (String keyword : new String[] {"true", "false", "null"}) {
      if (text.startsWith(keyword, pos) && !Character.isLetterOrDigit(peekAt(pos + keyword.length()))) {
        pos += keyword.length();
        JsonNode value =
            keyword.equals("null") ? NullNode.getInstance() : BooleanNode.valueOf(keyword.equals("true"));
        return new Argument.Literal(keyword, value, null);
      }
    }
    throw error(
        "expected an argument: a 'string', a number, true, false, null, a path or States.…(…)");
  }

  /**
   * A single-quoted string. {@code \'}, {@code \{}, {@code \}} and {@code \\} are the only
   * escapes; an unescaped {@code {}} is a {@code States.Format} placeholder.
   */
  private Argument string() throws IntrinsicSyntaxException {
    int start = pos++;
    StringBuilder value = new StringBuilder();
    List<String> parts = new ArrayList<>();
    int partStart = 0;
    while (true) {
      if (pos >= text.length()) {
        pos = start;
        throw error("unterminated string literal");
      }
      char c = text.charAt(pos++);
      if (c == '\'') {
        break;
      }
      if (c == '\\') {
        char escaped = peek();
        if ("'{}\\".indexOf(escaped) < 0 || pos >= text.length()) {
          pos--;
          throw error("a backslash must escape ', {, } or \\ in a string literal");
        }
        value.append(escaped);
        pos++;
      } else if (c == '{' && peek() == '}') {
        parts.add(value.substring(partStart));
        value.append("{}");
        partStart = value.length();
        pos++;
      } else {
        value.append(c);
      }
    }
    parts.add(value.substring(partStart));
    return new Argument.Literal(text.substring(start, pos), TextNode.valueOf(value.toString()), parts);
  }

  /** A JSON number. */
  private Argument number() throws IntrinsicSyntaxException {
    int start = pos;
    while (pos < text.length() && "+-.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    String literal = text.substring(start, pos);
    try {
      JsonNode value = NUMBERS.readTree(literal);
      if (value != null && value.isNumber()) {
        return new Argument.Literal(literal, value, null);
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    pos = start;
    throw error("malformed number '" + literal + "'");
  }

  /** A path, which runs to the next ',' or ')' outside brackets and quotes. */
  private Argument path() throws IntrinsicSyntaxException {
    int start = pos;
    int depth = 0;
    char quote = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (quote != 0) {
        if (c == '\\') {
          pos++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        break;
      }
      pos++;
    }
    String source = text.substring(start, Math.min(pos, text.length())).strip();
    try {
      return new Argument.Path(source, JsonPath.parse(source));
    } catch (PathSyntaxException e) {
      pos = start + Math.max(0, e.position());
      throw error("invalid path argument: " + e.getMessage());
    }
  }

  private void expect(char c) throws IntrinsicSyntaxException {
    if (peek() != c) {
      throw error(pos >= text.length() ? "expected '" + c + "' but the text ended" : "expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    return peekAt(pos);
  }

  private char peekAt(int at) {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private IntrinsicSyntaxException error(String why) {
    return new IntrinsicSyntaxException(
        "Invalid intrinsic function call '" + text + "': " + why + " (at position " + pos + ")", pos);
  }
}
