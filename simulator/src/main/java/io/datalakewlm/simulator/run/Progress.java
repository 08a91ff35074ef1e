package io.datalakewlm.simulator.run;

/** Told how far a strategy's run has come in simulated time, for a progress bar. */
@FunctionalInterface
public interface Progress {
  /**
   * @param strategy the label of the strategy running
   * @param fraction of the scenario's horizon simulated so far (0..1; a run that settles early
   *     jumps to 1)
   */
  void update(String strategy, double fraction);

  Progress NONE = (strategy, fraction) -> {};
}
