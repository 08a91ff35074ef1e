package io.datalakewlm.local.protocol;

/**
 * The error codes the endpoint answers with, as Step Functions and the AWS JSON 1.0 front end
 * spell them, with their HTTP status. The AWS SDKs read the code from {@code __type} (the part
 * after {@code #}) and raise the exception modelled for it, so {@code ExecutionAlreadyExists}
 * becomes the SDK's {@code ExecutionAlreadyExistsException}; codes the service model does not
 * list (the front end's own) become the SDK's generic service exception with that code.
 */
public enum ErrorCode {
  // Step Functions' modelled errors (all HTTP 400)
  ACTIVITY_DOES_NOT_EXIST("ActivityDoesNotExist"),
  ACTIVITY_WORKER_LIMIT_EXCEEDED("ActivityWorkerLimitExceeded"),
  EXECUTION_ALREADY_EXISTS("ExecutionAlreadyExists"),
  EXECUTION_DOES_NOT_EXIST("ExecutionDoesNotExist"),
  EXECUTION_NOT_REDRIVABLE("ExecutionNotRedrivable"),
  INVALID_ARN("InvalidArn"),
  INVALID_DEFINITION("InvalidDefinition"),
  INVALID_EXECUTION_INPUT("InvalidExecutionInput"),
  INVALID_LOGGING_CONFIGURATION("InvalidLoggingConfiguration"),
  INVALID_NAME("InvalidName"),
  INVALID_OUTPUT("InvalidOutput"),
  INVALID_TOKEN("InvalidToken"),
  INVALID_TRACING_CONFIGURATION("InvalidTracingConfiguration"),
  MISSING_REQUIRED_PARAMETER("MissingRequiredParameter"),
  RESOURCE_NOT_FOUND("ResourceNotFound"),
  STATE_MACHINE_ALREADY_EXISTS("StateMachineAlreadyExists"),
  STATE_MACHINE_DELETING("StateMachineDeleting"),
  STATE_MACHINE_DOES_NOT_EXIST("StateMachineDoesNotExist"),
  STATE_MACHINE_TYPE_NOT_SUPPORTED("StateMachineTypeNotSupported"),
  TASK_TIMED_OUT("TaskTimedOut"),
  TOO_MANY_TAGS("TooManyTags"),
  VALIDATION("ValidationException", 400, "com.amazon.coral.validate#"),

  // the AWS JSON front end's errors, common to every service
  SERIALIZATION("SerializationException", 400, "com.amazon.coral.service#"),
  UNKNOWN_OPERATION("UnknownOperationException", 400, "com.amazon.coral.service#"),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403, ""),
  INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400, ""),
  REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413, ""),
  INTERNAL_FAILURE("InternalFailure", 500, "com.amazon.coral.service#"),
  SERVICE_UNAVAILABLE("ServiceUnavailableException", 503, "com.amazon.coral.service#");

  private static final String SERVICE_NAMESPACE = "com.amazonaws.swf.service.v2.model#";

  private final String code;
  private final int status;
  private final String namespace;

  ErrorCode(String code) {
    this(code, 400, SERVICE_NAMESPACE);
  }

  ErrorCode(String code, int status, String namespace) {
    this.code = code;
    this.status = status;
    this.namespace = namespace;
  }

  /** The code as the SDKs match it, e.g. {@code ExecutionAlreadyExists}. */
  public String code() {
    return code;
  }

  public int httpStatus() {
    return status;
  }

  /** The {@code __type} of the error body: the code, qualified as the service qualifies it. */
  public String type() {
    return namespace + code;
  }

  /** An exception with this code and {@code message}. */
  public ApiException exception(String message) {
    return new ApiException(this, message);
  }

  /** An exception with this code, {@code message} and the {@code resourceName} it names. */
  public ApiException exception(String message, String resourceName) {
    return new ApiException(this, message, resourceName);
  }
}
