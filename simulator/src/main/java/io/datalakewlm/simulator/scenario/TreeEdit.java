package io.datalakewlm.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.spelling.Spelling;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Applies one {@link Setting} to a scenario tree, walking the JSON schema beside the tree so a
 * key is accepted exactly when the file could have said it, even where the file relied on a
 * default. A key that does not exist is refused with the place it stopped matching, what is known
 * there and the closest spelling.
 */
final class TreeEdit {
  private TreeEdit() {}

  /** A key that names nothing; the message says where and the fix lists what is known. */
  static final class UnknownKey extends RuntimeException {
    final String fix;

    UnknownKey(String message, String fix) {
      super(message, null, false, false);
      this.fix = fix;
    }
  }

  /**
   * Sets {@code value} at {@code key} in {@code root}.
   *
   * @return the JSON path that was set, e.g. {@code $.sources[1].weight}
   * @throws UnknownKey when the key does not name a setting of the scenario
   */
  static String apply(ObjectNode root, String key, JsonNode value) {
    String[] segments = key.split("\\.", -1);
    JsonNode schema = SchemaCheck.schemaTree();
    JsonNode node = root;
    StringBuilder path = new StringBuilder("$");
    int i = 0;
    while (i < segments.length) {
      schema = SchemaCheck.resolve(schema);
      if (node instanceof ArrayNode array) {
        int used = pickElement(array, segments, i, path);
        int index = elementIndex(array, join(segments, i, used));
        node = array.get(index);
        path.append('[').append(index).append(']');
        schema = schema.path("items");
        i += used;
        continue;
      }
      ObjectNode object = (ObjectNode) node;
      String segment = segments[i];
      if (isStrategy(schema) && !schema.path("properties").has(segment)) {
        schema = knobSchema(object);
        object = object.withObjectProperty("knobs");
        path.append(".knobs");
        schema = SchemaCheck.resolve(schema);
      }
      JsonNode properties = schema.path("properties");
      if (!properties.has(segment)) {
        List<String> known = names(properties);
        String closest = Spelling.closest(segment, known);
        throw new UnknownKey("'" + key + "' names nothing: " + path + " has no key '" + segment + "'",
            (closest != null ? "did you mean '" + closest + "'? " : "")
                + (known.isEmpty() ? "nothing can be set there" : "known there: " + String.join(", ", known)));
      }
      path.append('.').append(segment);
      if (i == segments.length - 1) {
        object.set(segment, value);
        return path.toString();
      }
      JsonNode childSchema = isStrategy(schema) && segment.equals("knobs")
          ? knobSchema(object) : SchemaCheck.resolve(properties.path(segment));
      JsonNode child = object.get(segment);
      if ((child == null || child.isNull()) && path.toString().equals("$.strategies")) {
        child = defaultStrategies(object);
      }
      if ((child == null || child.isNull()) && childSchema.path("type").asText().equals("array")) {
        throw new UnknownKey("'" + key + "' names nothing: the scenario has no " + path + " list",
            "add the list to the file first (its entries can then be set by name)");
      }
      if (child == null || child.isNull() || !child.isContainerNode()) {
        if (!allowsObject(childSchema)) {
          throw new UnknownKey("'" + key + "' names nothing: " + path + " is not a mapping (or is empty)",
              "stop the key at " + path.substring(2));
        }
        child = object.putObject(segment);
      }
      node = child;
      schema = childSchema;
      i++;
    }
    throw new UnknownKey("'" + key + "' stops at a list", "name one entry of it, e.g. by its name");
  }

  // The list a scenario without strategies: stands for (every kind, by name), so that --set can pick one.
  private static ArrayNode defaultStrategies(ObjectNode root) {
    ArrayNode list = root.putArray("strategies");
    for (StrategyKind kind : StrategyKind.values()) {
      list.addObject().put("name", kind.id());
    }
    return list;
  }

  // How many segments name an element of the array (names may contain dots); 0 if none.
  private static int pickElement(ArrayNode array, String[] segments, int from, StringBuilder path) {
    for (int end = segments.length; end > from; end--) {
      if (elementIndex(array, join(segments, from, end - from)) >= 0) {
        return end - from;
      }
    }
    List<String> known = new ArrayList<>();
    for (JsonNode element : array) {
      String name = elementName(element);
      if (name != null) {
        known.add(name);
      }
    }
    String closest = Spelling.closest(segments[from], known);
    boolean unnamed = known.size() < array.size();
    throw new UnknownKey("no entry '" + segments[from] + "' in " + path,
        (closest != null ? "did you mean '" + closest + "'? " : "")
            + (known.isEmpty() ? "" : "known: " + String.join(", ", known.size() > 12 ? known.subList(0, 12) : known)
                + (known.size() > 12 ? ", …" : "") + "; ")
            + (unnamed ? "entries without a name (generated families, arrivals) are picked by index, 0 to "
                + (array.size() - 1) : "entries can also be picked by index"));
  }

  // The index of the element named (or numbered) text, or -1.
  private static int elementIndex(ArrayNode array, String text) {
    for (int k = 0; k < array.size(); k++) {
      if (text.equals(elementName(array.get(k)))) {
        return k;
      }
    }
    if (text.matches("\\d{1,6}")) {
      int k = Integer.parseInt(text);
      return k < array.size() ? k : -1;
    }
    return -1;
  }

  // A strategy is named by its label (default: its name); other entries by their name.
  private static String elementName(JsonNode element) {
    if (element.has("label")) {
      return element.path("label").asText();
    }
    return element.has("name") ? element.path("name").asText() : null;
  }

  private static boolean isStrategy(JsonNode schema) {
    return schema.has("allOf") && schema.path("properties").has("knobs");
  }

  // The knobs schema of a strategy entry's kind (a name the schema refuses has none).
  private static JsonNode knobSchema(ObjectNode strategy) {
    for (StrategyKind kind : StrategyKind.values()) {
      if (kind.id().equals(strategy.path("name").asText())) {
        return SchemaCheck.schemaTree().path("$defs").path(KnobSchema.defName(kind));
      }
    }
    return SchemaCheck.schemaTree().path("$defs").path(KnobSchema.defName(StrategyKind.NO_WLM));
  }

  private static boolean allowsObject(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      return type.asText().equals("object");
    }
    for (JsonNode t : type) {
      if (t.asText().equals("object")) {
        return true;
      }
    }
    return false;
  }

  private static String join(String[] segments, int from, int count) {
    return String.join(".", java.util.Arrays.asList(segments).subList(from, from + count));
  }

  private static List<String> names(JsonNode properties) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
