package io.datalakewlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the bad-input catalogue ({@code src/test/resources/bad-input/catalogue.txt}): each entry's
 * command must exit with its code and print its exact first line on stderr, and no line of stderr
 * may name a Java class. A small HTTP server on loopback stands for a DynamoDB that refuses every
 * request with AccessDeniedException, as AWS answers it.
 */
class BadInputCatalogueTest {
  private static final Path DIR = Path.of("src/test/resources/bad-input").toAbsolutePath();
  private static final Path SCENARIO = Path.of("src/test/resources/simulate/tiny-day.yaml").toAbsolutePath();
  /** A package-qualified name or a simple name ending in Exception or Error. */
  private static final Pattern JAVA_CLASS =
      Pattern.compile("\\b(java|javax|com|org|software|io)\\.[a-z]+\\.|\\b[A-Z][A-Za-z]+(Exception|Error)\\b");

  private static ServerSocket busy;
  private static HttpServer denied;
  private static int closedPort;

  @BeforeAll
  static void servers() throws IOException {
    busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    denied = refusing("AccessDeniedException", "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: "
        + "dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:123456789012:table/wlm-lanes-dev because no "
        + "identity-based policy allows the dynamodb:Query action");
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = free.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws IOException {
    busy.close();
    denied.stop(0);
  }

  @TestFactory
  Stream<DynamicTest> everyEntryExitsWithItsCodeAndItsFirstLine() throws IOException {
    return entries().stream().map(entry -> DynamicTest.dynamicTest(String.join(" ", entry.args()), () -> {
      SimulateCommandTest.Result result = SimulateCommandTest.wlm(entry.args());
      String first = result.err().lines().findFirst().orElse("");
      assertEquals(entry.firstLine(), first, result.err());
      assertEquals(entry.exitCode(), result.exitCode(), result.err());
      result.err().lines().forEach(line -> assertFalse(JAVA_CLASS.matcher(line).find(), "a Java name in: " + line));
    }));
  }

  @Test
  void theCatalogueCoversEveryCommandThatReadsAFileOrCallsDynamoDb() throws IOException {
    List<String> commands = entries().stream().map(e -> e.args()[0]).distinct().toList();
    for (String command : List.of("simulate", "execute", "priorities", "workers", "local", "validate", "status",
        "reap", "dead-letters")) {
      assertTrue(commands.contains(command), command + " has no entry");
    }
  }

  @Test
  void withoutCredentialsTheStatusSaysWhatToSetInOneLine() throws Exception {
    Path home = Files.createTempDirectory("wlm-home");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Wlm.class.getName(), "status", "--region", "us-east-1")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    env.put("HOME", home.toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", home.resolve("none").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals("wlm status: " + ServiceFailure.NO_CREDENTIALS, err.strip(), err);
    assertEquals(Wlm.FAILED, process.exitValue());
  }

  record Entry(String[] args, int exitCode, String firstLine) {}

  // The catalogue's entries with the placeholders filled in.
  private static List<Entry> entries() throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve("catalogue.txt"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += 2) {
      String command = fill(lines.get(i));
      assertTrue(command.startsWith("$ wlm "), "an entry starts with '$ wlm ': " + command);
      String expected = fill(lines.get(i + 1));
      int space = expected.indexOf(' ');
      entries.add(new Entry(command.substring(6).split(" "), Integer.parseInt(expected.substring(0, space)),
          expected.substring(space + 1)));
    }
    return entries;
  }

  private static String fill(String line) {
    return line.replace("{dir}", DIR.toString()).replace("{scenario}", SCENARIO.toString())
        .replace("{busy-port}", Integer.toString(busy.getLocalPort()))
        .replace("{closed-host}", "127.0.0.1:" + closedPort)
        .replace("{closed}", "http://127.0.0.1:" + closedPort)
        .replace("{denied}", "http://127.0.0.1:" + denied.getAddress().getPort());
  }

  // A DynamoDB endpoint that answers every request with this error, as DynamoDB's JSON protocol does.
  private static HttpServer refusing(String code, String message) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\",\"message\":\"" + message + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.getResponseHeaders().add("x-amzn-ErrorType", code);
      exchange.sendResponseHeaders(400, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }
}
