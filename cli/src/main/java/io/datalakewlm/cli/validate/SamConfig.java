package io.datalakewlm.cli.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code samconfig.toml} as SAM CLI writes it: tables named {@code [<env>.<command>.parameters]}
 * holding {@code key = value} pairs whose values are strings, numbers, booleans or arrays of
 * strings. This reader takes that subset of TOML (with comments, both string quotings and arrays
 * over several lines) and keeps the line of every value; anything else (inline tables, arrays of
 * tables, dotted keys) is reported as a problem rather than guessed at.
 */
final class SamConfig {

  /**
   * One {@code key = value} of a table; an array's elements keep their own lines.
   *
   * @param value a String, Boolean, Double or Long, or a List of Values for an array
   */
  record Value(Object value, int line) {
    /** The strings of a string or of an array of strings. */
    List<Value> strings() {
      if (value instanceof List<?> list) {
        List<Value> result = new ArrayList<>();
        for (Object element : list) {
          result.add((Value) element);
        }
        return result;
      }
      return List.of(this);
    }
  }

  /** A table: its name ({@code dev.deploy.parameters}), line and entries. */
  record Table(String name, int line, Map<String, Value> entries) {}

  private final Map<String, Table> tables;
  private final List<Problem> problems;

  private SamConfig(Map<String, Table> tables, List<Problem> problems) {
    this.tables = tables;
    this.problems = problems;
  }

  Map<String, Table> tables() {
    return tables;
  }

  /** What the reader could not read. */
  List<Problem> problems() {
    return problems;
  }

  /** Reads the text of a samconfig.toml; {@code file} names it in problems. */
  static SamConfig read(String text, String file) {
    Reader reader = new Reader(text, file);
    reader.document();
    return new SamConfig(reader.tables, reader.problems);
  }

  /** A hand-written reader of the TOML subset; one instance per text. */
  private static final class Reader {
    private final String text;
    private final String file;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private int pos;
    private int line = 1;

    Reader(String text, String file) {
      this.text = text;
      this.file = file;
    }

    // Lines until the end: blank, comment, [table] or key = value.
    void document() {
      Table current = table("", 1);
      while (true) {
        skipBlank(true);
        if (pos >= text.length()) {
          return;
        }
        int at = line;
        char c = text.charAt(pos);
        try {
          if (c == '[') {
            if (text.startsWith("[[", pos)) {
              throw new IllegalStateException("arrays of tables ([[...]]) are not used by samconfig.toml");
            }
            pos++;
            int close = text.indexOf(']', pos);
            int newline = text.indexOf('\n', pos);
            if (close < 0 || (newline >= 0 && close > newline)) {
              throw new IllegalStateException("a table header needs its closing ']'");
            }
            current = table(text.substring(pos, close).trim(), at);
            pos = close + 1;
          } else {
            String key = key();
            skipBlank(false);
            expect('=');
            skipBlank(false);
            Value value = value();
            if (current.entries().containsKey(key)) {
              problems.add(new Problem(file, at, path(current, key), "'" + key + "' is set twice in this table",
                  "keep one"));
            }
            current.entries().put(key, value);
          }
          endOfLine();
        } catch (IllegalStateException e) {
          problems.add(new Problem(file, line, "", e.getMessage(), "write it as SAM CLI does: [env.command.parameters] "
              + "then key = \"value\" lines"));
          skipToNextLine();
        }
      }
    }

    private Table table(String name, int at) {
      return tables.computeIfAbsent(name, n -> new Table(n, at, new LinkedHashMap<>()));
    }

    private static String path(Table table, String key) {
      return table.name().isEmpty() ? key : table.name() + "." + key;
    }

    // A bare or quoted key.
    private String key() {
      if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
        return (String) string().value();
      }
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
          || text.charAt(pos) == '-')) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalStateException("expected a key, found '" + text.charAt(pos) + "'");
      }
      if (pos < text.length() && text.charAt(pos) == '.') {
        throw new IllegalStateException("dotted keys are not used by samconfig.toml; use a [table] header");
      }
      return text.substring(start, pos);
    }

    // A string, boolean, number or array.
    private Value value() {
      if (pos >= text.length()) {
        throw new IllegalStateException("a value is missing after '='");
      }
      char c = text.charAt(pos);
      int at = line;
      if (c == '"' || c == '\'') {
        return string();
      }
      if (c == '[') {
        pos++;
        List<Value> elements = new ArrayList<>();
        while (true) {
          skipBlank(true);
          if (pos < text.length() && text.charAt(pos) == ']') {
            pos++;
            return new Value(elements, at);
          }
          elements.add(value());
          skipBlank(true);
          if (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
          } else if (pos >= text.length() || text.charAt(pos) != ']') {
            throw new IllegalStateException("expected ',' or ']' in an array");
          }
        }
      }
      if (c == '{') {
        throw new IllegalStateException("inline tables are not used by samconfig.toml");
      }
      int start = pos;
      while (pos < text.length() && " \t\r\n,]#".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      String word = text.substring(start, pos);
      if (word.equals("true") || word.equals("false")) {
        return new Value(Boolean.valueOf(word), at);
      }
      try {
        return word.matches("[+-]?\\d+") ? new Value(Long.valueOf(word), at) : new Value(Double.valueOf(word), at);
      } catch (NumberFormatException e) {
        throw new IllegalStateException("'" + word + "' is not a TOML value; quote strings");
      }
    }

    // A basic ("...", with escapes) or literal ('...') string on one line.
    private Value string() {
      char quote = text.charAt(pos++);
      int at = line;
      StringBuilder value = new StringBuilder();
      while (pos < text.length() && text.charAt(pos) != quote) {
        char c = text.charAt(pos++);
        if (c == '\n') {
          throw new IllegalStateException("a string must end on its line");
        }
        if (c == '\\' && quote == '"' && pos < text.length()) {
          char e = text.charAt(pos++);
          switch (e) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case '"' -> value.append('"');
            case '\\' -> value.append('\\');
            case 'u' -> {
              value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> throw new IllegalStateException("unknown escape \\" + e);
          }
        } else {
          value.append(c);
        }
      }
      if (pos >= text.length()) {
        throw new IllegalStateException("a string is not closed");
      }
      pos++;
      return new Value(value.toString(), at);
    }

    private void expect(char c) {
      if (pos >= text.length() || text.charAt(pos) != c) {
        throw new IllegalStateException("expected '" + c + "'");
      }
      pos++;
    }

    // Spaces and comments; newlines too when `newlines`.
    private void skipBlank(boolean newlines) {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '#') {
          while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
          }
        } else if (c == ' ' || c == '\t' || c == '\r') {
          pos++;
        } else if (c == '\n' && newlines) {
          pos++;
          line++;
        } else {
          return;
        }
      }
    }

    // Only blanks and a comment may follow a value on its line.
    private void endOfLine() {
      skipBlank(false);
      if (pos < text.length() && text.charAt(pos) != '\n') {
        throw new IllegalStateException("unexpected '" + text.charAt(pos) + "' after the value");
      }
    }

    private void skipToNextLine() {
      while (pos < text.length() && text.charAt(pos) != '\n') {
        pos++;
      }
    }
  }
}
