package io.datalakewlm.asl.parse;

import io.datalakewlm.asl.parse.Diagnostic.Position;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${Name}} placeholders in a definition's text, as SAM's and CloudFormation's
 * {@code DefinitionSubstitutions} do: plain text replacement, before the text is read as JSON, so a
 * value can land inside a string ({@code "arn:aws:lambda:${Region}:…"}) or stand for a whole JSON
 * value ({@code "MaxConcurrency": ${Limit}}). Values are strings and are inserted as they are; a
 * value that breaks the JSON (a quote inside a string) shows up as a JSON syntax error at the
 * placeholder.
 *
 * <p>Unlike AWS, a placeholder with no value is not left silently in place: {@link #undefined()}
 * lists it with its position, and the parser reports it. To let the rest of the definition still
 * be checked, an undefined placeholder outside a JSON string is replaced by {@code null} (inside a
 * string it stays as written).
 *
 * <p>Positions always refer to the original text: {@link #positionOf(int)} maps an offset in the
 * substituted text back to the line and column the author sees.
 */
public final class Substitutions {
  /** {@code ${Name}}; a name is anything but braces, dollar signs, quotes, backslashes, blanks. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^${}\\s\"\\\\]+)}");

  /**
   * One {@code ${Name}} in the original text.
   *
   * @param offset character offset of the {@code $} in the original text
   * @param insideString whether it appears inside a JSON string literal
   * @param defined whether a value was supplied for it
   */
  public record Placeholder(
      String name, int offset, Position position, boolean insideString, boolean defined) {}

  private final String original;
  private final String text;
  private final List<Placeholder> placeholders;
  private final int[] lineStarts;
  // Replaced regions, in order: start in the original, start in the result, both lengths.
  private final int[] originalStarts;
  private final int[] resultStarts;
  private final int[] originalLengths;
  private final int[] resultLengths;

  private Substitutions(String original, Map<String, String> values) {
    this.original = original;
    this.lineStarts = lineStarts(original);
    List<Placeholder> found = new ArrayList<>();
    StringBuilder result = new StringBuilder(original.length());
    List<int[]> regions = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(original);
    int copied = 0;
    boolean inString = false;
    int scanned = 0;
    while (matcher.find()) {
      inString = stringStateAt(original, scanned, matcher.start(), inString);
      scanned = matcher.end();
      String name = matcher.group(1);
      String value = values.get(name);
      found.add(
          new Placeholder(
              name, matcher.start(), positionOfOriginal(matcher.start()), inString, value != null));
      String replacement = value != null ? value : inString ? matcher.group() : "null";
      result.append(original, copied, matcher.start());
      regions.add(
          new int[] {
            matcher.start(), result.length(), matcher.end() - matcher.start(), replacement.length()
          });
      result.append(replacement);
      copied = matcher.end();
    }
    result.append(original, copied, original.length());
    this.text = result.toString();
    this.placeholders = List.copyOf(found);
    this.originalStarts = regions.stream().mapToInt(r -> r[0]).toArray();
    this.resultStarts = regions.stream().mapToInt(r -> r[1]).toArray();
    this.originalLengths = regions.stream().mapToInt(r -> r[2]).toArray();
    this.resultLengths = regions.stream().mapToInt(r -> r[3]).toArray();
  }

  /** Substitutes {@code values} into {@code definition}; names without a value are recorded. */
  public static Substitutions apply(String definition, Map<String, String> values) {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(values, "values");
    return new Substitutions(definition, values);
  }

  /** The names of every {@code ${Name}} in {@code definition}, sorted, each once. */
  public static SortedSet<String> namesUsed(String definition) {
    SortedSet<String> names = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(definition);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return Collections.unmodifiableSortedSet(names);
  }

  /** The text as written. */
  public String original() {
    return original;
  }

  /** The text with every defined placeholder replaced by its value. */
  public String text() {
    return text;
  }

  /** Every placeholder, in text order. */
  public List<Placeholder> placeholders() {
    return placeholders;
  }

  /** The placeholders that had no value. */
  public List<Placeholder> undefined() {
    return placeholders.stream().filter(p -> !p.defined()).toList();
  }

  /** Where {@code placeholder}'s replacement starts in {@link #text()}. */
  int textOffset(Placeholder placeholder) {
    return resultStarts[placeholders.indexOf(placeholder)];
  }

  /** Maps an offset in {@link #text()} to the offset in the original text it came from. */
  public int originalOffset(int offsetInText) {
    int region = Arrays.binarySearch(resultStarts, offsetInText);
    if (region < 0) {
      region = -region - 2;
    }
    if (region < 0) {
      return offsetInText;
    }
    int intoRegion = offsetInText - resultStarts[region];
    if (intoRegion < resultLengths[region]) {
      return originalStarts[region];
    }
    return originalStarts[region] + originalLengths[region] + intoRegion - resultLengths[region];
  }

  /** The line and column in the original text of an offset in {@link #text()}. */
  public Position positionOf(int offsetInText) {
    return positionOfOriginal(originalOffset(offsetInText));
  }

  // Line and column (1-based) of an offset in the original text.
  private Position positionOfOriginal(int offset) {
    int clamped = Math.max(0, Math.min(offset, original.length()));
    int line = Arrays.binarySearch(lineStarts, clamped);
    if (line < 0) {
      line = -line - 2;
    }
    return new Position(line + 1, clamped - lineStarts[line] + 1);
  }

  // Offsets at which each line of the text starts.
  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  // Whether the JSON lexer is inside a string at `to`, given its state at `from`.
  private static boolean stringStateAt(String text, int from, int to, boolean inString) {
    boolean inside = inString;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (inside && c == '\\') {
        i++;
      } else if (c == '"') {
        inside = !inside;
      }
    }
    return inside;
  }
}
