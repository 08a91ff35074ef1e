package io.datalakewlm.workers.store;

import java.util.List;
import java.util.Objects;

/**
 * A path to an attribute of a stored item: a top-level attribute name, optionally followed by
 * keys of nested maps ({@code holders.<holderId>}). Segments are names, never parsed from a
 * dotted string, so a map key may contain any character (execution ARNs contain ':' and '/').
 */
public record AttributePath(List<String> segments) {

  public AttributePath {
    Objects.requireNonNull(segments, "segments");
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("an attribute path needs at least one segment");
    }
    for (String segment : segments) {
      if (segment == null || segment.isEmpty()) {
        throw new IllegalArgumentException("attribute path segments must be non-empty: " + segments);
      }
    }
    segments = List.copyOf(segments);
  }

  /** A top-level attribute, or a key inside nested maps when more names follow. */
  public static AttributePath of(String name, String... mapKeys) {
    String[] all = new String[mapKeys.length + 1];
    all[0] = name;
    System.arraycopy(mapKeys, 0, all, 1, mapKeys.length);
    return new AttributePath(List.of(all));
  }

  /** The top-level attribute this path starts with. */
  public String attribute() {
    return segments.get(0);
  }

  public boolean isTopLevel() {
    return segments.size() == 1;
  }

  /** The path without its last segment; only for nested paths. */
  public AttributePath parent() {
    if (isTopLevel()) {
      throw new IllegalStateException("a top-level path has no parent: " + this);
    }
    return new AttributePath(segments.subList(0, segments.size() - 1));
  }

  public String last() {
    return segments.get(segments.size() - 1);
  }

  /** Whether one path is a prefix of the other (DynamoDB refuses such pairs in one update). */
  public boolean overlaps(AttributePath other) {
    int n = Math.min(segments.size(), other.segments.size());
    return segments.subList(0, n).equals(other.segments.subList(0, n));
  }

  @Override
  public String toString() {
    return String.join(".", segments);
  }
}
