package io.datalakewlm.workers.store.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tokens of one expression, read left to right with one token of look-ahead. */
final class Tokens {
  /** What a token is. */
  enum Kind { WORD, NAME, VALUE, NUMBER, SYMBOL, END }

  record Token(Kind kind, String text) { }

  // A state machine sends the same few expression texts with every request (only the values
  // change), so their tokens are read once; the cap bounds what arbitrary texts can hold.
  private static final int MAX_LEXED = 1024;
  private static final Map<String, Map<String, List<Token>>> LEXED = new ConcurrentHashMap<>();

  private final String expressionKind;
  private final List<Token> tokens;
  private int position;

  private Tokens(String expressionKind, List<Token> tokens) {
    this.expressionKind = expressionKind;
    this.tokens = tokens;
  }

  /**
   * @param expressionKind what DynamoDB calls the expression in its messages ({@code ConditionExpression} …)
   */
  static Tokens of(String expressionKind, String text) {
    Map<String, List<Token>> lexed = LEXED.computeIfAbsent(expressionKind, kind -> new ConcurrentHashMap<>());
    List<Token> known = lexed.get(text);
    if (known == null) {
      known = lex(expressionKind, text);
      if (lexed.size() >= MAX_LEXED) {
        lexed.clear();
      }
      lexed.put(text, known);
    }
    return new Tokens(expressionKind, known);
  }

  private static List<Token> lex(String expressionKind, String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#' || c == ':') {
        int end = wordEnd(text, i + 1);
        if (end == i + 1) {
          throw new ExpressionException("Invalid " + expressionKind + ": Syntax error; token: \"" + c + "\", near: \""
              + near(text, i) + "\"");
        }
        tokens.add(new Token(c == '#' ? Kind.NAME : Kind.VALUE, text.substring(i, end)));
        i = end;
      } else if (Character.isDigit(c)) {
        int end = i;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Kind.NUMBER, text.substring(i, end)));
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = wordEnd(text, i);
        tokens.add(new Token(Kind.WORD, text.substring(i, end)));
        i = end;
      } else if ((c == '<' || c == '>') && i + 1 < text.length() && (text.charAt(i + 1) == '=' || (c == '<' && text.charAt(i + 1) == '>'))) {
        tokens.add(new Token(Kind.SYMBOL, text.substring(i, i + 2)));
        i += 2;
      } else if ("()[],.=<>+-".indexOf(c) >= 0) {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
        i++;
      } else {
        throw new ExpressionException("Invalid " + expressionKind + ": Syntax error; token: \"" + c + "\", near: \""
            + near(text, i) + "\"");
      }
    }
    if (tokens.isEmpty()) {
      throw new ExpressionException("Invalid " + expressionKind + ": The expression can not be empty;");
    }
    tokens.add(new Token(Kind.END, "<EOF>"));
    return List.copyOf(tokens);
  }

  String expressionKind() {
    return expressionKind;
  }

  Token peek() {
    return tokens.get(position);
  }

  Token next() {
    Token token = tokens.get(position);
    if (token.kind() != Kind.END) {
      position++;
    }
    return token;
  }

  /** Whether the next token is this symbol, or this keyword (any case); consumes it if so. */
  boolean accept(String text) {
    Token token = peek();
    boolean match = token.kind() == Kind.SYMBOL ? token.text().equals(text)
        : token.kind() == Kind.WORD && token.text().equalsIgnoreCase(text);
    if (match) {
      position++;
    }
    return match;
  }

  boolean atKeyword(String keyword) {
    return peek().kind() == Kind.WORD && peek().text().equalsIgnoreCase(keyword);
  }

  void expect(String text) {
    if (!accept(text)) {
      throw syntaxError();
    }
  }

  /** Steps back over the token just read. */
  void unread(Token token) {
    if (position > 0 && tokens.get(position - 1) == token) {
      position--;
    }
  }

  boolean atEnd() {
    return peek().kind() == Kind.END;
  }

  /** DynamoDB's syntax error at the next token: the token and the text around it. */
  ExpressionException syntaxError() {
    Token token = peek();
    StringBuilder near = new StringBuilder();
    for (int i = Math.max(0, position - 1); i <= Math.min(tokens.size() - 2, position + 1); i++) {
      near.append(tokens.get(i).text());
    }
    return new ExpressionException("Invalid " + expressionKind + ": Syntax error; token: \"" + token.text()
        + "\", near: \"" + near + "\"");
  }

  ExpressionException invalid(String what) {
    return new ExpressionException("Invalid " + expressionKind + ": " + what);
  }

  private static int wordEnd(String text, int from) {
    int end = from;
    while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
      end++;
    }
    return end;
  }

  private static String near(String text, int at) {
    return text.substring(Math.max(0, at - 5), Math.min(text.length(), at + 5));
  }
}
