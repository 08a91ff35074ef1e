package io.datalakewlm.asl.time;

/** A scheduled action that can still be cancelled before it runs. */
public interface Timer {
  /** Cancels the action if it has not run yet; cancelling twice or after it ran does nothing. */
  void cancel();

  /** A timer that is never going to fire, for fields that hold "no timer". */
  Timer NONE = () -> {};
}
