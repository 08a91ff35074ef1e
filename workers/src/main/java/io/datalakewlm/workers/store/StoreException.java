package io.datalakewlm.workers.store;

/**
 * The store could not be reached or refused a request for a reason other than a failed
 * condition (throttling after the SDK's retries, a missing table, a network error). Callers
 * treat it as transient: the handlers report it as {@code Wlm.StoreUnavailable}.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
