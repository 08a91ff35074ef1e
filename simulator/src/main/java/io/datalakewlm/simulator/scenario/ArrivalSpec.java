package io.datalakewlm.simulator.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One arrival pattern of a scenario, for every dataset of its target. Times are offsets from the
 * scenario's start.
 */
public sealed interface ArrivalSpec {
  ArrivalTarget target();

  /** {@code objects} objects per dataset, all at {@code at}. */
  record Burst(ArrivalTarget target, Duration at, int objects) implements ArrivalSpec {}

  /**
   * {@code perHour} objects per dataset per hour during [{@code from}, {@code to}): a Poisson
   * process (random gaps, drawn from the scenario's seed) or evenly spaced, the first at
   * {@code from}.
   */
  record Rate(ArrivalTarget target, double perHour, Duration from, Duration to, Process process)
      implements ArrivalSpec {}

  /** Objects at the times listed in a file (see {@link ArrivalFile}). */
  record FromFile(ArrivalTarget target, Path file, List<ArrivalFile.Line> lines) implements ArrivalSpec {
    public FromFile {
      lines = List.copyOf(lines);
    }
  }

  /** How the arrivals of a rate are spread. */
  enum Process {
    POISSON,
    EVEN
  }
}
