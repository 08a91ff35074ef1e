package io.datalakewlm.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One step of a compiled path after its root: a child name, an index, a wildcard, a slice, a
 * union, a filter or a recursive descent.
 *
 * <p>Definite segments (a single name, a single index, a leaf union of names) also answer
 * {@link #child}, which the evaluator's fast path calls in a plain loop. Every segment answers
 * {@link #select}, which appends its matches to a list in document order, the way Jayway (the
 * implementation AWS runs) orders them.
 */
abstract sealed class Segment
    permits Segment.Name,
        Segment.Names,
        Segment.Index,
        Segment.Indices,
        Segment.Wildcard,
        Segment.Slice,
        Segment.Filter,
        Segment.Descendant {

  /** Whether this segment selects at most one node (it may still select nothing). */
  abstract boolean definite();

  /** Whether a reference path (ResultPath, ItemsPath…) may contain this segment. */
  boolean reference() {
    return false;
  }

  /** The single node a definite segment selects from {@code node}, or {@code null}. */
  JsonNode child(JsonNode node) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " is not definite");
  }

  /** Appends every node this segment selects from {@code node} to {@code out}. */
  abstract void select(JsonNode node, JsonNode root, List<JsonNode> out);

  /** Appends the canonical bracket form ({@code ['a']}, {@code [0]}, {@code [*]}…). */
  abstract void appendTo(StringBuilder out);

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    appendTo(out);
    return out.toString();
  }

  /** Appends {@code name} as a single-quoted bracket name, escaping quotes and backslashes. */
  static void appendQuoted(StringBuilder out, String name) {
    out.append('\'');
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\'' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('\'');
  }

  /** {@code .name} or {@code ['name']}: the member of an object. */
  static final class Name extends Segment {
    final String name;

    Name(String name) {
      this.name = name;
    }

    @Override
    boolean definite() {
      return true;
    }

    @Override
    boolean reference() {
      return true;
    }

    @Override
    JsonNode child(JsonNode node) {
      return node.isObject() ? node.get(name) : null;
    }

    @Override
    void select(JsonNode node, JsonNode root, List<JsonNode> out) {
      if (node.isObject()) {
        JsonNode value = node.get(name);
        if (value != null) {
          out.add(value);
        }
      }
    }

    @Override
    void appendTo(StringBuilder out) {
      out.append('[');
      appendQuoted(out, name);
      out.append(']');
    }
  }

  /**
   * {@code ['a','b']}: several members. As the last segment of a path it follows Jayway and
   * selects one new object holding the members that exist (a definite selection); elsewhere it is
   * a union.
   */
  static final class Names extends Segment {
    final String[] names;
    final boolean merge;

    Names(List<String> names, boolean merge) {
      this.names = names.toArray(String[]::new);
      this.merge = merge;
    }

    @Override
    boolean definite() {
      return merge;
    }

    @Override
    JsonNode child(JsonNode node) {
      if (!node.isObject()) {
        return null;
      }
      ObjectNode merged = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        JsonNode value = node.get(name);
        if (value != null) {
          merged.set(name, value);
        }
      }
      return merged;
    }

    @Override
    void select(JsonNode node, JsonNode root, List<JsonNode> out) {
      if (!node.isObject()) {
        return;
      }
      if (merge) {
        out.add(child(node));
        return;
      }
      for (String name : names) {
        JsonNode value = node.get(name);
        if (value != null) {
          out.add(value);
        }
      }
    }

    @Override
    void appendTo(StringBuilder out) {
      out.append('[');
      for (int i = 0; i < names.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        appendQuoted(out, names[i]);
      }
      out.append(']');
    }
  }

  /** {@code [n]}: an array element; a negative index counts from the end. */
  static final class Index extends Segment {
    final int index;

    Index(int index) {
      this.index = index;
    }

    @Override
    boolean definite() {
      return true;
    }

    @Override
    boolean reference() {
      return index >= 0;
    }

    @Override
    JsonNode child(JsonNode node) {
      if (!node.isArray()) {
        return null;
      }
      int effective = index < 0 ? node.size() + index : index;
      return effective >= 0 && effective < node.size() ? node.get(effective) : null;
    }

    @Override
    void select(JsonNode node, JsonNode root, List<JsonNode> out) {
      JsonNode value = child(node);
      if (value != null) {
        out.add(value);
      }
    }

    @Override
    void appendTo(StringBuilder out) {
      out.append('[').append(index).append(']');
    }
  }

  /** {@code [0,2]}: several array elements, in the order written. */
  static final class Indices extends Segment {
    final Index[] indices;

    Indices(List<Integer> indices) {
      this.indices = indices.stream().map(Index::new).toArray(Index[]::new);
    }

    @Override
    boolean definite() {
      return false;
    }

    @Override
    void select(JsonNode node, JsonNode root, List<JsonNode> out) {
      for (Index index : indices) {
        index.select(node, root, out);
      }
    }

    @Override
    void appendTo(StringBuilder out) {
      out.append('[');
      for (int i = 0; i < indices.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(indices[i].index);
      }
      out.append(']');
    }
  }

  /** {@code *} or {@code [*]}: every member value of an object, every element of an array. */
  static final class Wildcard extends Segment {
    static final Wildcard INSTANCE = new Wildcard();

    private Wildcard() {}

    @Override
    boolean definite() {
      return false;
    }

    @Override
    void select(JsonNode node, JsonNode root, List<JsonNode> out) {
      if (node.isContainerNode()) {
        for (JsonNode child : node) {
          out.add(child);
        }
      }
    }

    @Override
    void appendTo(StringBuilder out) {
      out.append("[*]");
    }
  }

  /**
   * {@code [start:end:step]}: a slice of an array with Python semantics (negative bounds count
   * from the end, bounds are clamped, a negative step walks backwards).
   */
  static final class Slice extends Segment {
    final Integer start;
    final Integer end;
    final int step;

    Slice(Integer start, Integer end, int step) {
      this.start = start;
      this.end = end;
      this.step = step;
    }

    @Override
    boolean definite() {
      return false;
    }

    @Override
    void select(JsonNode node, JsonNode root, List<JsonNode> out) {
      if (!node.isArray()) {
        return;
      }
      int size = node.size();
      if (step > 0) {
        int from = bound(start, size, 0, 0, size);
        int to = bound(end, size, size, 0, size);
        for (int i = from; i < to; i += step) {
          out.add(node.get(i));
        }
      } else {
        int from = bound(start, size, size - 1, -1, size - 1);
        int to = bound(end, size, -1, -1, size - 1);
        for (int i = from; i > to; i += step) {
          out.add(node.get(i));
        }
      }
    }

    /** Resolves an optional, possibly negative bound and clamps it to [low, high]. */
    private static int bound(Integer value, int size, int absent, int low, int high) {
      if (value == null) {
        return absent;
      }
      int resolved = value < 0 ? size + value : value;
      return Math.max(low, Math.min(high, resolved));
    }

    @Override
    void appendTo(StringBuilder out) {
      out.append('[');
      if (start != null) {
        out.append(start);
      }
      out.append(':');
      if (end != null) {
        out.append(end);
      }
      if (step != 1) {
        out.append(':').append(step);
      }
      out.append(']');
    }
  }

  /**
   * {@code [?(expression)]}: the elements of an array for which the expression holds; applied to
   * an object, the object itself when the expression holds for it (as Jayway does).
   */
  static final class Filter extends Segment {
    final FilterExpression expression;
    final String source;

    Filter(FilterExpression expression, String source) {
      this.expression = expression;
      this.source = source;
    }

    @Override
    boolean definite() {
      return false;
    }

    @Override
    void select(JsonNode node, JsonNode root, List<JsonNode> out) {
      if (node.isArray()) {
        for (JsonNode element : node) {
          if (expression.test(element, root)) {
            out.add(element);
          }
        }
      } else if (node.isObject() && expression.test(node, root)) {
        out.add(node);
      }
    }

    @Override
    void appendTo(StringBuilder out) {
      out.append("[?(").append(source).append(")]");
    }
  }

  /**
   * {@code ..selector}: applies the selector to the node and to every object and array below it,
   * in document order (the node first, then its children depth first). A descending filter keeps
   * every object or array, at any depth, for which its expression holds.
   */
  static final class Descendant extends Segment {
    final Segment selector;

    Descendant(Segment selector) {
      this.selector = selector;
    }

    @Override
    boolean definite() {
      return false;
    }

    @Override
    void select(JsonNode node, JsonNode root, List<JsonNode> out) {
      if (!node.isContainerNode()) {
        return;
      }
      if (selector instanceof Filter filter) {
        if (filter.expression.test(node, root)) {
          out.add(node);
        }
      } else {
        selector.select(node, root, out);
      }
      for (JsonNode child : node) {
        select(child, root, out);
      }
    }

    @Override
    void appendTo(StringBuilder out) {
      out.append("..");
      selector.appendTo(out);
    }
  }
}
