package io.datalakewlm.workers.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.workers.domain.Priority;
import io.datalakewlm.workers.domain.PriorityEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A priority file, in either shape:
 * <ul>
 *   <li>the new one, {@code {"entries": {<name>: {"priority", "weight", "maxInFlight", "source"}}}}
 *       (schema {@code dataset/priority-file.schema.json});</li>
 *   <li>the old SDLF {@code wlm-team-dataset-tables-priority.json},
 *       {@code {<dataset>: [{"table_name", "priority": "HIGH"|"LOW"}]}}, whose names lack the team:
 *       the team is given when loading, as the old deploy script did (schema
 *       {@code dataset/legacy-priority-file.schema.json}).</li>
 * </ul>
 * A document with a top-level {@code entries} object is the new shape; anything else is read as
 * the old one.
 */
public record PriorityFile(Shape shape, List<PriorityEntry> entries) {

  /** Which of the two shapes a file had. */
  public enum Shape { CURRENT, LEGACY }

  public static final String SCHEMA = "priority-file.schema.json";
  public static final String LEGACY_SCHEMA = "legacy-priority-file.schema.json";

  private static final SchemaCheck CURRENT = SchemaCheck.load(SCHEMA);
  private static final SchemaCheck LEGACY = SchemaCheck.load(LEGACY_SCHEMA);

  public PriorityFile {
    entries = List.copyOf(entries);
  }

  /**
   * Reads a file.
   *
   * @param team the team of an old-shape file's datasets; may be null for a new-shape file
   */
  public static PriorityFile read(Path file, String team) {
    String text = SchemaCheck.readText(file);
    return parse(text, file.toString(), team);
  }

  /** Parses a file given as text; {@code file} names it in errors. */
  public static PriorityFile parse(String text, String file, String team) {
    JsonNode node = SchemaCheck.parse(text, file);
    if (node.isObject() && node.has("entries")) {
      require(CURRENT.problems(node, file));
      List<PriorityEntry> entries = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.get("entries").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        JsonNode e = f.getValue();
        entries.add(new PriorityEntry(f.getKey(),
            e.has("priority") ? Priority.parse(e.get("priority").asText()) : null,
            e.has("weight") ? e.get("weight").asDouble() : null,
            e.has("maxInFlight") ? e.get("maxInFlight").asInt() : null,
            e.has("source") ? e.get("source").asText() : null));
      }
      return new PriorityFile(Shape.CURRENT, entries);
    }
    require(LEGACY.problems(node, file));
    if (team == null || team.isBlank()) {
      throw new ConfigException(new ConfigProblem(file, "$", "is in the old SDLF shape, whose names lack the team",
          "give the team of its datasets when loading (wlm priorities load FILE --team TEAM), "
              + "or convert it to the {\"entries\": {...}} shape"));
    }
    Map<String, PriorityEntry> entries = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> datasets = node.fields();
    while (datasets.hasNext()) {
      Map.Entry<String, JsonNode> d = datasets.next();
      for (JsonNode table : d.getValue()) {
        String name = team + "-" + d.getKey() + "-" + table.get("table_name").asText();
        entries.put(name, new PriorityEntry(name, Priority.parse(table.get("priority").asText()), null, null, null));
      }
    }
    return new PriorityFile(Shape.LEGACY, new ArrayList<>(entries.values()));
  }

  private static void require(List<ConfigProblem> problems) {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
