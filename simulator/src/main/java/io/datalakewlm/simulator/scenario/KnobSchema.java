package io.datalakewlm.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The scenario schema's knob definitions, made from {@link Knobs}: {@code $defs/quotas}, one
 * {@code $defs/<kind>Knobs} per strategy kind, and the strategy entry's names and the
 * {@code if}/{@code then} that picks a kind's knobs. {@link SchemaCheck} puts them into the schema it
 * validates with, so the validator knows exactly the catalogue's knobs; the schema file on disk
 * carries the same definitions for editors and other tools (a test keeps it in step).
 */
final class KnobSchema {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private KnobSchema() {}

  /** The {@code $defs} name of a kind's knobs: {@code retry-only} → {@code retryOnlyKnobs}. */
  static String defName(StrategyKind kind) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : kind.id().toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.append("Knobs").toString();
  }

  /** Replaces the knob definitions of {@code schema} (a scenario schema) with the catalogue's. */
  static void apply(ObjectNode schema) {
    ObjectNode defs = (ObjectNode) schema.get("$defs");
    defs.set(Knobs.QUOTAS, section(Knobs.QUOTAS));
    for (StrategyKind kind : StrategyKind.values()) {
      defs.set(defName(kind), section(kind.id()));
    }
    ObjectNode strategy = (ObjectNode) defs.get("strategy");
    ArrayNode names = ((ObjectNode) strategy.get("properties").get("name")).putArray("enum");
    ArrayNode branches = strategy.putArray("allOf");
    for (StrategyKind kind : StrategyKind.values()) {
      names.add(kind.id());
      ObjectNode branch = branches.addObject();
      ObjectNode condition = branch.putObject("if");
      condition.putObject("properties").putObject("name").put("const", kind.id());
      condition.putArray("required").add("name");
      branch.putObject("then").putObject("properties").putObject("knobs").put("$ref", "#/$defs/" + defName(kind));
    }
  }

  // A mapping of one section's knobs; a dotted name (startJobRun.rate) nests.
  private static ObjectNode section(String section) {
    ObjectNode root = mapping();
    for (Knob knob : Knobs.of(section)) {
      ObjectNode parent = root;
      String[] path = knob.name().split("\\.");
      for (int i = 0; i < path.length - 1; i++) {
        JsonNode existing = parent.path("properties").get(path[i]);
        if (existing == null) {
          existing = mapping();
          ((ObjectNode) parent.get("properties")).set(path[i], existing);
        }
        parent = (ObjectNode) existing;
      }
      ((ObjectNode) parent.get("properties")).set(path[path.length - 1], property(knob));
    }
    return root;
  }

  private static ObjectNode mapping() {
    ObjectNode node = JSON.objectNode();
    node.put("type", "object");
    node.put("additionalProperties", false);
    node.putObject("properties");
    return node;
  }

  private static ObjectNode property(Knob knob) {
    ObjectNode node = JSON.objectNode();
    if (knob.type() == Knob.Type.CHOICE) {
      ArrayNode values = node.putArray("enum");
      knob.choices().forEach(values::add);
    } else {
      node.put("type", knob.type().word());
    }
    if (knob.minimum() != null) {
      node.set(knob.exclusiveMinimum() ? "exclusiveMinimum" : "minimum", number(knob.minimum()));
    }
    if (knob.maximum() != null) {
      node.set("maximum", number(knob.maximum()));
    }
    node.set("default", knob.defaultValue() instanceof Number n ? number(n) : JSON.textNode(knob.defaultValue().toString()));
    if (knob.parameter() != null) {
      node.put("title", "the template's " + knob.parameter());
    }
    // Backticks mark code in the README's table; the validator's messages are plain text.
    String description = knob.meaning().replace("`", "");
    if (knob.cap() != null) {
      description += " Its default is lowered to " + knob.cap().quotas() + " where that is less.";
    }
    node.put("description", description);
    return node;
  }

  // Whole numbers as integers, so the schema reads 1 and not 1.0.
  private static JsonNode number(Number value) {
    double d = value.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE ? JSON.numberNode((int) d) : JSON.numberNode(d);
  }
}
