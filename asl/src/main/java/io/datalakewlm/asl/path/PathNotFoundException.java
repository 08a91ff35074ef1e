package io.datalakewlm.asl.path;

/**
 * A path that parsed but selects nothing in the value it was applied to (or, for
 * {@link JsonPath#put}, cannot be written into it).
 *
 * <p>Missing data is an ordinary outcome of evaluating a path on user input, so the exception
 * carries no stack trace: it is cheap enough to throw on a hot path.
 */
public final class PathNotFoundException extends Exception {
  public PathNotFoundException(String message) {
    super(message, null, false, false);
  }
}
