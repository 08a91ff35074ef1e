package io.datalakewlm.asl.path;

/** A path that does not parse; the message says where and why. */
public final class PathSyntaxException extends Exception {
  public PathSyntaxException(String message) {
    super(message);
  }
}
