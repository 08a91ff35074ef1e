package io.datalakewlm.workers.store.expression;

/**
 * An expression DynamoDB refuses, or one that cannot be applied to the item at hand; DynamoDB
 * answers both with a {@code ValidationException}, whose message this carries in DynamoDB's words.
 */
public final class ExpressionException extends RuntimeException {
  public ExpressionException(String message) {
    super(message);
  }
}
