package io.datalakewlm.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations as the table, the sweep and the HTML page print them. */
class DisplayTest {

  @ParameterizedTest
  @CsvSource({"2.5, 2.5s", "59, 59s", "750, 12m 30s", "18120, 5h 02m", "7200, 2h",
      "87300, 1d 00h 15m", "86580, 1d 00h 03m", "86400, 1d 00h 00m", "185400, 2d 03h 30m"})
  void aDurationIsWrittenToThePrecisionThatMattersAtItsSize(double seconds, String written) {
    assertEquals(written, Display.duration(seconds));
  }
}
