package io.datalakewlm.workers.failure;

/**
 * None of a batch's items is leased to the caller any more (reaped or expired, perhaps leased to
 * another batch since): the caller must not go on as if it held them ({@code Wlm.LeaseLost}).
 */
public final class LeaseLost extends WorkerFailure {

  public LeaseLost(String message) {
    super(message);
  }

  @Override
  public String errorName() {
    return "Wlm.LeaseLost";
  }
}
