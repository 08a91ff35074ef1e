package io.datalakewlm.workers.store.dynamodb;

import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts between the store's Java values and the SDK's {@link AttributeValue}. */
final class AttributeValues {

  private AttributeValues() {
  }

  static AttributeValue toAttribute(Object value) {
    if (value instanceof String s) {
      return AttributeValue.fromS(s);
    }
    if (value instanceof BigDecimal d) {
      return AttributeValue.fromN(d.toPlainString());
    }
    if (value instanceof Boolean b) {
      return AttributeValue.fromBool(b);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, AttributeValue> converted = new LinkedHashMap<>();
      m.forEach((k, v) -> converted.put((String) k, toAttribute(v)));
      return AttributeValue.fromM(converted);
    }
    if (value instanceof List<?> l) {
      List<AttributeValue> converted = new ArrayList<>();
      l.forEach(v -> converted.add(toAttribute(v)));
      return AttributeValue.fromL(converted);
    }
    throw new IllegalArgumentException("unsupported value " + value);
  }

  /** The Java form of a stored value; sets read as lists, binary values are not used by the workers. */
  static Object fromAttribute(AttributeValue value) {
    if (value.s() != null) {
      return value.s();
    }
    if (value.n() != null) {
      return Item.normalise(new BigDecimal(value.n()));
    }
    if (value.bool() != null) {
      return value.bool();
    }
    if (value.hasM()) {
      Map<String, Object> converted = new LinkedHashMap<>();
      value.m().forEach((k, v) -> {
        Object o = fromAttribute(v);
        if (o != null) {
          converted.put(k, o);
        }
      });
      return converted;
    }
    if (value.hasL()) {
      List<Object> converted = new ArrayList<>();
      value.l().forEach(v -> converted.add(fromAttribute(v)));
      return converted;
    }
    if (value.hasSs()) {
      return new ArrayList<Object>(value.ss());
    }
    if (value.hasNs()) {
      List<Object> converted = new ArrayList<>();
      value.ns().forEach(n -> converted.add(new BigDecimal(n)));
      return converted;
    }
    return null; // NULL and binary attributes are not part of the workers' model
  }

  static Map<String, AttributeValue> toAttributes(Map<String, Object> values) {
    Map<String, AttributeValue> converted = new LinkedHashMap<>();
    values.forEach((k, v) -> converted.put(k, toAttribute(v)));
    return converted;
  }

  static Item toItem(Map<String, AttributeValue> attributes) {
    Map<String, Object> values = new LinkedHashMap<>();
    attributes.forEach((k, v) -> values.put(k, fromAttribute(v)));
    return Item.of(values);
  }

  static Key toKey(Map<String, AttributeValue> attributes) {
    Map<String, Object> values = new LinkedHashMap<>();
    attributes.forEach((k, v) -> values.put(k, fromAttribute(v)));
    return new Key(values);
  }
}
