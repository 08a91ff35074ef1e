package io.datalakewlm.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The value of a JSONata-state field ({@code Arguments}, {@code Output}, an {@code Assign} value,
 * {@code Items}, {@code ItemSelector}, {@code Condition}, …), compiled once: any JSON value in
 * which a string written {@code {% … %}} is an expression, at any depth, and everything else is
 * copied as written. Unlike a JSONPath payload template, keys carry no {@code .$}.
 *
 * <p>Each expression knows its place, named as AWS names it in causes: {@code Output} for the
 * field itself, {@code Output/v} below key {@code v}, {@code Output/list[0]} for an element.
 * Constant subtrees are shared with the definition, never copied.
 */
public final class JsonataTemplate {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode raw;
  private final Part root;
  private final List<JsonataExpression> expressions;

  private JsonataTemplate(JsonNode raw, Part root, List<JsonataExpression> expressions) {
    this.raw = raw;
    this.root = root;
    this.expressions = List.copyOf(expressions);
  }

  /**
   * Compiles the value of {@code field}.
   *
   * @throws JsonataSyntaxException listing every expression that does not parse, with its place
   */
  public static JsonataTemplate compile(JsonNode value, String field) throws JsonataSyntaxException {
    List<JsonataSyntaxException.Issue> issues = new ArrayList<>();
    List<JsonataExpression> expressions = new ArrayList<>();
    Part root = compile(value, field, "", issues, expressions);
    if (!issues.isEmpty()) {
      throw new JsonataSyntaxException(issues);
    }
    return new JsonataTemplate(value, root, expressions);
  }

  /** The value as written in the definition. */
  public JsonNode raw() {
    return raw;
  }

  /** Every expression of the value, in the order written. */
  public List<JsonataExpression> expressions() {
    return expressions;
  }

  /** Whether the whole value is one expression ({@code "{% … %}"}), not a structure. */
  public boolean isSingleExpression() {
    return root instanceof Expression;
  }

  /**
   * Builds the value.
   *
   * @throws io.datalakewlm.asl.StatesError {@code States.QueryEvaluationError} from the first
   *     expression that fails or returns nothing
   */
  public JsonNode evaluate(Bindings bindings) {
    return root.evaluate(bindings);
  }

  // Compiles the value found at `pointer` below the field.
  private static Part compile(JsonNode node, String field, String pointer,
      List<JsonataSyntaxException.Issue> issues, List<JsonataExpression> expressions) {
    if (node.isTextual() && JsonataExpression.isExpression(node.textValue())) {
      try {
        JsonataExpression expression = JsonataExpression.compile(node.textValue(), field);
        expressions.add(expression);
        return new Expression(expression);
      } catch (JsonataSyntaxException e) {
        issues.add(new JsonataSyntaxException.Issue(pointer, e.issues().get(0).message()));
        return new Constant(node);
      }
    }
    if (node.isObject()) {
      List<String> keys = new ArrayList<>(node.size());
      List<Part> values = new ArrayList<>(node.size());
      boolean constant = true;
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        String key = member.getKey();
        Part value = compile(member.getValue(), field + "/" + key, pointer + "/" + escape(key), issues, expressions);
        constant &= value instanceof Constant;
        keys.add(key);
        values.add(value);
      }
      return constant ? new Constant(node) : new ObjectPart(keys.toArray(String[]::new), values.toArray(Part[]::new));
    }
    if (node.isArray()) {
      List<Part> items = new ArrayList<>(node.size());
      boolean constant = true;
      for (int i = 0; i < node.size(); i++) {
        Part item = compile(node.get(i), field + "[" + i + "]", pointer + "/" + i, issues, expressions);
        constant &= item instanceof Constant;
        items.add(item);
      }
      return constant ? new Constant(node) : new ArrayPart(items.toArray(Part[]::new));
    }
    return new Constant(node);
  }

  // A key as a JSON Pointer token.
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonataTemplate template && template.raw.equals(raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return raw.toString();
  }

  /** A compiled piece of the value. */
  private sealed interface Part permits Constant, Expression, ObjectPart, ArrayPart {
    JsonNode evaluate(Bindings bindings);
  }

  private record Constant(JsonNode value) implements Part {
    @Override
    public JsonNode evaluate(Bindings bindings) {
      return value;
    }
  }

  private record Expression(JsonataExpression expression) implements Part {
    @Override
    public JsonNode evaluate(Bindings bindings) {
      return expression.evaluate(bindings);
    }
  }

  private record ObjectPart(String[] keys, Part[] values) implements Part {
    @Override
    public JsonNode evaluate(Bindings bindings) {
      ObjectNode object = NODES.objectNode();
      for (int i = 0; i < keys.length; i++) {
        object.set(keys[i], values[i].evaluate(bindings));
      }
      return object;
    }
  }

  private record ArrayPart(Part[] items) implements Part {
    @Override
    public JsonNode evaluate(Bindings bindings) {
      ArrayNode array = NODES.arrayNode(items.length);
      for (Part item : items) {
        array.add(item.evaluate(bindings));
      }
      return array;
    }
  }
}
