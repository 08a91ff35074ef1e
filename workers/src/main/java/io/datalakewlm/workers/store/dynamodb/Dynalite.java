package io.datalakewlm.workers.store.dynamodb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>dynalite is found, and installed on first use, where {@link DynaliteInstallation} says:
 * the project's install location, never the working directory. Caveat: dynalite has no
 * transactions and no TTL, which is why the workers use neither.
 */
public final class Dynalite implements AutoCloseable {

  /** What to do when Node.js is missing. */
  static final String NO_NODE = "dynalite needs Node.js, and node or npm is not on the PATH: install Node.js 18 or "
      + "later (e.g. apt-get install nodejs npm), or give the command a running DynamoDB's endpoint instead";

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

  /**
   * Starts a server from the project's dynalite installation, installing it first if missing
   * (saying so on standard error).
   *
   * @throws IllegalStateException saying what to install or set when dynalite cannot run
   */
  public static Dynalite start() {
    DynaliteInstallation installation = DynaliteInstallation.locate().orElseThrow(() -> new IllegalStateException(
        "dynalite is not installed and this wlm has no install location to put it (no package.json that pins it "
            + "above its jar): set WLM_DYNALITE_HOME to the folder that holds node_modules/dynalite"));
    installation.installIfMissing(System.err::println);
    return start(installation.root());
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
      throw new IllegalStateException(NO_NODE + " (cannot run `" + node + "`)", e);
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

  // The server's error output, for a failure message.
  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "(no error output)";
    }
  }
}
