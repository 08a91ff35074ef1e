package io.datalakewlm.workers.store.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where dynalite is installed, and installing it there when a command needs it.
 *
 * <p>The place is the folder that holds {@code node_modules/dynalite}: the system property
 * {@code wlm.dynalite.home} or the environment variable {@code WLM_DYNALITE_HOME} when set;
 * otherwise the project's install location, which is the system property {@code wlm.home} (the
 * {@code wlm} script sets it to the repository) or else the first folder above this code's jar or
 * classes folder whose {@code package.json} pins dynalite. Never the working directory: a command
 * run from elsewhere finds the same installation.
 *
 * <p>When the install location has the lock file but no {@code node_modules/dynalite},
 * {@link #installIfMissing} runs {@code npm ci} there once (the Maven build does so only before
 * the tests, so that building {@code wlm} needs no Node.js). Caveat: that needs {@code npm} on
 * the PATH and the npm registry; without them the failure says what to install.
 */
public final class DynaliteInstallation {

  private static final String PACKAGE = "\"dynalite\"";

  private final Path root;
  private final boolean configured;

  private DynaliteInstallation(Path root, boolean configured) {
    this.root = root;
    this.configured = configured;
  }

  /** The installation this process uses (see the class comment), or empty when there is no install location. */
  public static Optional<DynaliteInstallation> locate() {
    String home = System.getProperty("wlm.dynalite.home", System.getenv("WLM_DYNALITE_HOME"));
    if (home != null && !home.isBlank()) {
      return Optional.of(new DynaliteInstallation(Paths.get(home).toAbsolutePath(), true));
    }
    String project = System.getProperty("wlm.home");
    if (project != null && !project.isBlank()) {
      return Optional.of(new DynaliteInstallation(Paths.get(project).toAbsolutePath(), false));
    }
    for (Path dir = codeLocation(); dir != null; dir = dir.getParent()) {
      if (pinsDynalite(dir)) {
        return Optional.of(new DynaliteInstallation(dir, false));
      }
    }
    return Optional.empty();
  }

  /** The folder that holds (or will hold) {@code node_modules/dynalite}. */
  public Path root() {
    return root;
  }

  public boolean installed() {
    return Files.isRegularFile(root.resolve("node_modules").resolve("dynalite").resolve("package.json"));
  }

  /**
   * Runs {@code npm ci} in the install location when dynalite is missing there.
   *
   * @param note where to say that an install runs (it takes a few seconds)
   * @throws IllegalStateException saying what to install or set when it cannot be installed
   */
  public void installIfMissing(Consumer<String> note) {
    if (installed()) {
      return;
    }
    if (configured || !Files.isRegularFile(root.resolve("package-lock.json"))) {
      throw new IllegalStateException("dynalite is not installed in " + root + " (no node_modules/dynalite): run "
          + "`npm ci` in the repository, or set WLM_DYNALITE_HOME to the folder that holds node_modules/dynalite");
    }
    Path log;
    int exit;
    try {
      log = Files.createTempFile("wlm-npm-", ".log");
      Process npm;
      try {
        npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
            .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      } catch (IOException e) {
        throw new IllegalStateException(Dynalite.NO_NODE);
      }
      note.accept("wlm: installing dynalite (npm ci in " + root + ", once)...");
      if (!npm.waitFor(10, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm ci in " + root + " did not finish in 10 minutes; its log is " + log);
      }
      exit = npm.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing dynalite");
    }
    if (exit != 0 || !installed()) {
      throw new IllegalStateException("npm ci in " + root + " failed (exit " + exit + ": " + lastLine(log)
          + "); run it there by hand, its log is " + log);
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      log.toFile().deleteOnExit();
    }
  }

  // The folder of this code: the jar's folder (cli/target) or the classes folder (workers/target/classes).
  private static Path codeLocation() {
    try {
      var source = DynaliteInstallation.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Paths.get(source.getLocation().toURI()).toAbsolutePath().getParent();
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  // A package.json that lists dynalite: the repository root.
  private static boolean pinsDynalite(Path dir) {
    Path manifest = dir.resolve("package.json");
    try {
      return Files.isRegularFile(manifest) && Files.readString(manifest, StandardCharsets.UTF_8).contains(PACKAGE);
    } catch (IOException e) {
      return false;
    }
  }

  // The last non-blank line of npm's output, the one that says why it failed.
  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
    } catch (IOException e) {
      return "no output";
    }
  }
}
