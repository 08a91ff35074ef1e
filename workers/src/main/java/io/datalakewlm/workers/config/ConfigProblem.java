package io.datalakewlm.workers.config;

import java.util.Objects;

/**
 * One thing wrong with a config file: where (file and JSON path), what, and how to fix it.
 *
 * @param path a JSON path such as {@code $.max_items_process.stage_b}; {@code $} for the whole document
 */
public record ConfigProblem(String file, String path, String problem, String fix) {
  public ConfigProblem {
    Objects.requireNonNull(file);
    Objects.requireNonNull(path);
    Objects.requireNonNull(problem);
    Objects.requireNonNull(fix);
  }

  @Override
  public String toString() {
    return file + ": " + path + ": " + problem + ". Fix: " + fix;
  }
}
