package io.datalakewlm.asl.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.StatesError;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a delimited text file as items: each row an object of the header's column names to the
 * row's values, every value a string, as AWS gives them.
 *
 * <p>Fields follow RFC 4180: a field in double quotes may hold the delimiter, line breaks and
 * doubled quotes ({@code ""} for one); lines end in LF or CRLF; blank lines are skipped. A row
 * with more or fewer fields than the header, or a quote left open, is not a CSV row and fails the
 * reader with the line it is on; so does a header row over AWS's 10 KiB.
 */
final class CsvItems {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** AWS reads a header row of at most 10 KiB. */
  static final int HEADER_LIMIT_BYTES = 10 * 1024;

  private final String text;
  private final char delimiter;
  private final String source;
  private int position;
  private int line = 1;

  private CsvItems(String text, char delimiter, String source) {
    this.text = text;
    this.delimiter = delimiter;
    this.source = source;
  }

  /** The delimiter a {@code CSVDelimiter} value names (COMMA when absent). */
  static char delimiter(String name) {
    if (name == null) {
      return ',';
    }
    return switch (name) {
      case "COMMA" -> ',';
      case "PIPE" -> '|';
      case "SEMICOLON" -> ';';
      case "SPACE" -> ' ';
      case "TAB" -> '\t';
      default -> throw new IllegalArgumentException("the validator accepts no CSVDelimiter " + name);
    };
  }

  /**
   * The items of a CSV text.
   *
   * @param headers the column names, or {@code null} to take them from the first row
   * @param maxItems the most items to read, or 0 for all
   * @param source where the text comes from, for a failure's cause ({@code s3://bucket/key})
   */
  static List<JsonNode> read(String text, List<String> headers, char delimiter, int maxItems, String source) {
    return new CsvItems(text, delimiter, source).items(headers, maxItems);
  }

  private List<JsonNode> items(List<String> given, int maxItems) {
    List<String> headers = given;
    List<JsonNode> items = new ArrayList<>();
    while (position < text.length() && (maxItems == 0 || items.size() < maxItems)) {
      int rowLine = line;
      int rowStart = position;
      List<String> row = row();
      if (row.size() == 1 && row.get(0).isEmpty()) {
        continue;
      }
      if (headers == null) {
        int bytes = text.substring(rowStart, position).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > HEADER_LIMIT_BYTES) {
          throw failure("its header row is " + bytes + " bytes; Step Functions reads CSV headers of up to 10 KiB"
              + " (shorten the column names, or give them with CSVHeaderLocation GIVEN)");
        }
        headers = row;
        continue;
      }
      if (row.size() != headers.size()) {
        throw ItemReaderFailure.failed(source + " is not valid CSV: line " + rowLine + " has " + row.size()
            + " field" + (row.size() == 1 ? "" : "s") + " and the header " + headers.size());
      }
      ObjectNode item = JSON.objectNode();
      for (int i = 0; i < row.size(); i++) {
        item.put(headers.get(i), row.get(i));
      }
      items.add(item);
    }
    return items;
  }

  // The fields of the row at the current position; moves past its line break.
  private List<String> row() {
    List<String> fields = new ArrayList<>();
    while (true) {
      fields.add(field());
      if (position >= text.length()) {
        return fields;
      }
      char next = text.charAt(position);
      if (next == delimiter) {
        position++;
        continue;
      }
      position += next == '\r' && position + 1 < text.length() && text.charAt(position + 1) == '\n' ? 2 : 1;
      line++;
      return fields;
    }
  }

  // One field; stops at the delimiter, a line break or the end.
  private String field() {
    StringBuilder value = new StringBuilder();
    if (position < text.length() && text.charAt(position) == '"') {
      int openedOn = line;
      position++;
      while (true) {
        if (position >= text.length()) {
          throw failure("line " + openedOn + " opens a quoted field that is never closed");
        }
        char c = text.charAt(position++);
        if (c == '"') {
          if (position < text.length() && text.charAt(position) == '"') {
            value.append('"');
            position++;
            continue;
          }
          break;
        }
        if (c == '\n') {
          line++;
        }
        value.append(c);
      }
      if (position < text.length() && !isEnd(text.charAt(position))) {
        throw failure("line " + line + ": a quoted field is followed by '" + text.charAt(position)
            + "' instead of the delimiter or the end of the line");
      }
      return value.toString();
    }
    while (position < text.length() && !isEnd(text.charAt(position))) {
      value.append(text.charAt(position++));
    }
    return value.toString();
  }

  private boolean isEnd(char c) {
    return c == delimiter || c == '\n' || c == '\r';
  }

  private StatesError failure(String problem) {
    return ItemReaderFailure.failed(source + " is not valid CSV: " + problem);
  }
}
