package io.datalakewlm.asl.jsonata;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a JSONata expression reads from outside itself, found by scanning its tokens: the workflow
 * variables ({@code $name}), the fields of the reserved {@code $states} variable, references to
 * {@code $$}, and names read at the top level (a path such as {@code phone} that starts from the
 * context item, which a Step Functions expression does not have: it reads its input as
 * {@code $states.input.phone}).
 *
 * <p>The scan knows JSONata's lexical structure (strings, backquoted names, comments, regular
 * expressions) and enough of its grammar to tell a path step ({@code a.b}), a predicate or a
 * grouping ({@code items[x > 1]}, {@code items{k: v}}, which read relative to the step before
 * them) and a local binding ({@code $x := …}, {@code function($v) {…}}) from a read of the
 * outside world. It is what the validator needs; evaluation is the library's.
 *
 * @param variables workflow variables read, in order of first appearance (locals excluded)
 * @param statesFields the fields of {@code $states} read ({@code input}, {@code result}, …);
 *     {@code "*"} when {@code $states} is read as a whole
 * @param topLevelNames names read from the (absent) context item
 * @param readsContextRoot whether the expression uses {@code $$}
 */
public record JsonataReferences(
    Set<String> variables, Set<String> statesFields, List<String> topLevelNames, boolean readsContextRoot) {

  /** JSONata's own functions and the ones Step Functions adds: calls, not variable reads. */
  static final Set<String> FUNCTIONS =
      Set.of(
          "sum", "count", "max", "min", "average", "string", "substring", "substringBefore", "substringAfter",
          "lowercase", "uppercase", "length", "trim", "pad", "contains", "split", "join", "match", "replace",
          "eval", "base64encode", "base64decode", "encodeUrlComponent", "encodeUrl", "decodeUrlComponent",
          "decodeUrl", "formatNumber", "formatBase", "formatInteger", "parseInteger", "number", "abs", "floor",
          "ceil", "round", "power", "sqrt", "random", "boolean", "not", "exists", "map", "zip", "filter",
          "single", "reduce", "sift", "each", "error", "assert", "type", "sort", "reverse", "shuffle",
          "distinct", "keys", "lookup", "append", "spread", "merge", "now", "millis", "fromMillis", "toMillis",
          "clone", "partition", "range", "hash", "uuid", "parse");

  private static final Set<String> KEYWORDS = Set.of("and", "or", "in", "true", "false", "null", "function");

  /** Scans the text of one expression (without its {@code {% %}} delimiters). */
  public static JsonataReferences of(String expression) {
    List<Token> tokens = tokens(expression);
    Set<String> locals = locals(tokens);
    Set<String> variables = new LinkedHashSet<>();
    Set<String> statesFields = new LinkedHashSet<>();
    List<String> topLevel = new ArrayList<>();
    boolean contextRoot = false;
    Deque<Frame> frames = new ArrayDeque<>();
    frames.push(new Frame(false, false));
    boolean lambdaBodyNext = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      Token previous = i > 0 ? tokens.get(i - 1) : null;
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      Frame frame = frames.peek();
      switch (token.kind()) {
        case CONTEXT_ROOT -> contextRoot = true;
        case VARIABLE -> {
          String name = token.text();
          boolean call = next != null && next.is("(");
          if (name.equals("states")) {
            statesFields.add(next != null && next.is(".") && i + 2 < tokens.size() ? tokens.get(i + 2).text() : "*");
          } else if (!frame.parameters() && !locals.contains(name) && !(call || FUNCTIONS.contains(name))) {
            variables.add(name);
          }
        }
        case NAME -> {
          boolean step = previous != null && (previous.is(".") || previous.is("@") || previous.is("#"));
          if (!step && !frame.relative() && !KEYWORDS.contains(token.text())) {
            topLevel.add(token.text());
          }
        }
        case PUNCTUATION -> {
          String text = token.text();
          boolean afterOperand = previous != null && previous.isOperand();
          boolean afterDot = previous != null && (previous.is(".") || previous.is("^"));
          switch (text) {
            case "[" -> frames.push(new Frame(frame.relative() || afterOperand || afterDot, false));
            case "{" -> {
              boolean relative = !lambdaBodyNext && (afterOperand || afterDot);
              frames.push(new Frame(frame.relative() || relative, false));
              lambdaBodyNext = false;
            }
            case "(" -> {
              boolean parameters = previous != null && previous.kind() == Kind.NAME
                  && (previous.text().equals("function") || previous.text().equals("λ"));
              frames.push(new Frame(frame.relative() || afterDot, parameters));
            }
            case ")", "]", "}" -> {
              if (frames.size() > 1) {
                Frame closed = frames.pop();
                lambdaBodyNext = text.equals(")") && closed.parameters();
              }
            }
            default -> {}
          }
        }
        default -> {}
      }
    }
    return new JsonataReferences(Set.copyOf(variables), Set.copyOf(statesFields), List.copyOf(topLevel), contextRoot);
  }

  /** Whether the expression reads {@code $states.<field>} (or all of {@code $states}). */
  public boolean readsStates(String field) {
    return statesFields.contains(field) || statesFields.contains("*");
  }

  // Variables the expression binds itself: $x := …, lambda parameters, @$x and #$i.
  private static Set<String> locals(List<Token> tokens) {
    Set<String> locals = new HashSet<>();
    boolean inParameters = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      Token previous = i > 0 ? tokens.get(i - 1) : null;
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      if (token.is("(") && previous != null && previous.kind() == Kind.NAME
          && (previous.text().equals("function") || previous.text().equals("λ"))) {
        inParameters = true;
      } else if (token.is(")")) {
        inParameters = false;
      } else if (token.kind() == Kind.VARIABLE
          && (inParameters || (next != null && next.is(":="))
              || (previous != null && (previous.is("@") || previous.is("#"))))) {
        locals.add(token.text());
      }
    }
    return locals;
  }

  private enum Kind {
    NAME,
    VARIABLE,
    CONTEXT_ROOT,
    LITERAL,
    PUNCTUATION
  }

  private record Token(Kind kind, String text) {
    boolean is(String punctuation) {
      return kind == Kind.PUNCTUATION && text.equals(punctuation);
    }

    // Whether this token ends an operand, so that a following [ or { reads relative to it.
    boolean isOperand() {
      return switch (kind) {
        case NAME -> !Set.of("and", "or", "in", "function").contains(text);
        case VARIABLE, CONTEXT_ROOT, LITERAL -> true;
        case PUNCTUATION -> text.equals(")") || text.equals("]") || text.equals("}") || text.equals("*")
            || text.equals("%") || text.equals("$");
      };
    }
  }

  // One level of brackets: whether names in it read relative to a step, and whether it lists
  // a lambda's parameters.
  private record Frame(boolean relative, boolean parameters) {}

  // Splits an expression into the tokens the scan needs; unknown characters become punctuation.
  private static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '"' || c == '\'') {
        i = skipQuoted(text, i, c);
        tokens.add(new Token(Kind.LITERAL, "string"));
      } else if (c == '`') {
        int end = text.indexOf('`', i + 1);
        end = end < 0 ? n : end;
        tokens.add(new Token(Kind.NAME, text.substring(i + 1, end)));
        i = end + 1;
      } else if (c == '/' && (tokens.isEmpty() || !tokens.get(tokens.size() - 1).isOperand())) {
        i = skipQuoted(text, i, '/');
        while (i < n && Character.isLetter(text.charAt(i))) {
          i++;
        }
        tokens.add(new Token(Kind.LITERAL, "regex"));
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'
            && i + 1 < n && Character.isDigit(text.charAt(i + 1))
            || (text.charAt(i) == '-' || text.charAt(i) == '+') && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E'))) {
          i++;
        }
        tokens.add(new Token(Kind.LITERAL, text.substring(start, i)));
      } else if (c == '$') {
        if (i + 1 < n && text.charAt(i + 1) == '$') {
          tokens.add(new Token(Kind.CONTEXT_ROOT, "$$"));
          i += 2;
        } else {
          int start = ++i;
          while (i < n && isNamePart(text.charAt(i))) {
            i++;
          }
          tokens.add(start == i ? new Token(Kind.PUNCTUATION, "$") : new Token(Kind.VARIABLE, text.substring(start, i)));
        }
      } else if (isNameStart(c)) {
        int start = i;
        while (i < n && isNamePart(text.charAt(i))) {
          i++;
        }
        tokens.add(new Token(Kind.NAME, text.substring(start, i)));
      } else {
        String two = i + 1 < n ? text.substring(i, i + 2) : "";
        if (two.equals(":=") || two.equals("~>") || two.equals("..") || two.equals("**") || two.equals("!=")
            || two.equals("<=") || two.equals(">=") || two.equals("?:") || two.equals("??")) {
          tokens.add(new Token(Kind.PUNCTUATION, two));
          i += 2;
        } else {
          tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c)));
          i++;
        }
      }
    }
    return tokens;
  }

  // The index after a quoted run that starts at `start` with `quote`, honouring backslashes.
  private static int skipQuoted(String text, int start, char quote) {
    int i = start + 1;
    while (i < text.length() && text.charAt(i) != quote) {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, text.length());
  }

  // The first character of a name (λ is JSONata's shorthand for `function`).
  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_' || c == 'λ';
  }

  // A later character of a name or variable.
  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
