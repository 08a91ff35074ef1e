package io.datalakewlm.asl.storage;

/** An object that cannot be read or written, with S3's reason and a cause in the user's terms. */
public final class StorageException extends Exception {
  /** Why, named as S3 names the error where it has a name. */
  public enum Reason {
    NO_SUCH_BUCKET("NoSuchBucket"),
    NO_SUCH_KEY("NoSuchKey"),
    INVALID_NAME("InvalidArgument"),
    IO_FAILURE("InternalError");

    private final String s3Code;

    Reason(String s3Code) {
      this.s3Code = s3Code;
    }

    /** The error code S3 answers with. */
    public String s3Code() {
      return s3Code;
    }
  }

  private final Reason reason;

  public StorageException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
