package io.datalakewlm.workers.store.expression;

import io.datalakewlm.workers.store.ScalarOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Evaluates parsed expressions on an item in the store's Java form ({@link String} S,
 * {@link BigDecimal} N, {@link Boolean} BOOL, {@code Map} M, {@code List} L) by DynamoDB's rules:
 * a comparison with a missing attribute is false, but for {@code <>}, which is true; operands of different types are never equal
 * and never ordered; an update reads every operand from the item as it was before the update and
 * applies its actions in the order written.
 */
public final class Evaluator {
  private static final String NO_ATTRIBUTE = "The provided expression refers to an attribute that does not exist in the item";
  private static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
  private static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

  private Evaluator() {
  }

  /** Whether the condition holds on {@code item} (null: there is no item). */
  public static boolean holds(ConditionExpression condition, Map<String, Object> item) {
    if (condition instanceof ConditionExpression.Compare c) {
      Object left = operand(c.left(), item);
      Object right = operand(c.right(), item);
      if (left == null || right == null) {
        // a missing attribute equals nothing, so it differs from every value
        return c.comparator() == ConditionExpression.Comparator.NE;
      }
      return compare(left, c.comparator(), right);
    }
    if (condition instanceof ConditionExpression.Between b) {
      Object value = operand(b.value(), item);
      Object low = operand(b.low(), item);
      Object high = operand(b.high(), item);
      if (low != null && high != null && b.low() instanceof Operand.Value && b.high() instanceof Operand.Value
          && compare(low, ConditionExpression.Comparator.GT, high)) {
        throw new ExpressionException("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be "
            + "greater than or equal to lower bound; lower bound operand: AttributeValue: " + low
            + ", upper bound operand: AttributeValue: " + high);
      }
      return value != null && low != null && high != null && compare(value, ConditionExpression.Comparator.GE, low)
          && compare(value, ConditionExpression.Comparator.LE, high);
    }
    if (condition instanceof ConditionExpression.In in) {
      Object value = operand(in.value(), item);
      if (value == null) {
        return false;
      }
      for (Operand candidate : in.candidates()) {
        Object other = operand(candidate, item);
        if (other != null && compare(value, ConditionExpression.Comparator.EQ, other)) {
          return true;
        }
      }
      return false;
    }
    if (condition instanceof ConditionExpression.AttributeExists e) {
      return at(item, e.path()) != null;
    }
    if (condition instanceof ConditionExpression.AttributeNotExists e) {
      return at(item, e.path()) == null;
    }
    if (condition instanceof ConditionExpression.AttributeType t) {
      Object value = at(item, t.path());
      return value != null && typeName(value).equals(t.type());
    }
    if (condition instanceof ConditionExpression.BeginsWith b) {
      Object value = at(item, b.path());
      Object prefix = operand(b.prefix(), item);
      return value instanceof String s && prefix instanceof String p && s.startsWith(p);
    }
    if (condition instanceof ConditionExpression.Contains c) {
      Object value = at(item, c.path());
      Object operand = operand(c.operand(), item);
      if (value instanceof String s) {
        return operand instanceof String part && s.contains(part);
      }
      if (value instanceof List<?> list && operand != null) {
        return list.stream().anyMatch(element -> compare(element, ConditionExpression.Comparator.EQ, operand));
      }
      return false;
    }
    if (condition instanceof ConditionExpression.And and) {
      return holds(and.left(), item) && holds(and.right(), item);
    }
    if (condition instanceof ConditionExpression.Or or) {
      return holds(or.left(), item) || holds(or.right(), item);
    }
    return !holds(((ConditionExpression.Not) condition).condition(), item);
  }

  /**
   * The item after the update (a new map; {@code item} is left as it was).
   *
   * @param item the current item, or its key alone when there is none
   * @throws ExpressionException when DynamoDB would refuse the update on this item
   */
  public static Map<String, Object> apply(UpdateExpression update, Map<String, Object> item) {
    Map<String, Object> next = deepCopy(item);
    List<Object> values = new ArrayList<>();
    for (UpdateExpression.Action action : update.actions()) {
      values.add(action instanceof UpdateExpression.Set set ? updateOperand(set.value(), item) : null);
    }
    // the actions apply in the order written, as dynalite applies them (a list REMOVE shifts the later indexes)
    for (int i = 0; i < update.actions().size(); i++) {
      UpdateExpression.Action action = update.actions().get(i);
      if (action instanceof UpdateExpression.Set set) {
        write(next, set.path(), values.get(i));
      } else if (action instanceof UpdateExpression.Add add) {
        Object delta = add.value().value();
        if (!(delta instanceof BigDecimal number)) {
          throw new ExpressionException("Invalid UpdateExpression: Incorrect operand type for operator or function; "
              + "operator: ADD, operand type: " + operandType(delta));
        }
        Object current = at(next, add.path());
        if (current != null && !(current instanceof BigDecimal)) {
          throw new ExpressionException(WRONG_TYPE);
        }
        write(next, add.path(), normalise(current == null ? number : ((BigDecimal) current).add(number)));
      } else if (action instanceof UpdateExpression.Delete delete) {
        // the twin holds no sets, the only type DELETE takes
        throw new ExpressionException("Invalid UpdateExpression: Incorrect operand type for operator or function; "
            + "operator: DELETE, operand type: " + operandType(delete.value().value()));
      } else {
        removeAt(next, action.path());
      }
    }
    return next;
  }

  /** The item's value at a path, or null. */
  public static Object at(Map<String, Object> item, DocumentPath path) {
    Object current = item;
    for (Object segment : path.segments()) {
      if (segment instanceof String name && current instanceof Map<?, ?> map) {
        current = map.get(name);
      } else if (segment instanceof Integer index && current instanceof List<?> list) {
        current = index < list.size() ? list.get(index) : null;
      } else {
        return null;
      }
    }
    return current;
  }

  /**
   * The parts of {@code item} at {@code paths}, as ProjectionExpression and ReturnValues UPDATED_*
   * give them: maps keep the projected keys, lists the projected elements in their order.
   */
  public static Map<String, Object> project(Map<String, Object> item, List<DocumentPath> paths) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (DocumentPath path : paths) {
      Object value = at(item, path);
      if (value != null) {
        insert(result, path.segments(), 0, value);
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> finished = (Map<String, Object>) finish(result);
    return finished;
  }

  /** DynamoDB's name of a value's type. */
  public static String typeName(Object value) {
    if (value instanceof String) {
      return "S";
    }
    if (value instanceof BigDecimal) {
      return "N";
    }
    if (value instanceof Boolean) {
      return "BOOL";
    }
    if (value instanceof Map) {
      return "M";
    }
    if (value instanceof List) {
      return "L";
    }
    throw new IllegalArgumentException("not a stored value: " + value);
  }

  // An operand of a condition: null when it reads a missing attribute.
  private static Object operand(Operand operand, Map<String, Object> item) {
    if (operand instanceof Operand.Value v) {
      return v.value();
    }
    if (operand instanceof Operand.Path p) {
      return at(item, p.path());
    }
    if (operand instanceof Operand.Size s) {
      Object value = at(item, s.path());
      if (value instanceof String text) {
        return BigDecimal.valueOf(text.length());
      }
      if (value instanceof Map<?, ?> map) {
        return BigDecimal.valueOf(map.size());
      }
      if (value instanceof List<?> list) {
        return BigDecimal.valueOf(list.size());
      }
      return null;
    }
    throw new ExpressionException("Invalid ConditionExpression: The function is not allowed in a condition expression");
  }

  // An operand of SET, read from the item before the update.
  private static Object updateOperand(Operand operand, Map<String, Object> item) {
    if (operand instanceof Operand.Value v) {
      return v.value();
    }
    if (operand instanceof Operand.Path p) {
      Object value = at(item, p.path());
      if (value == null) {
        throw new ExpressionException(NO_ATTRIBUTE);
      }
      return value;
    }
    if (operand instanceof Operand.IfNotExists f) {
      Object value = at(item, f.path());
      return value != null ? value : updateOperand(f.otherwise(), item);
    }
    if (operand instanceof Operand.ListAppend f) {
      Object first = updateOperand(f.first(), item);
      Object second = updateOperand(f.second(), item);
      if (!(first instanceof List<?> a) || !(second instanceof List<?> b)) {
        throw new ExpressionException("Invalid UpdateExpression: Incorrect operand type for operator or function; "
            + "operator or function: list_append, operand type: " + operandType(first instanceof List ? second : first));
      }
      List<Object> joined = new ArrayList<>(a);
      joined.addAll(b);
      return joined;
    }
    Operand.Arithmetic arithmetic = (Operand.Arithmetic) operand;
    Object left = updateOperand(arithmetic.left(), item);
    Object right = updateOperand(arithmetic.right(), item);
    if (!(left instanceof BigDecimal a) || !(right instanceof BigDecimal b)) {
      throw new ExpressionException(WRONG_TYPE);
    }
    return normalise(arithmetic.plus() ? a.add(b) : a.subtract(b));
  }

  // Writes a value at a path of the new item; the path's parent must exist.
  @SuppressWarnings("unchecked")
  private static void write(Map<String, Object> item, DocumentPath path, Object value) {
    Object parent = parentOf(item, path);
    Object last = path.segments().get(path.segments().size() - 1);
    if (last instanceof String name && parent instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put(name, value);
    } else if (last instanceof Integer index && parent instanceof List<?> list) {
      List<Object> elements = (List<Object>) list;
      if (index < elements.size()) {
        elements.set(index, value);
      } else {
        elements.add(value);
      }
    } else {
      throw new ExpressionException(INVALID_PATH);
    }
  }

  @SuppressWarnings("unchecked")
  private static void removeAt(Map<String, Object> item, DocumentPath path) {
    Object parent = parentOf(item, path);
    Object last = path.segments().get(path.segments().size() - 1);
    if (last instanceof String name && parent instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).remove(name);
    } else if (last instanceof Integer index && parent instanceof List<?> list && index < list.size()) {
      ((List<Object>) list).remove((int) index);
    }
  }

  // The container that holds a path's last segment in the (mutable) new item.
  private static Object parentOf(Map<String, Object> item, DocumentPath path) {
    Object current = item;
    for (Object segment : path.segments().subList(0, path.segments().size() - 1)) {
      if (segment instanceof String name && current instanceof Map<?, ?> map && map.get(name) != null) {
        current = map.get(name);
      } else if (segment instanceof Integer index && current instanceof List<?> list && index < list.size()) {
        current = list.get(index);
      } else {
        throw new ExpressionException(INVALID_PATH);
      }
    }
    return current;
  }


  // Builds a projection: maps as maps, list positions in a sorted map until finish() makes them lists.
  @SuppressWarnings("unchecked")
  private static void insert(Object container, List<Object> segments, int at, Object value) {
    Object segment = segments.get(at);
    boolean lastSegment = at == segments.size() - 1;
    Object child;
    if (lastSegment) {
      child = value;
    } else {
      Object existing = container instanceof Map<?, ?> m && segment instanceof String s ? m.get(s)
          : container instanceof TreeMap<?, ?> t ? t.get(segment) : null;
      child = existing != null ? existing : segments.get(at + 1) instanceof Integer ? new TreeMap<Integer, Object>()
          : new LinkedHashMap<String, Object>();
    }
    if (container instanceof TreeMap<?, ?> positions) {
      ((TreeMap<Object, Object>) positions).put(segment, child);
    } else {
      ((Map<String, Object>) container).put((String) segment, child);
    }
    if (!lastSegment) {
      insert(child, segments, at + 1, value);
    }
  }

  private static Object finish(Object value) {
    if (value instanceof TreeMap<?, ?> positions) {
      List<Object> list = new ArrayList<>();
      positions.values().forEach(element -> list.add(finish(element)));
      return list;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, finish(v)));
      return copy;
    }
    return value;
  }

  // DynamoDB's rules for =, <>, <, <=, >, >=.
  private static boolean compare(Object left, ConditionExpression.Comparator comparator, Object right) {
    boolean sameType = typeName(left).equals(typeName(right));
    switch (comparator) {
      case EQ:
        return sameType && equal(left, right);
      case NE:
        return !(sameType && equal(left, right));
      default:
        if (!sameType || !(left instanceof String || left instanceof BigDecimal)) {
          return false;
        }
        int c = ScalarOrder.compare(left, right);
        return switch (comparator) {
          case LT -> c < 0;
          case LE -> c <= 0;
          case GT -> c > 0;
          default -> c >= 0;
        };
    }
  }

  // Deep equality with numbers by value.
  private static boolean equal(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!typeName(x.get(i)).equals(typeName(y.get(i))) || !equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Object key : x.keySet()) {
        if (!typeName(x.get(key)).equals(typeName(y.get(key))) || !equal(x.get(key), y.get(key))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  private static String operandType(Object value) {
    return switch (typeName(value)) {
      case "S" -> "STRING";
      case "N" -> "NUMBER";
      case "BOOL" -> "BOOLEAN";
      case "M" -> "MAP";
      default -> "LIST";
    };
  }

  private static BigDecimal normalise(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  // A mutable copy of nested maps and lists.
  @SuppressWarnings("unchecked")
  private static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return (T) copy;
    }
    return value;
  }
}
