package io.datalakewlm.simulator.aws;

/**
 * Observes every emulated API call as it happens, for time series the meter does not keep itself
 * (throttles per minute, a trace). Called on the scheduler's loop.
 */
@FunctionalInterface
public interface MeterListener {
  /**
   * @param errorCode the AWS error code the call was refused with, or {@code null} when it was
   *     accepted
   */
  void onCall(long atMillis, String api, String errorCode);
}
