package io.datalakewlm.asl.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.intrinsic.IntrinsicFunction;
import io.datalakewlm.asl.intrinsic.IntrinsicSyntaxException;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.PathSyntaxException;
import io.datalakewlm.asl.path.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.regex.Pattern;

/**
 * A payload template ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector},
 * {@code ItemBatcher.BatchInput}, JSONPath {@code Assign}), compiled once: a field whose name
 * ends in {@code .$} takes its value from a path ({@code $…}, {@code $$…}, {@code $var…}) or an
 * intrinsic function ({@code States.…(…)}) and loses the {@code .$} suffix; every other value is
 * copied as written. Objects nested in objects and in arrays are processed the same way.
 *
 * <p>Compiling reports every problem at once, each with its place in the template. Evaluation
 * builds only the containers that hold dynamic fields; constant subtrees (and a template without
 * any dynamic field) are shared with the definition, never copied, which is safe because the
 * runtime treats JSON nodes as immutable.
 */
public final class PayloadTemplate {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final JsonNode raw;
  private final Part root;

  private PayloadTemplate(JsonNode raw, Part root) {
    this.raw = raw;
    this.root = root;
  }

  /**
   * Compiles a template.
   *
   * @throws TemplateException listing every field that is not a valid path or intrinsic call,
   *     with its location (for example {@code $.a['b.$']})
   */
  public static PayloadTemplate compile(JsonNode template) throws TemplateException {
    List<TemplateException.Issue> issues = new ArrayList<>();
    Part root = compile(template, "$", issues);
    if (!issues.isEmpty()) {
      throw new TemplateException(issues);
    }
    return new PayloadTemplate(template, root);
  }

  /** The template as written in the definition. */
  public JsonNode raw() {
    return raw;
  }

  /** Whether the template has no dynamic field, so every evaluation yields {@link #raw()}. */
  public boolean isConstant() {
    return root instanceof Constant;
  }

  /** Every path the template reads, those inside intrinsic calls included. */
  public List<JsonPath> paths() {
    List<JsonPath> paths = new ArrayList<>();
    root.collectPaths(paths);
    return paths;
  }

  /**
   * Builds the payload.
   *
   * @throws StatesError {@code States.Runtime} when a path selects nothing, as on AWS, with a
   *     cause naming the path, the field and the input (see {@link FailureCauses#pathNotFound});
   *     or {@code States.IntrinsicFailure} from an intrinsic function
   */
  public JsonNode evaluate(Scope scope) {
    return root.evaluate(scope);
  }

  /** Compiles one value of the template found at {@code location}. */
  private static Part compile(JsonNode node, String location, List<TemplateException.Issue> issues) {
    if (node.isObject()) {
      return compileObject(node, location, issues);
    }
    if (node.isArray()) {
      List<Part> items = new ArrayList<>(node.size());
      boolean constant = true;
      for (int i = 0; i < node.size(); i++) {
        Part item = compile(node.get(i), location + "[" + i + "]", issues);
        constant &= item instanceof Constant;
        items.add(item);
      }
      return constant ? new Constant(node) : new ArrayPart(items.toArray(Part[]::new));
    }
    return new Constant(node);
  }

  /** Compiles an object: its {@code .$} fields and, recursively, its other values. */
  private static Part compileObject(JsonNode node, String location, List<TemplateException.Issue> issues) {
    List<String> keys = new ArrayList<>(node.size());
    List<Part> values = new ArrayList<>(node.size());
    Map<String, String> written = new HashMap<>();
    boolean constant = true;
    for (Entry<String, JsonNode> member : node.properties()) {
      String key = member.getKey();
      String fieldLocation = location + member(key);
      boolean dynamic = key.endsWith(".$");
      String outputKey = dynamic ? key.substring(0, key.length() - 2) : key;
      String previous = written.put(outputKey, key);
      if (previous != null) {
        issues.add(
            new TemplateException.Issue(
                fieldLocation,
                "the field '" + outputKey + "' is defined twice, as '" + previous + "' and as '"
                    + key + "'; keep one of them"));
      }
      Part value =
          dynamic
              ? compileField(key, member.getValue(), fieldLocation, issues)
              : compile(member.getValue(), fieldLocation, issues);
      constant &= value instanceof Constant;
      keys.add(outputKey);
      values.add(value);
    }
    if (constant) {
      return new Constant(node);
    }
    return new ObjectPart(keys.toArray(String[]::new), values.toArray(Part[]::new));
  }

  /** Compiles the value of a field whose name ends in {@code .$}. */
  private static Part compileField(
      String key, JsonNode value, String location, List<TemplateException.Issue> issues) {
    if (key.equals(".$")) {
      issues.add(new TemplateException.Issue(location, "a field name needs a name before '.$'"));
      return new Constant(value);
    }
    if (!value.isTextual()) {
      issues.add(
          new TemplateException.Issue(
              location,
              "the value of '" + key + "' must be a string holding a path ($…) or an intrinsic"
                  + " function (States.…), not " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                  + "; or drop '.$' from the name to use the value as written"));
      return new Constant(value);
    }
    String text = value.textValue();
    try {
      if (IntrinsicFunction.isIntrinsic(text)) {
        return new IntrinsicPart(IntrinsicFunction.parse(text), key);
      }
      if (text.startsWith("$")) {
        return new PathPart(JsonPath.parse(text), key);
      }
      issues.add(
          new TemplateException.Issue(
              location,
              "the value of '" + key + "' must be a path ($…) or an intrinsic function (States.…),"
                  + " not '" + text + "'; or drop '.$' from the name to use the string as written"));
    } catch (PathSyntaxException | IntrinsicSyntaxException e) {
      issues.add(new TemplateException.Issue(location, e.getMessage()));
    }
    return new Constant(value);
  }

  /** The JSONPath step that names member {@code key}: {@code .key} or {@code ['key']}. */
  static String member(String key) {
    if (PLAIN_NAME.matcher(key).matches()) {
      return "." + key;
    }
    return "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PayloadTemplate template && template.raw.equals(raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return raw.toString();
  }

  /** A compiled piece of the template. */
  private sealed interface Part permits Constant, ObjectPart, ArrayPart, PathPart, IntrinsicPart {
    JsonNode evaluate(Scope scope);

    default void collectPaths(List<JsonPath> out) {}
  }

  /** A value without dynamic fields, returned as written. */
  private record Constant(JsonNode value) implements Part {
    @Override
    public JsonNode evaluate(Scope scope) {
      return value;
    }
  }

  /** An object with at least one dynamic field somewhere below it. */
  private record ObjectPart(String[] keys, Part[] values) implements Part {
    @Override
    public JsonNode evaluate(Scope scope) {
      ObjectNode object = NODES.objectNode();
      for (int i = 0; i < keys.length; i++) {
        object.set(keys[i], values[i].evaluate(scope));
      }
      return object;
    }

    @Override
    public void collectPaths(List<JsonPath> out) {
      for (Part value : values) {
        value.collectPaths(out);
      }
    }
  }

  /** An array with at least one dynamic field somewhere below it. */
  private record ArrayPart(Part[] items) implements Part {
    @Override
    public JsonNode evaluate(Scope scope) {
      ArrayNode array = NODES.arrayNode(items.length);
      for (Part item : items) {
        array.add(item.evaluate(scope));
      }
      return array;
    }

    @Override
    public void collectPaths(List<JsonPath> out) {
      for (Part item : items) {
        item.collectPaths(out);
      }
    }
  }

  /** {@code "name.$": "$.path"}: the value the path selects, which must exist. */
  private record PathPart(JsonPath path, String field) implements Part {
    @Override
    public JsonNode evaluate(Scope scope) {
      JsonNode value = path.find(scope);
      if (value == null) {
        throw FailureCauses.pathNotFound(path, scope, field);
      }
      return value;
    }

    @Override
    public void collectPaths(List<JsonPath> out) {
      out.add(path);
    }
  }

  /** {@code "name.$": "States.…(…)"}: the intrinsic function's result. */
  private record IntrinsicPart(IntrinsicFunction function, String field) implements Part {
    @Override
    public JsonNode evaluate(Scope scope) {
      return function.evaluate(scope);
    }

    @Override
    public void collectPaths(List<JsonPath> out) {
      out.addAll(function.paths());
    }
  }
}
