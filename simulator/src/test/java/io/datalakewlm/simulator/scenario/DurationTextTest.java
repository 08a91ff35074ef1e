package io.datalakewlm.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
  @ParameterizedTest
  @CsvSource({"90s, 90000", "10m, 600000", "1h30m, 5400000", "2d, 172800000", "250ms, 250", "1m30s500ms, 90500",
      "3600, 3600000", "1.5, 1500", "0s, 0"})
  void readsTheScenarioForms(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), DurationText.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "1h30m", "2d3h", "250ms", "1m30s500ms"})
  void formatsWhatItReads(String text) {
    Duration duration = text.isEmpty() ? Duration.ZERO : DurationText.parse(text);
    assertEquals(duration, DurationText.parse(DurationText.format(duration)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10 minutes", "m", "30m1h", "1h1h", "-5s", "1.5m", "PT10M", "99999999999999999999d"})
  void refusesAnythingElseSayingHowToWriteIt(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text));
    assertEquals(true, e.getMessage().contains("90s") || e.getMessage().contains("too long"), e.getMessage());
  }
}
