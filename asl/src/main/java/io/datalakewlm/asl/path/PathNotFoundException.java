package io.datalakewlm.asl.path;

/** A path that parsed but selects nothing in the value it was applied to. */
public final class PathNotFoundException extends Exception {
  public PathNotFoundException(String message) {
    super(message);
  }
}
