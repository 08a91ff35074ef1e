package io.datalakewlm.workers.metrics;

/** The CloudWatch units the workers' metrics use, spelled as EMF and CloudWatch spell them. */
public enum Unit {
  COUNT("Count"),
  SECONDS("Seconds");

  private final String cloudWatchName;

  Unit(String cloudWatchName) {
    this.cloudWatchName = cloudWatchName;
  }

  /** The name in an EMF metric definition's {@code Unit}. */
  public String cloudWatchName() {
    return cloudWatchName;
  }
}
