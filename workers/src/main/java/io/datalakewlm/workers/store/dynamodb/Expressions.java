package io.datalakewlm.workers.store.dynamodb;

import io.datalakewlm.workers.store.AttributePath;
import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.SortCondition;
import io.datalakewlm.workers.store.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Renders conditions, updates and key conditions as DynamoDB expressions. Every name goes
 * through a placeholder ({@code #n0}), so reserved words ({@code count}, {@code limit},
 * {@code status}) and map keys with any characters (execution ARNs) are safe.
 */
final class Expressions {

  private final Map<String, String> names = new HashMap<>();
  private final Map<String, String> nameByValue = new HashMap<>();
  private final Map<String, AttributeValue> values = new HashMap<>();

  Map<String, String> names() {
    return names.isEmpty() ? null : names;
  }

  Map<String, AttributeValue> values() {
    return values.isEmpty() ? null : values;
  }

  /** The expression of a condition, or null for an unconditional write. */
  String condition(Condition condition) {
    return condition instanceof Condition.Always ? null : render(condition);
  }

  String update(Update update) {
    List<String> set = new ArrayList<>();
    List<String> add = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    for (Update.Action action : update.actions()) {
      String path = path(action.path());
      if (action instanceof Update.Set s) {
        set.add(path + " = " + value(s.value()));
      } else if (action instanceof Update.SetIfAbsent s) {
        set.add(path + " = if_not_exists(" + path + ", " + value(s.value()) + ")");
      } else if (action instanceof Update.Add a) {
        add.add(path + " " + value(a.delta()));
      } else {
        remove.add(path);
      }
    }
    StringBuilder expression = new StringBuilder();
    clause(expression, "SET", set);
    clause(expression, "ADD", add);
    clause(expression, "REMOVE", remove);
    return expression.toString();
  }

  /** The key condition of a query: partition equality, and the sort condition if any. */
  String keyCondition(String partitionName, Object partitionValue, String sortName, SortCondition sort) {
    String expression = path(AttributePath.of(partitionName)) + " = " + value(partitionValue);
    if (sort == null) {
      return expression;
    }
    String s = path(AttributePath.of(sortName));
    if (sort instanceof SortCondition.Compare c) {
      return expression + " AND " + s + " " + operator(c.op()) + " " + value(c.value());
    }
    if (sort instanceof SortCondition.Between b) {
      return expression + " AND " + s + " BETWEEN " + value(b.low()) + " AND " + value(b.high());
    }
    return expression + " AND begins_with(" + s + ", " + value(((SortCondition.BeginsWith) sort).prefix()) + ")";
  }

  // Appends "SET a, b" style clauses.
  private static void clause(StringBuilder expression, String keyword, List<String> parts) {
    if (!parts.isEmpty()) {
      if (expression.length() > 0) {
        expression.append(' ');
      }
      expression.append(keyword).append(' ').append(String.join(", ", parts));
    }
  }

  // Renders one condition node.
  private String render(Condition condition) {
    if (condition instanceof Condition.Always) {
      // only reachable nested in and/or: a tautology on the key-independent size of nothing
      String p = path(AttributePath.of("always"));
      return "attribute_not_exists(" + p + ") OR attribute_exists(" + p + ")";
    }
    if (condition instanceof Condition.Exists e) {
      return "attribute_exists(" + path(e.path()) + ")";
    }
    if (condition instanceof Condition.NotExists e) {
      return "attribute_not_exists(" + path(e.path()) + ")";
    }
    if (condition instanceof Condition.Compare c) {
      return path(c.path()) + " " + operator(c.op()) + " " + value(c.value());
    }
    if (condition instanceof Condition.CompareAttributes c) {
      return path(c.left()) + " " + operator(c.op()) + " " + path(c.right());
    }
    if (condition instanceof Condition.And and) {
      return join(and.all(), " AND ");
    }
    if (condition instanceof Condition.Or or) {
      return join(or.any(), " OR ");
    }
    return "NOT (" + render(((Condition.Not) condition).condition()) + ")";
  }

  // Parenthesised conjunction or disjunction.
  private String join(List<Condition> parts, String operator) {
    List<String> rendered = new ArrayList<>();
    for (Condition part : parts) {
      rendered.add("(" + render(part) + ")");
    }
    return String.join(operator, rendered);
  }

  private static String operator(Condition.Op op) {
    return switch (op) {
      case EQ -> "=";
      case NE -> "<>";
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
    };
  }

  // A document path of name placeholders.
  private String path(AttributePath path) {
    List<String> parts = new ArrayList<>();
    for (String segment : path.segments()) {
      parts.add(nameByValue.computeIfAbsent(segment, s -> {
        String placeholder = "#n" + names.size();
        names.put(placeholder, s);
        return placeholder;
      }));
    }
    return String.join(".", parts);
  }

  // A value placeholder.
  private String value(Object value) {
    String placeholder = ":v" + values.size();
    values.put(placeholder, AttributeValues.toAttribute(value));
    return placeholder;
  }
}
