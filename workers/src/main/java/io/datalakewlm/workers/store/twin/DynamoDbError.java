package io.datalakewlm.workers.store.twin;

/**
 * An error DynamoDB answers a request with: its error name ({@code ConditionalCheckFailedException},
 * {@code ValidationException}, {@code ResourceNotFoundException}) and its message. Step Functions'
 * DynamoDB integration raises it as the States error {@code DynamoDB.<name>}.
 */
public final class DynamoDbError extends RuntimeException {
  public static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailedException";
  public static final String VALIDATION = "ValidationException";
  public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";

  private final String name;

  public DynamoDbError(String name, String message) {
    super(message);
    this.name = name;
  }

  static DynamoDbError validation(String message) {
    return new DynamoDbError(VALIDATION, message);
  }

  /** DynamoDB's error name (the {@code __type} after its '#'). */
  public String name() {
    return name;
  }

  /** The error as Step Functions' optimized integration names it. */
  public String statesError() {
    return "DynamoDB." + name;
  }
}
