package io.datalakewlm.asl.path;

/**
 * A path that does not parse; the message quotes the path and says where (a zero-based character
 * position, also available as {@link #position()}) and why.
 */
public final class PathSyntaxException extends Exception {
  private final int position;

  public PathSyntaxException(String message) {
    this(message, -1);
  }

  public PathSyntaxException(String message, int position) {
    super(message);
    this.position = position;
  }

  /** Where in the path text the problem was found, or -1 when unknown. */
  public int position() {
    return position;
  }
}
