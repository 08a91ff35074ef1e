package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.jsonata.JsonataExpression;
import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathNotFoundException;
import io.datalakewlm.asl.path.Scope;

/**
 * What both Map modes do before iterating: find the items array ({@code ItemsPath} over the
 * effective input, or JSONata {@code Items}, by default the input), build each item's input with
 * {@code ItemSelector} (which alone sees {@code $$.Map.Item}, or {@code $states.context.Map.Item}),
 * and resolve the numeric knobs: fixed, read from a path, or computed by an expression
 * ({@code MaxConcurrency}, tolerated failures, batch sizes).
 */
final class MapItems {
  private MapItems() {}

  /** The array the Map iterates over. */
  static JsonNode items(MapState map, JsonNode rawInput, JsonNode effective, Evaluation evaluation) {
    JsonNode items;
    if (map.queryLanguage() == QueryLanguage.JSONATA) {
      items = map.items() == null ? rawInput : evaluation.evaluate(map.items(), evaluation.bindings(rawInput));
      if (!items.isArray()) {
        if (map.items() != null && map.items().isSingleExpression()) {
          throw evaluation.unexpected(map.items().expressions().get(0), "a JSON array", items);
        }
        throw FailureCauses.runtime(ErrorNames.QUERY_EVALUATION_ERROR,
            "Map state '" + map.name() + "': Items must be a JSON array, but it is " + abbreviate(items));
      }
      return items;
    }
    items = effective;
    if (map.itemsPath() != null) {
      items = select(map.itemsPath(), evaluation.scope(effective), "ItemsPath");
    }
    if (!items.isArray()) {
      throw FailureCauses.wrongValue("ItemsPath", map.itemsPath() == null ? "$" : map.itemsPath().text(), "a JSON array", items);
    }
    return items;
  }

  /** The input of iteration {@code index}: the item, or ItemSelector evaluated for it. */
  static JsonNode itemInput(MapState map, Engine engine, Evaluation evaluation, long enteredMillis, int retryCount,
      int index, JsonNode item, JsonNode rawInput, JsonNode effective) {
    if (map.itemSelector() == null && map.itemSelectorJsonata() == null) {
      return item;
    }
    ObjectNode mapItem = Engine.JSON.objectNode();
    mapItem.put("Index", index);
    mapItem.set("Value", item);
    ObjectNode context = engine.context(map.name(), enteredMillis, retryCount, null, mapItem);
    if (map.itemSelectorJsonata() != null) {
      return evaluation.evaluate(map.itemSelectorJsonata(), evaluation.bindings(rawInput, () -> context));
    }
    return map.itemSelector().evaluate(
        engine.scope(effective, context, evaluation.scope(effective).variables()));
  }

  /** A non-negative integer knob; {@code null} when unset. */
  static Integer count(Integer fixed, JsonPath path, JsonataExpression expression, Evaluation evaluation,
      JsonNode rawInput, JsonNode effective, String field) {
    if (fixed != null) {
      return fixed;
    }
    if (expression != null) {
      JsonNode value = evaluation.evaluate(expression, evaluation.bindings(rawInput));
      if (!value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
        throw evaluation.unexpected(expression, "a non-negative integer", value);
      }
      return value.intValue();
    }
    if (path == null) {
      return null;
    }
    JsonNode value = select(path, evaluation.scope(effective), field);
    if (!value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
      throw FailureCauses.wrongValue(field, path.text(), "a non-negative integer", value);
    }
    return value.intValue();
  }

  /** A percentage knob (0 to 100); {@code null} when unset. */
  static Double percentage(Double fixed, JsonPath path, JsonataExpression expression, Evaluation evaluation,
      JsonNode rawInput, JsonNode effective, String field) {
    if (fixed != null) {
      return fixed;
    }
    if (expression != null) {
      JsonNode value = evaluation.evaluate(expression, evaluation.bindings(rawInput));
      if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
        throw evaluation.unexpected(expression, "a number from 0 to 100", value);
      }
      return value.asDouble();
    }
    if (path == null) {
      return null;
    }
    JsonNode value = select(path, evaluation.scope(effective), field);
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
      throw FailureCauses.wrongValue(field, path.text(), "a number from 0 to 100", value);
    }
    return value.asDouble();
  }

  private static JsonNode select(JsonPath path, Scope scope, String field) {
    try {
      return path.root() == JsonPath.Root.INPUT ? path.evaluate(scope.input()) : path.evaluate(scope);
    } catch (PathNotFoundException e) {
      throw FailureCauses.invalidPath(path.text(), e.getMessage());
    }
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
