package io.datalakewlm.workers.store;

import java.util.Objects;

/** A key attribute of a table or index: its name and scalar type ("S" or "N"). */
public record KeyAttribute(String name, String type) {
  public KeyAttribute {
    Objects.requireNonNull(name);
    if (!"S".equals(type) && !"N".equals(type)) {
      throw new IllegalArgumentException("key attribute " + name + " must be of type S or N, got " + type);
    }
  }
}
