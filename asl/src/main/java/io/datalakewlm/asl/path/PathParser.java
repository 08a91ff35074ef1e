package io.datalakewlm.asl.path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A recursive-descent parser for the JSONPath dialect Step Functions accepts (Jayway's syntax),
 * with the workflow-variable root {@code $name} added. One instance parses one text; every error
 * names the position and what was expected there.
 */
final class PathParser {
  /** Parses the JSON array literals of {@code in}/{@code nin}, where Jayway allows 'quotes'. */
  private static final JsonMapper LITERALS =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  /** Characters that end a dot-notation name ({@code $.name}). */
  private static final String NAME_STOPS = ".[]()'\",=!<>&|*?@ \t\r\n";

  /** What a parse yields: the root and the segments after it. */
  record Parsed(JsonPath.Root root, String variableName, Segment[] segments) {}

  private final String text;
  private int pos;

  private PathParser(String text) {
    this.text = text;
  }

  static Parsed parse(String text) throws PathSyntaxException {
    return new PathParser(text).path();
  }

  /** root segments* end */
  private Parsed path() throws PathSyntaxException {
    if (text.isEmpty() || text.charAt(0) != '$') {
      throw error("a path must start with '$'");
    }
    pos = 1;
    JsonPath.Root root = JsonPath.Root.INPUT;
    String variable = null;
    if (peek() == '$') {
      pos++;
      root = JsonPath.Root.CONTEXT;
    } else if (pos < text.length() && isIdentifierStart(text.charAt(pos))) {
      int start = pos;
      while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
        pos++;
      }
      variable = text.substring(start, pos);
      root = JsonPath.Root.VARIABLE;
    }
    Segment[] segments = segments();
    if (pos < text.length()) {
      throw error("unexpected '" + text.charAt(pos) + "'");
    }
    return new Parsed(root, variable, segments);
  }

  /** Reads segments until a character that cannot continue a path. */
  private Segment[] segments() throws PathSyntaxException {
    List<Segment> segments = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '.') {
        if (peekAt(pos + 1) == '.') {
          pos += 2;
          segments.add(new Segment.Descendant(afterDot("'..'")));
        } else {
          pos++;
          segments.add(afterDot("'.'"));
        }
      } else if (c == '[') {
        segments.add(bracket());
      } else {
        break;
      }
    }
    int last = segments.size() - 1;
    if (last >= 0 && segments.get(last) instanceof Segment.Names names) {
      segments.set(last, new Segment.Names(List.of(names.names), true));
    }
    return segments.toArray(Segment[]::new);
  }

  /** What may follow a dot: a name, {@code *} or a bracket ({@code $.a.['b c']}). */
  private Segment afterDot(String dot) throws PathSyntaxException {
    char c = peek();
    if (c == '[') {
      return bracket();
    }
    if (c == '*') {
      pos++;
      return Segment.Wildcard.INSTANCE;
    }
    int start = pos;
    while (pos < text.length() && NAME_STOPS.indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    if (pos == start) {
      throw error("a name, '*' or '[' must follow " + dot);
    }
    return new Segment.Name(text.substring(start, pos));
  }

  /** {@code [ 'name' (, 'name')* ]}, {@code [n (, n)*]}, {@code [a:b:c]}, {@code [*]}, {@code [?(…)]}. */
  private Segment bracket() throws PathSyntaxException {
    pos++;
    skipSpaces();
    char c = peek();
    if (c == '?') {
      pos++;
      skipSpaces();
      expect('(');
      int start = pos;
      FilterExpression expression = or();
      skipSpaces();
      int end = pos;
      expect(')');
      skipSpaces();
      expect(']');
      return new Segment.Filter(expression, text.substring(start, end).trim());
    }
    if (c == '*') {
      pos++;
      skipSpaces();
      expect(']');
      return Segment.Wildcard.INSTANCE;
    }
    if (c == '\'' || c == '"') {
      List<String> names = new ArrayList<>();
      names.add(quoted());
      skipSpaces();
      while (peek() == ',') {
        pos++;
        skipSpaces();
        if (peek() != '\'' && peek() != '"') {
          throw error("a quoted name must follow ',' in a union of names");
        }
        names.add(quoted());
        skipSpaces();
      }
      expect(']');
      return names.size() == 1 ? new Segment.Name(names.get(0)) : new Segment.Names(names, false);
    }
    if (c == '-' || c == ':' || isDigit(c)) {
      return indexOrSlice();
    }
    throw error("expected a quoted name, an index, '*', a slice or a filter '?(' after '['");
  }

  /** The inside of {@code [n]}, {@code [n,m]} or {@code [a:b:c]} up to and including ']'. */
  private Segment indexOrSlice() throws PathSyntaxException {
    Integer first = peek() == ':' ? null : integer();
    skipSpaces();
    if (peek() == ':') {
      pos++;
      skipSpaces();
      Integer end = startsInteger() ? integer() : null;
      skipSpaces();
      int step = 1;
      if (peek() == ':') {
        pos++;
        skipSpaces();
        if (startsInteger()) {
          int at = pos;
          step = integer();
          if (step == 0) {
            pos = at;
            throw error("a slice step cannot be 0");
          }
        }
        skipSpaces();
      }
      expect(']');
      return new Segment.Slice(first, end, step);
    }
    List<Integer> indices = new ArrayList<>();
    indices.add(first);
    while (peek() == ',') {
      pos++;
      skipSpaces();
      indices.add(integer());
      skipSpaces();
    }
    expect(']');
    return indices.size() == 1 ? new Segment.Index(first) : new Segment.Indices(indices);
  }

  // ---- filter expressions -------------------------------------------------------------------

  /** and ( '||' and )* */
  private FilterExpression or() throws PathSyntaxException {
    List<FilterExpression> terms = new ArrayList<>();
    terms.add(and());
    skipSpaces();
    while (text.startsWith("||", pos)) {
      pos += 2;
      terms.add(and());
      skipSpaces();
    }
    return terms.size() == 1 ? terms.get(0) : new FilterExpression.Or(List.copyOf(terms));
  }

  /** unary ( '&&' unary )* */
  private FilterExpression and() throws PathSyntaxException {
    List<FilterExpression> terms = new ArrayList<>();
    terms.add(unary());
    skipSpaces();
    while (text.startsWith("&&", pos)) {
      pos += 2;
      terms.add(unary());
      skipSpaces();
    }
    return terms.size() == 1 ? terms.get(0) : new FilterExpression.And(List.copyOf(terms));
  }

  /** '!' unary | '(' or ')' | relation */
  private FilterExpression unary() throws PathSyntaxException {
    skipSpaces();
    if (peek() == '!' && peekAt(pos + 1) != '=') {
      pos++;
      return new FilterExpression.Not(unary());
    }
    if (peek() == '(') {
      pos++;
      FilterExpression inner = or();
      skipSpaces();
      expect(')');
      return inner;
    }
    return relation();
  }

  /** operand [ operator operand ]; a bare path is an existence test. */
  private FilterExpression relation() throws PathSyntaxException {
    int start = pos;
    FilterExpression.Operand left = operand();
    skipSpaces();
    int operatorAt = pos;
    String operator = operator();
    if (operator == null) {
      if (left instanceof FilterExpression.PathOperand path) {
        return new FilterExpression.Exists(path);
      }
      pos = start;
      throw error("a literal alone is not a condition; compare it with '==', '<'…");
    }
    skipSpaces();
    if (operator.equals("=~")) {
      return new FilterExpression.Match(left, regex());
    }
    FilterExpression.Operator relational = null;
    for (FilterExpression.Operator candidate : FilterExpression.Operator.values()) {
      if (candidate.symbol.equals(operator)) {
        relational = candidate;
      }
    }
    if (relational == null) {
      pos = operatorAt;
      throw error("unsupported filter operator '" + operator + "'");
    }
    return new FilterExpression.Comparison(left, relational, operand());
  }

  /** The operator at the cursor (consumed), or {@code null} if the relation ends here. */
  private String operator() throws PathSyntaxException {
    for (String symbol : new String[] {"==", "!=", "<=", ">=", "=~", "<", ">"}) {
      if (text.startsWith(symbol, pos)) {
        if (symbol.equals("==") && peekAt(pos + 2) == '=') {
          throw error("'===' is not supported; use '=='");
        }
        pos += symbol.length();
        return symbol;
      }
    }
    if (peek() == '=') {
      throw error("use '==' to compare");
    }
    if (isIdentifierStart(peek())) {
      int start = pos;
      while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
        pos++;
      }
      return text.substring(start, pos);
    }
    return null;
  }

  /** '@' path | '$' path | string | number | true | false | null | JSON array */
  private FilterExpression.Operand operand() throws PathSyntaxException {
    skipSpaces();
    char c = peek();
    if (c == '@' || c == '$') {
      pos++;
      if (c == '$' && (peek() == '$' || isIdentifierStart(peek()))) {
        throw error("a filter can refer only to '@' (the current element) and '$' (the document)");
      }
      Segment[] segments = segments();
      boolean definite = true;
      for (Segment segment : segments) {
        definite &= segment.definite();
      }
      return new FilterExpression.PathOperand(c == '$', segments, definite);
    }
    if (c == '\'' || c == '"') {
      return new FilterExpression.Literal(TextNode.valueOf(quoted()));
    }
    if (c == '-' || isDigit(c)) {
      int start = pos;
      while (pos < text.length() && "+-.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      JsonNode number = literal(text.substring(start, pos), start);
      if (!number.isNumber()) {
        pos = start;
        throw error("malformed number");
      }
      return new FilterExpression.Literal(number);
    }
    if (c == '[') {
      int start = pos;
      skipBalanced();
      return new FilterExpression.Literal(literal(text.substring(start, pos), start));
    }
    for (String keyword : new String[] {"true", "false", "null"}) {
      if (text.startsWith(keyword, pos) && !isIdentifierPart(peekAt(pos + keyword.length()))) {
        int start = pos;
        pos += keyword.length();
        return new FilterExpression.Literal(literal(keyword, start));
      }
    }
    throw error("expected '@', '$', a string, a number, true, false, null or an array");
  }

  /** Parses a literal with Jackson (single quotes allowed), reporting errors at {@code start}. */
  private JsonNode literal(String literal, int start) throws PathSyntaxException {
    try {
      return LITERALS.readTree(literal);
    } catch (JsonProcessingException e) {
      pos = start;
      throw error("malformed literal " + literal);
    }
  }

  /** Moves past a bracketed JSON literal, skipping quoted strings. */
  private void skipBalanced() throws PathSyntaxException {
    int start = pos;
    int depth = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\'' || c == '"') {
        quoted();
        continue;
      }
      pos++;
      if (c == '[' || c == '{') {
        depth++;
      } else if ((c == ']' || c == '}') && --depth == 0) {
        return;
      }
    }
    pos = start;
    throw error("unterminated array literal");
  }

  /** {@code /regex/flags}, compiled now so evaluation never compiles a pattern. */
  private Pattern regex() throws PathSyntaxException {
    int start = pos;
    expect('/');
    StringBuilder source = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        pos = start;
        throw error("unterminated regular expression");
      }
      char c = text.charAt(pos++);
      if (c == '/') {
        break;
      }
      if (c == '\\' && peek() == '/') {
        source.append('/');
        pos++;
      } else {
        source.append(c);
        if (c == '\\' && pos < text.length()) {
          source.append(text.charAt(pos++));
        }
      }
    }
    int flags = 0;
    while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      char flag = text.charAt(pos);
      flags |=
          switch (flag) {
            case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            case 'm' -> Pattern.MULTILINE;
            case 's' -> Pattern.DOTALL;
            case 'x' -> Pattern.COMMENTS;
            default -> throw error("unknown regular expression flag '" + flag + "'");
          };
      pos++;
    }
    try {
      return Pattern.compile(source.toString(), flags);
    } catch (PatternSyntaxException e) {
      pos = start;
      throw error("invalid regular expression: " + e.getDescription());
    }
  }

  // ---- lexical helpers ----------------------------------------------------------------------

  /** A quoted name or string; the quote is ' or ", a backslash escapes the next character. */
  private String quoted() throws PathSyntaxException {
    int start = pos;
    char quote = text.charAt(pos++);
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        pos = start;
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        pos = start;
        throw error("unterminated string");
      }
      char escaped = text.charAt(pos++);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> out.append(unicodeEscape());
        default -> out.append(escaped);
      }
    }
  }

  /** The four hex digits of a {@code \\uXXXX} escape. */
  private char unicodeEscape() throws PathSyntaxException {
    if (pos + 4 > text.length()) {
      throw error("a \\u escape needs four hex digits");
    }
    try {
      char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
      pos += 4;
      return c;
    } catch (NumberFormatException e) {
      throw error("a \\u escape needs four hex digits");
    }
  }

  /** An optionally negative decimal integer that fits in an int. */
  private int integer() throws PathSyntaxException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    try {
      return Integer.parseInt(text.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("expected an integer index");
    }
  }

  private boolean startsInteger() {
    return isDigit(peek()) || (peek() == '-' && isDigit(peekAt(pos + 1)));
  }

  private void expect(char c) throws PathSyntaxException {
    if (peek() != c) {
      throw error(pos >= text.length() ? "expected '" + c + "' but the path ended" : "expected '" + c + "'");
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

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentifierStart(char c) {
    return c == '_' || Character.isLetter(c);
  }

  static boolean isIdentifierPart(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private PathSyntaxException error(String why) {
    return new PathSyntaxException(
        "Invalid JSONPath '" + text + "': " + why + " (at position " + pos + ")", pos);
  }
}
