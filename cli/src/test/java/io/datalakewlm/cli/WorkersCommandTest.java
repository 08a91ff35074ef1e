package io.datalakewlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wlm workers}: a bad config is refused before anything starts, and a running process
 * stops gracefully on SIGTERM (as ECS stops a task). The polls of this test go to a closed port:
 * serving real tasks over HTTP is the local Step Functions endpoint's end-to-end test.
 */
class WorkersCommandTest {

  @TempDir Path dir;

  private record Result(int exitCode, String out, String err) { }

  private static Result wlm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Wlm.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void aBadConfigIsRefusedWithEveryProblemAndItsFix() throws IOException {
    Path config = dir.resolve("workers.yaml");
    Files.writeString(config, """
        environment: Dev
        worker: {heartbeatSeconds: 0}
        activities: {Reap: {pollers: 3, maxConcurrent: 1}}
        """);
    Result result = wlm("workers", "--config", config.toString());
    assertEquals(2, result.exitCode());
    List<String> lines = result.err().lines().toList();
    assertEquals(2, lines.size(), result.err());
    assertTrue(lines.get(0).startsWith("wlm workers: " + config + ": $.environment: "), result.err());
    assertTrue(lines.get(0).contains("Fix: The deployment's Environment parameter"), result.err());
    assertTrue(lines.get(1).startsWith("wlm workers: " + config + ": $.worker.heartbeatSeconds: "), result.err());
  }

  @Test
  void aConfigOrAnEnvironmentIsRequired() {
    Result result = wlm("workers");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("give --config FILE"), result.err());
    Result missing = wlm("workers", "--config", dir.resolve("nope.yaml").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("nope.yaml: no such file"), missing.err());
  }

  @Test
  void sigtermStopsTheWorkerGracefully() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path config = dir.resolve("workers.yaml");
    Files.writeString(config, """
        environment: dev
        stepFunctions: {endpoint: 'http://127.0.0.1:%d', accountId: '123456789012'}
        dynamoDb: {dynalite: true}
        worker: {drainTimeoutSeconds: 5, name: sigterm-test}
        activities: {Reap: {pollers: 1}}
        """.formatted(closedPort));
    Path log = dir.resolve("stderr.log");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Wlm.class.getName(), "workers", "--config", config.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile())
        .start();
    try {
      assertTrue(awaitLine(log, "worker sigterm-test polling 1 activities with 1 pollers", process),
          "the worker did not start: " + Files.readString(log));
      assertTrue(Files.readString(log).contains(
          "INFO WorkerService: Reap <- arn:aws:states:us-east-1:123456789012:activity:wlm-Reap-dev"), Files.readString(log));
      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the worker did not stop on SIGTERM: " + Files.readString(log));
      List<String> lines = Files.readAllLines(log);
      assertTrue(lines.contains("wlm workers: stopped, every task finished; Reap 0 succeeded, 0 failed"),
          String.join("\n", lines));
    } finally {
      process.destroyForcibly();
    }
  }

  // Waits (up to a minute) until the file has a line containing the text, or the process ended.
  private static boolean awaitLine(Path file, String text, Process process) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.readString(file).contains(text)) {
        return true;
      }
      Thread.sleep(50);
    }
    return Files.readString(file).contains(text);
  }
}
