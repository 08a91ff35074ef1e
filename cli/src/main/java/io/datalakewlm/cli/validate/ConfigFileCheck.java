package io.datalakewlm.cli.validate;

import io.datalakewlm.workers.config.ConfigException;
import io.datalakewlm.workers.config.ConfigProblem;
import io.datalakewlm.workers.config.DatasetConfigFile;
import io.datalakewlm.workers.config.PriorityFile;
import io.datalakewlm.workers.config.WorkerConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Check (g): dataset configs, priority files and worker configs load with the workers' own
 * loaders, the same ones the operator commands and {@code wlm workers} use, so a file that passes
 * here loads there. Which loader applies is told by the file's content ({@link FileKind}).
 *
 * <p>A worker config written in YAML has no JSON lines to point at: its problems name the path
 * only.
 */
final class ConfigFileCheck {

  /** The old priority files carry no team; any team name lets the loader check the rest. */
  private static final String ANY_TEAM = "team";

  private ConfigFileCheck() {
  }

  /** The problems of one config file, read by the loader its content calls for. */
  static List<Problem> check(Path file, String display) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of(new Problem(display, 0, "$", "cannot be read: " + e.getMessage(), "check the file"));
    }
    return check(FileKind.of(display, text), text, display);
  }

  /** The problems of a config file of a known kind. */
  static List<Problem> check(FileKind kind, String text, String display) {
    List<Problem> problems = new ArrayList<>();
    JsonLines lines = JsonLines.of(text);
    try {
      switch (kind) {
        case PRIORITY_FILE -> PriorityFile.parse(text, display, ANY_TEAM);
        case WORKER_CONFIG -> WorkerConfigFile.parse(text, display);
        default -> DatasetConfigFile.parse(text, display);
      }
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) {
        problems.add(new Problem(display, lines.lineOfJsonPath(p.path()), p.path(), p.problem(), p.fix()));
      }
    }
    return problems;
  }
}
