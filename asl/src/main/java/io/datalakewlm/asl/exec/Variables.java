package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.FailureCauses;
import io.datalakewlm.asl.StatesError;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The workflow variables of one flow: the execution's top-level states share one scope; each
 * Parallel branch and each inline Map iteration gets a child scope that reads its parent's
 * variables and assigns its own, which vanish when the branch or iteration ends (only its output
 * leaves it). A Distributed Map's child executions start from an empty root scope: they see no
 * outer variable, as on AWS.
 *
 * <p>Assignments apply all at once when a state leaves, so every field of the state reads the
 * values from before its own {@code Assign}. AWS's size limits are enforced when they apply:
 * {@value #MAX_VARIABLE_BYTES} bytes per variable, {@value #MAX_ASSIGN_BYTES} bytes per
 * {@code Assign}, {@value #MAX_EXECUTION_BYTES} bytes for all the variables an execution holds
 * (sizes are the UTF-8 length of the value's JSON text); going over fails the state with
 * {@code States.DataLimitExceeded}.
 */
final class Variables {
  static final int MAX_VARIABLE_BYTES = 256 * 1024;
  static final int MAX_ASSIGN_BYTES = 256 * 1024;
  static final int MAX_EXECUTION_BYTES = 10 * 1024 * 1024;

  /** The bytes all variables of one execution hold, shared by its scopes. */
  static final class Budget {
    private long used;

    long used() {
      return used;
    }
  }

  private final Variables parent;
  private final Budget budget;
  private final Map<String, JsonNode> view = new View();
  private Map<String, JsonNode> own;
  private Map<String, Integer> sizes;
  private Map<String, JsonNode> released;

  private Variables(Variables parent, Budget budget) {
    this.parent = parent;
    this.budget = budget;
  }

  /** The top-level scope of an execution. */
  static Variables root() {
    return new Variables(null, new Budget());
  }

  /** A scope for a branch or an iteration, reading this one. */
  Variables child() {
    return new Variables(this, budget);
  }

  /** The value of a visible variable (this scope first, then the outer ones), or {@code null}. */
  JsonNode get(String name) {
    for (Variables scope = this; scope != null; scope = scope.parent) {
      if (scope.own != null) {
        JsonNode value = scope.own.get(name);
        if (value != null) {
          return value;
        }
      }
    }
    return null;
  }

  /** The visible variables as a read-only map, for JSONPath evaluation. */
  Map<String, JsonNode> view() {
    return view;
  }

  /**
   * Checks a state's assignments against the size limits before they apply.
   *
   * @throws StatesError {@code States.DataLimitExceeded} naming the variable and the limit
   */
  void check(Map<String, JsonNode> values, String stateName) {
    long total = 0;
    long growth = 0;
    for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
      int size = size(entry.getValue());
      if (size > MAX_VARIABLE_BYTES) {
        throw tooLarge(stateName, "the variable '" + entry.getKey() + "' would hold " + size
            + " bytes; a variable holds at most " + MAX_VARIABLE_BYTES + " bytes (256 KiB)");
      }
      total += size;
      Integer previous = sizes == null ? null : sizes.get(entry.getKey());
      growth += size - (previous == null ? 0 : previous);
    }
    if (total > MAX_ASSIGN_BYTES) {
      throw tooLarge(stateName, "its Assign would store " + total + " bytes; one Assign stores at most "
          + MAX_ASSIGN_BYTES + " bytes (256 KiB)");
    }
    if (budget.used + growth > MAX_EXECUTION_BYTES) {
      throw tooLarge(stateName, "the execution's variables would hold " + (budget.used + growth)
          + " bytes; an execution holds at most " + MAX_EXECUTION_BYTES + " bytes (10 MiB) of variables");
    }
  }

  /** Applies checked assignments to this scope, all at once. */
  void assign(Map<String, JsonNode> values) {
    if (values.isEmpty()) {
      return;
    }
    if (own == null) {
      own = new HashMap<>();
      sizes = new HashMap<>();
    }
    for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
      int size = size(entry.getValue());
      Integer previous = sizes.put(entry.getKey(), size);
      budget.used += size - (previous == null ? 0 : previous);
      own.put(entry.getKey(), entry.getValue());
    }
  }

  /**
   * Gives this scope's bytes back to the execution's budget when its branch or iteration ends;
   * {@code forRedrive} keeps its values aside (a branch or iteration that failed or was stopped),
   * for a redrive to {@link #restore} them.
   */
  void release(boolean forRedrive) {
    if (sizes != null && parent != null) {
      if (forRedrive && !own.isEmpty()) {
        released = new HashMap<>(own);
      }
      for (int size : sizes.values()) {
        budget.used -= size;
      }
      sizes.clear();
      own.clear();
    }
  }

  /** A redrive resumes a branch or iteration: its new scope holds what the ended one had. */
  void restore(Variables ended) {
    if (ended.released != null) {
      assign(ended.released);
    }
  }

  // A value's size as AWS counts it: its JSON text in UTF-8.
  private static int size(JsonNode value) {
    return PayloadSize.bytes(value);
  }

  // The error for a state whose assignments break a limit.
  private static StatesError tooLarge(String stateName, String what) {
    return FailureCauses.variableLimitExceeded(stateName, what);
  }

  /** Every visible variable, inner scopes shadowing outer ones (for messages and tests). */
  private Map<String, JsonNode> all() {
    Map<String, JsonNode> all = parent == null ? new LinkedHashMap<>() : parent.all();
    if (own != null) {
      all.putAll(own);
    }
    return all;
  }

  /** The read-only map JSONPath sees; lookups go through {@link #get}. */
  private final class View extends AbstractMap<String, JsonNode> {
    @Override
    public JsonNode get(Object key) {
      return key instanceof String name ? Variables.this.get(name) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
      return Map.copyOf(all()).entrySet();
    }
  }
}
