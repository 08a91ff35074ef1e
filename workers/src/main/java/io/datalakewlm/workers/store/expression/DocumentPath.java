package io.datalakewlm.workers.store.expression;

import java.util.List;

/**
 * A document path of an expression, its names resolved: a top-level attribute, then map keys
 * ({@link String}) and list indexes ({@link Integer}).
 */
public record DocumentPath(List<Object> segments) {
  public DocumentPath {
    segments = List.copyOf(segments);
  }

  public String attribute() {
    return (String) segments.get(0);
  }

  public boolean isTopLevel() {
    return segments.size() == 1;
  }

  /** Whether one path is a prefix of the other (DynamoDB refuses such pairs in one update). */
  public boolean overlaps(DocumentPath other) {
    int n = Math.min(segments.size(), other.segments.size());
    for (int i = 0; i < n; i++) {
      if (!segments.get(i).equals(other.segments.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < segments.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(segments.get(i) instanceof Integer n ? "[" + n + "]" : segments.get(i));
    }
    return text.append(']').toString();
  }
}
