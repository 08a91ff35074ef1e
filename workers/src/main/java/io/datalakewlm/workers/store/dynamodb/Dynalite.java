package io.datalakewlm.workers.store.dynamodb;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A dynalite server (the npm package {@code dynalite}: DynamoDB's API on an in-memory LevelDB)
 * run by {@code node} on a free loopback port, for tests, {@code wlm local} and the simulator.
 *
 * <p>The server is a child process started with a short inline script that listens on port 0
 * of 127.0.0.1 and prints the port it got, so parallel runs never collide. It stops when
 * {@link #close()} closes its standard input, and also when this JVM dies (the pipe closes), so
 * no server outlives its owner. Tables are ACTIVE at once (createTableMs 0).
 *
 * <p>dynalite is found in a {@code node_modules} folder: the system property
 * {@code wlm.dynalite.home} or the environment variable {@code WLM_DYNALITE_HOME} names the
 * folder that contains {@code node_modules}; otherwise the working directory and its parents
 * are searched. The repository's {@code package.json} pins it; {@code npm ci} installs it (the
 * Maven build does so by itself when it is missing). Caveat: dynalite has no transactions and
 * no TTL, which is why the workers use neither.
 */
public final class Dynalite implements AutoCloseable {

  private static final String SCRIPT = String.join("\n",
      "const dynalite = require('dynalite');",
      "const server = dynalite({createTableMs: 0, deleteTableMs: 0, updateTableMs: 0});",
      "server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));",
      "process.stdin.on('end', () => server.close(() => process.exit(0)));",
      "process.stdin.on('error', () => process.exit(0));",
      "process.stdin.resume();");

  private final Process process;
  private final URI endpoint;

  private Dynalite(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Starts a server from the dynalite installation that {@link #findHome()} finds. */
  public static Dynalite start() {
    Path home = findHome().orElseThrow(() -> new IllegalStateException(
        "dynalite is not installed: run `npm ci` in the repository root (or set WLM_DYNALITE_HOME to the folder "
            + "that contains node_modules/dynalite)"));
    return start(home);
  }

  /** Starts a server with {@code home/node_modules/dynalite}. */
  public static Dynalite start(Path home) {
    String node = System.getProperty("wlm.node", Optional.ofNullable(System.getenv("WLM_NODE")).orElse("node"));
    Path errors;
    Process process;
    try {
      errors = Files.createTempFile("dynalite-", ".log");
      errors.toFile().deleteOnExit();
      process = new ProcessBuilder(node, "-e", SCRIPT)
          .directory(home.toFile())
          .redirectError(errors.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run `" + node + "` (is Node.js installed?): " + e.getMessage(), e);
    }
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    String line;
    try {
      line = firstLine.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("dynalite did not start: " + readQuietly(errors), e);
    }
    if (line == null || !line.trim().matches("\\d+")) {
      process.destroyForcibly();
      throw new IllegalStateException("dynalite did not start (printed " + line + "): " + readQuietly(errors));
    }
    return new Dynalite(process, URI.create("http://127.0.0.1:" + line.trim()));
  }

  /** The folder whose {@code node_modules} holds dynalite, if any. */
  public static Optional<Path> findHome() {
    String configured = System.getProperty("wlm.dynalite.home", System.getenv("WLM_DYNALITE_HOME"));
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Paths.get(configured)).filter(Dynalite::hasDynalite);
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (hasDynalite(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Stops the server and waits for the process to end. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static boolean hasDynalite(Path dir) {
    return Files.isRegularFile(dir.resolve("node_modules" + File.separator + "dynalite" + File.separator + "package.json"));
  }

  // The server's error output, for a failure message.
  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "(no error output)";
    }
  }
}
