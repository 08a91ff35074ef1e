package io.datalakewlm.asl.intrinsic;

/** An intrinsic function call that does not parse or names an unknown function. */
public final class IntrinsicSyntaxException extends Exception {
  public IntrinsicSyntaxException(String message) {
    super(message);
  }
}
