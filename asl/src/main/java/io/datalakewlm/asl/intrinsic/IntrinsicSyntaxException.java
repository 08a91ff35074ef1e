package io.datalakewlm.asl.intrinsic;

/**
 * An intrinsic function call that does not parse, names an unknown function, or passes literal
 * arguments the function cannot take. The message quotes the call and says where (a zero-based
 * character position, also {@link #position()}) and why.
 */
public final class IntrinsicSyntaxException extends Exception {
  private final int position;

  public IntrinsicSyntaxException(String message) {
    this(message, -1);
  }

  public IntrinsicSyntaxException(String message, int position) {
    super(message);
    this.position = position;
  }

  /** Where in the call text the problem was found, or -1 when unknown. */
  public int position() {
    return position;
  }
}
