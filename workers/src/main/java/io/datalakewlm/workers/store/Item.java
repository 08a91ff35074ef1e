package io.datalakewlm.workers.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored item: attribute name to value, immutable. Values are DynamoDB's document types in
 * Java form: {@link String} (S), {@link BigDecimal} (N, every number is normalised to it),
 * {@link Boolean} (BOOL), {@code Map<String, Object>} (M) and {@code List<Object>} (L, also what a
 * string set reads as). Nulls are not stored: an absent attribute is simply missing.
 */
public final class Item {

  private final Map<String, Object> attributes;

  private Item(Map<String, Object> attributes) {
    this.attributes = attributes;
  }

  /** An item from plain Java values; numbers of any boxed type become BigDecimal. */
  public static Item of(Map<String, ?> attributes) {
    Map<String, Object> copy = new LinkedHashMap<>();
    attributes.forEach((name, value) -> {
      if (value != null) {
        copy.put(name, normalise(value));
      }
    });
    return new Item(Collections.unmodifiableMap(copy));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Converts a value to its stored form, recursively; rejects types DynamoDB cannot hold. */
  public static Object normalise(Object value) {
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().scale() < 0 ? d.setScale(0) : d.stripTrailingZeros();
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double v = ((Number) value).doubleValue();
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("numbers must be finite, got " + v);
      }
      return normalise(BigDecimal.valueOf(v));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        if (v != null) {
          copy.put(String.valueOf(k), normalise(v));
        }
      });
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (Object v : list) {
        copy.add(normalise(Objects.requireNonNull(v, "lists cannot hold null")));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException("unsupported attribute value type: " + value.getClass().getName());
  }

  public Map<String, Object> attributes() {
    return attributes;
  }

  public boolean has(String name) {
    return attributes.containsKey(name);
  }

  public Object get(String name) {
    return attributes.get(name);
  }

  /** The value at a path, if every segment exists and the parents are maps. */
  public Optional<Object> at(AttributePath path) {
    Object current = attributes.get(path.attribute());
    for (int i = 1; i < path.segments().size() && current != null; i++) {
      current = current instanceof Map<?, ?> m ? m.get(path.segments().get(i)) : null;
    }
    return Optional.ofNullable(current);
  }

  public String string(String name) {
    return optString(name).orElseThrow(() -> missing(name));
  }

  public Optional<String> optString(String name) {
    Object v = attributes.get(name);
    return v == null ? Optional.empty() : Optional.of(v instanceof String s ? s : String.valueOf(v));
  }

  public BigDecimal number(String name) {
    return optNumber(name).orElseThrow(() -> missing(name));
  }

  public Optional<BigDecimal> optNumber(String name) {
    Object v = attributes.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof BigDecimal d) {
      return Optional.of(d);
    }
    throw new IllegalStateException("attribute " + name + " is not a number: " + v);
  }

  public long longValue(String name) {
    return number(name).longValueExact();
  }

  public Optional<Long> optLong(String name) {
    return optNumber(name).map(BigDecimal::longValue);
  }

  public long longValue(String name, long orElse) {
    return optLong(name).orElse(orElse);
  }

  /** A map attribute, or an empty map when the attribute is missing. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String name) {
    Object v = attributes.get(name);
    if (v == null) {
      return Map.of();
    }
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalStateException("attribute " + name + " is not a map: " + v);
  }

  /** A copy with some attributes replaced or added. */
  public Item with(Map<String, ?> changes) {
    Map<String, Object> copy = new LinkedHashMap<>(attributes);
    copy.putAll(changes);
    return Item.of(copy);
  }

  private static IllegalStateException missing(String name) {
    return new IllegalStateException("item has no attribute " + name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Item other && attributes.equals(other.attributes);
  }

  @Override
  public int hashCode() {
    return attributes.hashCode();
  }

  @Override
  public String toString() {
    return attributes.toString();
  }

  /** Collects attributes in order; null values are skipped so optional fields read naturally. */
  public static final class Builder {
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    public Builder put(String name, Object value) {
      if (value != null) {
        attributes.put(name, value);
      }
      return this;
    }

    public Builder putAll(Map<String, ?> values) {
      values.forEach(this::put);
      return this;
    }

    public Item build() {
      return Item.of(attributes);
    }
  }
}
