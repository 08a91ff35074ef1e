package io.datalakewlm.simulator.scenario;

/** Who receives the objects of an arrival pattern: every dataset of a source, or one dataset. */
public record ArrivalTarget(String source, String dataset) {
  public ArrivalTarget {
    if ((source == null) == (dataset == null)) {
      throw new IllegalArgumentException("give a source or a dataset, not both or neither");
    }
  }

  public static ArrivalTarget ofSource(String source) {
    return new ArrivalTarget(source, null);
  }

  public static ArrivalTarget ofDataset(String dataset) {
    return new ArrivalTarget(null, dataset);
  }

  @Override
  public String toString() {
    return source != null ? "source " + source : "dataset " + dataset;
  }
}
