package io.datalakewlm.simulator.scenario;

import java.util.List;

/**
 * A scenario that cannot be used, with every problem found (not just the first), each naming the
 * file, the place inside it and the fix. Nothing of a scenario is returned when this is thrown.
 */
public final class ScenarioException extends RuntimeException {
  private final String file;
  private final List<Problem> problems;

  public ScenarioException(String file, List<Problem> problems) {
    super(format(file, problems));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  public String file() {
    return file;
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String format(String file, List<Problem> problems) {
    StringBuilder out = new StringBuilder();
    out.append(file).append(": ").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
    for (Problem problem : problems) {
      out.append(System.lineSeparator()).append("  ").append(problem.format(file));
    }
    return out.toString();
  }
}
