package io.datalakewlm.simulator.aws;

/**
 * Test access to the meter's package-private recorders, so that report tests can build a meter
 * with known gauge peaks and running-job series without running the emulated services.
 */
public final class MeterFixture {
  private MeterFixture() {}

  /** Takes {@code n} slots of {@code gauge} and gives them back: its peak becomes at least n. */
  public static void reachPeak(Gauge gauge, int n) {
    for (int i = 0; i < n; i++) {
      gauge.acquire();
    }
    for (int i = 0; i < n; i++) {
      gauge.release();
    }
  }

  /** Changes the running count of {@code tag} by {@code delta} at {@code atMillis}. */
  public static void run(Occupancy occupancy, String tag, int delta, long atMillis) {
    occupancy.add(tag, delta, atMillis);
  }
}
