package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathNotFoundException;
import io.datalakewlm.asl.path.Scope;

/**
 * What both Map modes do before iterating: find the items array, build each item's input with
 * {@code ItemSelector} (which alone sees {@code $$.Map.Item}), and resolve numeric knobs that may
 * come from the input ({@code MaxConcurrencyPath}, tolerated failures, batch sizes).
 */
final class MapItems {
  private MapItems() {}

  /** The array the Map iterates over: {@code ItemsPath} applied to the effective input. */
  static JsonNode items(MapState map, JsonNode effective, Scope scope) {
    JsonNode items = effective;
    if (map.itemsPath() != null) {
      items = select(map.itemsPath(), scope, "ItemsPath");
    }
    if (!items.isArray()) {
      throw new StatesError(ErrorNames.RUNTIME,
          "Map state '" + map.name() + "': ItemsPath must select a JSON array, but selected " + abbreviate(items));
    }
    return items;
  }

  /** The input of iteration {@code index}: the item, or ItemSelector evaluated for it. */
  static JsonNode itemInput(MapState map, Engine engine, Flow flow, long enteredMillis, int retryCount,
      int index, JsonNode item, JsonNode effective) {
    if (map.itemSelector() == null) {
      return item;
    }
    ObjectNode mapItem = Engine.JSON.objectNode();
    mapItem.put("Index", index);
    mapItem.set("Value", item);
    ObjectNode context = engine.context(map.name(), enteredMillis, retryCount, null, mapItem);
    return map.itemSelector().evaluate(engine.scope(effective, context, flow.variables()), ErrorNames.PARAMETER_PATH_FAILURE);
  }

  /** A non-negative integer knob, fixed or read from the input; {@code null} when unset. */
  static Integer count(Integer fixed, JsonPath path, Scope scope, String field) {
    if (fixed != null) {
      return fixed;
    }
    if (path == null) {
      return null;
    }
    JsonNode value = select(path, scope, field);
    if (!value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
      throw new StatesError(ErrorNames.RUNTIME,
          field + " '" + path.text() + "' must select a non-negative integer, but selected " + value);
    }
    return value.intValue();
  }

  /** A percentage knob (0 to 100), fixed or read from the input; {@code null} when unset. */
  static Double percentage(Double fixed, JsonPath path, Scope scope, String field) {
    if (fixed != null) {
      return fixed;
    }
    if (path == null) {
      return null;
    }
    JsonNode value = select(path, scope, field);
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
      throw new StatesError(ErrorNames.RUNTIME,
          field + " '" + path.text() + "' must select a number from 0 to 100, but selected " + value);
    }
    return value.asDouble();
  }

  private static JsonNode select(JsonPath path, Scope scope, String field) {
    try {
      return path.root() == JsonPath.Root.INPUT ? path.evaluate(scope.input()) : path.evaluate(scope);
    } catch (PathNotFoundException e) {
      throw new StatesError(ErrorNames.RUNTIME, "Invalid path '" + path.text() + "' in " + field + ": " + e.getMessage());
    }
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
