package io.datalakewlm.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Checks that a text is one YAML document (JSON included) with content, and says what is wrong
 * at which line and column in our words: a tab used for indentation, a ':' where a value was
 * expected, a list or mapping not closed, lines that do not line up, a key given twice.
 */
public final class YamlSyntax {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'.*", Pattern.DOTALL);
  private static final String FIX = "correct the YAML: indent with spaces, `key: value`, quote values that hold ': ' "
      + "or start with a special character";

  private YamlSyntax() {}

  /** Throws when {@code text} is not a YAML document with content; {@code file} names it in the message. */
  public static void check(String text, String file) throws InputFileException {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      int line = 0;
      int column = 0;
      String problem = null;
      if (e.getCause() instanceof MarkedYAMLException marked) {
        Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
        if (mark != null) {
          line = mark.getLine() + 1;
          column = mark.getColumn() + 1;
        }
        problem = problem(marked.getProblem());
      }
      Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (duplicate.matches()) {
        problem = "the key '" + duplicate.group(1) + "' is given twice";
      }
      JsonLocation at = e.getLocation();
      if (line == 0 && at != null) {
        line = Math.max(1, at.getLineNr());
        column = Math.max(0, at.getColumnNr());
      }
      throw new InputFileException(file, line, column, "not valid YAML: "
          + (problem != null ? problem : "the text cannot be read as YAML here"), FIX);
    }
    if (tree == null || tree instanceof MissingNode || tree.isNull()) {
      throw new InputFileException(file, 0, 0, "the file has no content (only comments or blank lines)",
          "write its content, or give another file");
    }
  }

  /** The YAML parser's problem in our words. */
  static String problem(String problem) {
    String p = problem == null ? "" : problem.strip();
    if (p.contains("\t") || p.contains("TAB")) {
      return "a tab character; YAML indents with spaces";
    }
    if (p.startsWith("mapping values are not allowed")) {
      return "a ':' where a value was expected (quote a value that holds ': ', or start the mapping on a new line)";
    }
    if (p.startsWith("expected ',' or ']'")) {
      return "a '[' list that is not closed: expected ',' or ']'";
    }
    if (p.startsWith("expected ',' or '}'")) {
      return "a '{' mapping that is not closed: expected ',' or '}'";
    }
    if (p.startsWith("expected the node content")) {
      return "a value is missing here" + found(p);
    }
    if (p.startsWith("could not find expected ':'")) {
      return "a line without ':' inside a mapping";
    }
    if (p.startsWith("expected <block end>")) {
      return "this line does not line up with the ones above (check its indentation)";
    }
    if (p.startsWith("found unexpected end of stream") || p.startsWith("found unexpected end")) {
      return "the text ends inside a quoted string: a closing quote is missing";
    }
    if (p.startsWith("found undefined alias")) {
      return "an alias (*name) without an anchor (&name) before it";
    }
    if (p.startsWith("found character") && p.contains("cannot start any token")) {
      return "a character that cannot start a value" + found(p) + " (quote the value)";
    }
    if (p.startsWith("found duplicate anchor") || p.startsWith("found duplicate key")) {
      return "a key given twice";
    }
    return "the text cannot be read as YAML here";
  }

  // ", found ','" from the parser's "but found ','".
  private static String found(String p) {
    int at = p.indexOf("found '");
    if (at < 0) {
      return "";
    }
    int end = p.indexOf('\'', at + 7);
    return end > at + 7 ? ", found '" + p.substring(at + 7, end) + "'" : "";
  }
}
