package io.datalakewlm.workers.failure;

/**
 * Too many workers wrote one item at once and this one lost every race it was allowed: transient,
 * safe to retry ({@code Wlm.Contention}).
 */
public final class Contention extends WorkerFailure {

  public Contention(String message) {
    super(message);
  }

  @Override
  public String errorName() {
    return "Wlm.Contention";
  }
}
