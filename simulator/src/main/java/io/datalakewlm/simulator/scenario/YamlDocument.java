package io.datalakewlm.simulator.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a JSON tree, with the line of every value so that problems found in
 * the tree can point into the file. Duplicate keys are refused (YAML forbids them; a silent "last
 * one wins" would hide a mistake).
 */
final class YamlDocument {
  static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final JsonNode tree;
  private final Map<String, Integer> lines;

  private YamlDocument(JsonNode tree, Map<String, Integer> lines) {
    this.tree = tree;
    this.lines = lines;
  }

  /**
   * Reads {@code text}.
   *
   * @throws ScenarioException for text that is not YAML, with the line and column
   */
  static YamlDocument parse(String text, String file) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = e.getOriginalMessage().replace('\n', ' ');
      throw new ScenarioException(file, List.of(new Problem("$", at == null ? 0 : at.getLineNr(),
          "not valid YAML: " + message + (at == null ? "" : " (column " + at.getColumnNr() + ")"),
          "correct the YAML syntax (indentation, quotes, a key given twice)")));
    }
    if (tree == null || tree instanceof MissingNode) {
      throw new ScenarioException(file, List.of(new Problem("$", 1, "the file is empty",
          "start from one of the examples/ scenarios")));
    }
    return new YamlDocument(tree, locate(text));
  }

  /** A changed tree: lines as before, except under the changed paths, which no line holds now. */
  static YamlDocument derive(JsonNode tree, YamlDocument before, java.util.Set<String> changedPaths) {
    Map<String, Integer> lines = new HashMap<>(before.lines);
    lines.keySet().removeIf(p -> changedPaths.stream()
        .anyMatch(c -> p.equals(c) || p.startsWith(c + ".") || p.startsWith(c + "[")));
    for (String changed : changedPaths) {
      lines.put(changed, 0);
    }
    return new YamlDocument(tree, lines);
  }

  JsonNode tree() {
    return tree;
  }

  /** The line of the value at {@code path} ({@code $.a[0].b}), of its nearest ancestor, or 0. */
  int line(String path) {
    String p = path;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return lines.getOrDefault("$", 0);
      }
      p = p.substring(0, cut);
    }
  }

  // Walks the YAML tokens once, noting the line where each value starts, keyed by JSON path.
  private static Map<String, Integer> locate(String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = YAML.getFactory().createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        lines.putIfAbsent(path(parser.getParsingContext(), token), parser.currentTokenLocation().getLineNr());
      }
    } catch (IOException e) {
      // the tree was read already, so this cannot happen; lines are a convenience anyway
    }
    return lines;
  }

  // The JSON path of the value the parser is on ($.a[0].b).
  private static String path(JsonStreamContext context, JsonToken token) {
    JsonStreamContext c = token.isStructStart() ? context.getParent() : context;
    StringBuilder out = new StringBuilder();
    Deque<String> parts = new ArrayDeque<>();
    while (c != null && !c.inRoot()) {
      if (c.inObject()) {
        parts.push("." + c.getCurrentName());
      } else if (c.inArray()) {
        parts.push("[" + c.getCurrentIndex() + "]");
      }
      c = c.getParent();
    }
    out.append('$');
    parts.forEach(out::append);
    return out.toString();
  }
}
