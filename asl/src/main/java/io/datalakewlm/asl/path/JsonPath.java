package io.datalakewlm.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compiled JSONPath expression of the States Language, in the dialect Step Functions accepts:
 * Jayway's JsonPath syntax rooted at {@code $} (the state input or the value a field applies to),
 * {@code $$} (the context object) or {@code $name} (a workflow variable).
 *
 * <p>Syntax: dot and bracket children ({@code $.a.b}, {@code $['a b']}, {@code $.a.['b c']}),
 * indices ({@code [0]}, {@code [-1]}), wildcards ({@code *}, {@code [*]}), recursive descent
 * ({@code ..name}), slices ({@code [1:3]}, {@code [::2]}), unions ({@code [0,2]},
 * {@code ['a','b']}) and filters ({@code [?(@.price < 10 && !@.sold)]}) with {@code ==},
 * {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code =~ /regex/}, {@code in},
 * {@code nin}, {@code &&}, {@code ||}, {@code !} and existence tests ({@code [?(@.isbn)]}).
 *
 * <p>A <em>definite</em> path (names, single indices) selects one node or nothing; evaluating it
 * returns the node or throws {@link PathNotFoundException} with Jayway's message, which AWS
 * shows ({@code No results for path: $['foo']}). Any other path returns the array of what it
 * selects, possibly empty. A definite path made only of names and non-negative indices is a
 * <em>reference path</em>, the only kind {@code ResultPath}, {@code ItemsPath} and the
 * {@code …Path} fields accept; {@link #put} writes through one.
 *
 * <p>Parsing happens once; evaluation of a definite path is a loop over its segments with no
 * allocation. Input nodes are never modified: {@link #put} copies only the containers along the
 * path and shares every other subtree with the input.
 */
public final class JsonPath {
  /** Which value a path starts from. */
  public enum Root {
    /** {@code $}: the state input (or the result, for {@code ResultSelector}). */
    INPUT,
    /** {@code $$}: the context object. */
    CONTEXT,
    /** {@code $name}: a workflow variable. */
    VARIABLE
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String text;
  private final Root root;
  private final String variableName;
  private final Segment[] segments;
  private final boolean definite;
  private final boolean reference;
  private final String normalized;

  private JsonPath(String text, PathParser.Parsed parsed) {
    this.text = text;
    this.root = parsed.root();
    this.variableName = parsed.variableName();
    this.segments = parsed.segments();
    boolean allDefinite = true;
    boolean allReference = true;
    StringBuilder canonical = new StringBuilder(rootText());
    for (Segment segment : segments) {
      allDefinite &= segment.definite();
      allReference &= segment.reference();
      segment.appendTo(canonical);
    }
    this.definite = allDefinite;
    this.reference = allReference;
    this.normalized = canonical.toString();
  }

  /**
   * Parses a path.
   *
   * @throws PathSyntaxException if the text is not a path; the message says where and why
   */
  public static JsonPath parse(String text) throws PathSyntaxException {
    Objects.requireNonNull(text, "text");
    return new JsonPath(text, PathParser.parse(text));
  }

  /** The path as written. */
  public String text() {
    return text;
  }

  /** Jayway's canonical form, as AWS quotes it in errors: {@code $['a'][0]}. */
  public String normalized() {
    return normalized;
  }

  public Root root() {
    return root;
  }

  /** The variable's name (without {@code $}) for a {@link Root#VARIABLE} path, else {@code null}. */
  public String variableName() {
    return variableName;
  }

  /** Whether the path selects at most one node (no wildcard, slice, union, filter or descent). */
  public boolean isDefinite() {
    return definite;
  }

  /** Whether this is a reference path: only names and non-negative indices after the root. */
  public boolean isReference() {
    return reference;
  }

  /** Whether the path is its root alone ({@code $}, {@code $$}, {@code $name}). */
  public boolean isRootOnly() {
    return segments.length == 0;
  }

  /**
   * The value this path's root denotes in {@code scope}: the input, the context object or the
   * variable.
   *
   * @throws PathNotFoundException if the variable is not defined (or the value is absent)
   */
  public JsonNode rootValue(Scope scope) throws PathNotFoundException {
    JsonNode value = document(scope);
    if (value == null) {
      throw new PathNotFoundException(
          root == Root.VARIABLE
              ? "The variable '$" + variableName + "' is not defined"
              : "No results for path: " + normalized);
    }
    return value;
  }

  /** Evaluates the path against its root in {@code scope}; see {@link #evaluate(JsonNode)}. */
  public JsonNode evaluate(Scope scope) throws PathNotFoundException {
    return evaluate(rootValue(scope));
  }

  /**
   * Evaluates the path's segments against {@code document}, which stands for the path's root.
   *
   * @return the selected node for a definite path, else an array of every selected node
   * @throws PathNotFoundException if a definite path selects nothing
   */
  public JsonNode evaluate(JsonNode document) throws PathNotFoundException {
    JsonNode found = find(document);
    if (found == null) {
      throw new PathNotFoundException("No results for path: " + normalized);
    }
    return found;
  }

  /** Like {@link #evaluate(Scope)} but answers {@code null} instead of throwing. */
  public JsonNode find(Scope scope) {
    return find(document(scope));
  }

  /** The value this path's root denotes in {@code scope}, or {@code null} for an undefined variable. */
  public JsonNode document(Scope scope) {
    return switch (root) {
      case INPUT -> scope.input();
      case CONTEXT -> scope.context();
      case VARIABLE -> scope.variables().get(variableName);
    };
  }

  /**
   * Like {@link #evaluate(JsonNode)} but answers {@code null} when a definite path selects
   * nothing (an indefinite path answers an empty array).
   */
  public JsonNode find(JsonNode document) {
    if (document == null) {
      return definite ? null : NODES.arrayNode();
    }
    if (definite) {
      JsonNode node = document;
      for (Segment segment : segments) {
        node = segment.child(node);
        if (node == null) {
          return null;
        }
      }
      return node;
    }
    List<JsonNode> selected = selectAll(segments, document, document);
    return NODES.arrayNode(selected.size()).addAll(selected);
  }

  /**
   * Writes {@code value} at this reference path inside {@code document}, the way
   * {@code ResultPath} does: {@code $} replaces the whole document; missing objects along the
   * path are created; an existing member or array element is replaced. The result is a new tree
   * that shares every untouched subtree with {@code document}, which is left unchanged.
   *
   * @throws PathNotFoundException if the path crosses a value that is not an object (or, for an
   *     index, not an array holding that index)
   * @throws IllegalStateException if this is not a reference path from {@code $}
   */
  public JsonNode put(JsonNode document, JsonNode value) throws PathNotFoundException {
    if (root != Root.INPUT || !reference) {
      throw new IllegalStateException("only a reference path from '$' can be written: " + text);
    }
    return write(document, 0, value);
  }

  /** Returns a copy of {@code node} with {@code value} written at segments[i..]. */
  private JsonNode write(JsonNode node, int i, JsonNode value) throws PathNotFoundException {
    if (i == segments.length) {
      return value;
    }
    Segment segment = segments[i];
    if (segment instanceof Segment.Name name) {
      if (node == null || !node.isObject()) {
        throw cannotWrite(i, node, "an object");
      }
      ObjectNode copy = NODES.objectNode();
      copy.setAll((ObjectNode) node);
      JsonNode child = node.get(name.name);
      copy.set(name.name, write(child == null ? NODES.objectNode() : child, i + 1, value));
      return copy;
    }
    int index = ((Segment.Index) segment).index;
    if (node == null || !node.isArray() || index >= node.size()) {
      throw cannotWrite(i, node, "an array with an element at index " + index);
    }
    ArrayNode copy = NODES.arrayNode(node.size());
    copy.addAll((ArrayNode) node);
    copy.set(index, write(node.get(index), i + 1, value));
    return copy;
  }

  /** Explains why the value reached after {@code i} segments cannot take the next one. */
  private PathNotFoundException cannotWrite(int i, JsonNode node, String expected) {
    StringBuilder at = new StringBuilder(rootText());
    for (int j = 0; j < i; j++) {
      segments[j].appendTo(at);
    }
    String found = node == null ? "nothing" : describe(node);
    return new PathNotFoundException(
        "Cannot write " + normalized + ": " + at + " is " + found + ", not " + expected);
  }

  /** A short description of a value's type for messages. */
  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Applies segments breadth-wise from {@code start}, keeping document order. */
  static List<JsonNode> selectAll(Segment[] segments, JsonNode start, JsonNode root) {
    List<JsonNode> current = new ArrayList<>(4);
    current.add(start);
    for (Segment segment : segments) {
      List<JsonNode> next = new ArrayList<>(Math.max(4, current.size()));
      for (JsonNode node : current) {
        segment.select(node, root, next);
      }
      current = next;
      if (current.isEmpty()) {
        break;
      }
    }
    return current;
  }

  private String rootText() {
    return switch (root) {
      case INPUT -> "$";
      case CONTEXT -> "$$";
      case VARIABLE -> "$" + variableName;
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonPath path && path.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
