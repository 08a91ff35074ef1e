package io.datalakewlm.local.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An AWS JSON 1.0 service on loopback: {@code POST /} with {@code Content-Type:
 * application/x-amz-json-1.0}, the action in {@code X-Amz-Target: <prefix>.<Action>}, the
 * request members as a JSON object; the answer is a JSON object, or an error body
 * {@code {"__type": …, "message": …}} with the error's HTTP status (and the code in
 * {@code x-amzn-ErrorType}, which the SDKs read first).
 *
 * <p>Requests must carry the headers a Signature Version 4 client sends ({@code Authorization:
 * AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…} and {@code X-Amz-Date}); the
 * signature itself is not checked, so any credentials work. Every failure is an answer: a body that
 * is not JSON is a {@code SerializationException}, an unknown action an
 * {@code UnknownOperationException}, and an unexpected exception (a bug) is logged and answered as
 * {@code InternalFailure}; no request can stop the server.
 *
 * <p>Requests run on a pool of daemon threads that grows with demand, because activity long polls
 * hold a thread for up to a minute each.
 */
public final class AwsJsonServer implements AutoCloseable {
  /** The largest body read: a 1 MiB definition plus its JSON escaping and the other members. */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=[^/\\s,]+/\\d{8}/[^/\\s,]+/[^/\\s,]+/aws4_request,\\s*SignedHeaders=[a-z0-9;\\-]+,"
          + "\\s*Signature=[0-9a-f]{64}");
  private static final System.Logger LOG = System.getLogger(AwsJsonServer.class.getName());

  static {
    // The JDK server writes a response's headers and body separately; without TCP_NODELAY, Nagle's
    // algorithm holds the body back until the client's delayed ACK, about 40 ms per request.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final ObjectMapper json;
  private final String targetPrefix;
  private final Map<String, Operation> operations;
  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * Binds 127.0.0.1:{@code port} (0 for a free port) and starts serving.
   *
   * @param targetPrefix the service part of {@code X-Amz-Target}, e.g. {@code AWSStepFunctions}
   * @param operations action name → operation
   */
  public AwsJsonServer(int port, String targetPrefix, Map<String, Operation> operations, ObjectMapper json)
      throws IOException {
    this.json = json;
    this.targetPrefix = targetPrefix + ".";
    this.operations = Map.copyOf(operations);
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    server.createContext("/", this::serve);
    server.setExecutor(executor);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting requests and ends the exchanges in progress after at most a second. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // One exchange: always answered, whatever happens.
  private void serve(HttpExchange exchange) {
    String requestId = UUID.randomUUID().toString();
    try (exchange) {
      JsonNode answer;
      try {
        answer = answer(exchange);
      } catch (ApiException e) {
        writeError(exchange, requestId, e.code(), e.getMessage(), e.resourceName());
        return;
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed", e);
        writeError(exchange, requestId, ErrorCode.INTERNAL_FAILURE, "Internal failure (request " + requestId + ")", null);
        return;
      }
      write(exchange, requestId, 200, answer, null);
    } catch (IOException e) {
      // The client went away; nothing is left to answer.
      LOG.log(System.Logger.Level.DEBUG, "request " + requestId + ": " + e.getMessage());
    }
  }

  // Checks the protocol, reads the body and runs the action.
  private JsonNode answer(HttpExchange exchange) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    if (!"POST".equals(exchange.getRequestMethod())) {
      drain(exchange.getRequestBody());
      throw ErrorCode.UNKNOWN_OPERATION.exception("Only POST requests to / are served (AWS JSON 1.0 protocol), not "
          + exchange.getRequestMethod());
    }
    byte[] bytes = readBody(exchange.getRequestBody());
    checkSignature(headers);
    String target = headers.getFirst("X-Amz-Target");
    if (target == null || !target.startsWith(targetPrefix) || !operations.containsKey(target.substring(targetPrefix.length()))) {
      throw ErrorCode.UNKNOWN_OPERATION.exception(target == null
          ? "Missing X-Amz-Target header: it names the action, e.g. " + targetPrefix + "ListStateMachines"
          : "Unknown operation " + target);
    }
    String contentType = headers.getFirst("Content-Type");
    if (contentType == null || !contentType.trim().toLowerCase().startsWith(CONTENT_TYPE)) {
      throw ErrorCode.SERIALIZATION.exception("Content-Type must be " + CONTENT_TYPE + ", was " + contentType);
    }
    String action = target.substring(targetPrefix.length());
    return operations.get(action).handle(new Request(action, parse(bytes)));
  }

  // Requires the shape of a Signature Version 4 request; the signature is not verified.
  private static void checkSignature(Headers headers) {
    String authorization = headers.getFirst("Authorization");
    if (authorization == null || authorization.isBlank()) {
      throw ErrorCode.MISSING_AUTHENTICATION_TOKEN.exception("Missing Authentication Token");
    }
    if (!AUTHORIZATION.matcher(authorization.trim()).matches()) {
      throw ErrorCode.INCOMPLETE_SIGNATURE.exception("Authorization header requires 'Credential', 'SignedHeaders' and "
          + "'Signature' parameters of an AWS4-HMAC-SHA256 signature: " + authorization);
    }
    if (headers.getFirst("X-Amz-Date") == null && headers.getFirst("Date") == null) {
      throw ErrorCode.INCOMPLETE_SIGNATURE.exception(
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
  }

  // The body as a JSON object; an empty body stands for {}.
  private ObjectNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      return json.createObjectNode();
    }
    JsonNode node;
    try {
      node = json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ErrorCode.SERIALIZATION.exception("The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ErrorCode.SERIALIZATION.exception("The request body cannot be read: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      return json.createObjectNode();
    }
    if (!node.isObject()) {
      throw ErrorCode.SERIALIZATION.exception("The request body must be a JSON object, not " + node.getNodeType());
    }
    return (ObjectNode) node;
  }

  // Reads the body up to the limit; a larger one is drained and refused.
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      drain(in);
      throw ErrorCode.REQUEST_ENTITY_TOO_LARGE.exception("Request body larger than " + MAX_BODY_BYTES + " bytes");
    }
    return bytes;
  }

  // Reads and drops the rest of a body, so the connection can be reused.
  private static void drain(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
  }

  // An error answer: {"__type", "message"} (and "resourceName" when the error names one) with the code's status.
  private void writeError(HttpExchange exchange, String requestId, ErrorCode code, String message, String resourceName)
      throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("__type", code.type());
    body.put("message", message);
    if (resourceName != null) {
      body.put("resourceName", resourceName);
    }
    write(exchange, requestId, code.httpStatus(), body, code.code());
  }

  // Writes one JSON answer with the protocol's headers.
  private void write(HttpExchange exchange, String requestId, int status, JsonNode body, String errorType)
      throws IOException {
    byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", CONTENT_TYPE);
    headers.set("x-amzn-RequestId", requestId);
    if (errorType != null) {
      headers.set("x-amzn-ErrorType", errorType);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  // Request threads that never keep the JVM alive.
  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "wlm-local-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
