package io.datalakewlm.workers.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file was refused: every problem found, one per line, each naming file, path and fix. */
public final class ConfigException extends RuntimeException {

  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a config exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public ConfigException(ConfigProblem problem) {
    this(List.of(problem));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
