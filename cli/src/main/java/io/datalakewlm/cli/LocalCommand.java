package io.datalakewlm.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.mock.InvalidMockConfigException;
import io.datalakewlm.asl.mock.MockConfig;
import io.datalakewlm.asl.parse.InvalidDefinitionException;
import io.datalakewlm.asl.storage.FolderBuckets;
import io.datalakewlm.local.LocalStepFunctions;
import io.datalakewlm.local.protocol.ApiException;
import io.datalakewlm.workers.store.dynamodb.DynamoDbConnection;
import io.datalakewlm.input.InputFile;
import io.datalakewlm.input.InputFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/**
 * {@code wlm local}: the Step Functions API on 127.0.0.1, served by the local runtime, for the
 * AWS CLI ({@code --endpoint-url}), the SDKs and {@code wlm workers}. Around it: a DynamoDB for
 * the workers (a dynalite started here, or the one given) with the tables of the environment,
 * and on request the WLM stack itself ({@code --deploy}: the activities and state machines
 * {@code sam deploy} would create). Runs until SIGTERM or Ctrl-C, then stops the server, the
 * runtime and the dynalite; nothing is kept.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the Step Functions API on 127.0.0.1 (aws stepfunctions --endpoint-url http://127.0.0.1:PORT).",
      "Time runs at wall speed times --time-scale. Activity tasks wait for workers (wlm workers); Glue job",
      "runs and crawlers are emulated (every job and crawler exists); other tasks can be mocked with a Step",
      "Functions Local mock configuration (start executions as stateMachineArn#TestCase).",
      "Starts a dynalite for the workers unless --dynamodb-endpoint or --no-dynalite. Stops on SIGTERM or Ctrl-C.",
      "Exit 2 for invalid options or files (a --port in use, a bad mock configuration), 1 when a service cannot "
          + "start (no Node.js for dynalite, DynamoDB unreachable)."
    })
final class LocalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8083",
      description = "The loopback port (default ${DEFAULT-VALUE}, as Step Functions Local; 0 for a free port).")
  int port;

  @Option(names = "--time-scale", paramLabel = "X", defaultValue = "1",
      description = "How much faster than the wall clock time runs (default ${DEFAULT-VALUE}; 1000 makes a 3,600 s Wait last 3.6 s).")
  double timeScale;

  @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1",
      description = "The region in ARNs (default ${DEFAULT-VALUE}); the account is always 123456789012.")
  String region;

  @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
      description = "The workers' DynamoDB (e.g. a running dynalite): its tables are created if missing.")
  URI dynamoDbEndpoint;

  @Option(names = "--no-dynalite", description = "Start no DynamoDB (the workers bring their own).")
  boolean noDynalite;

  @Option(names = "--env", paramLabel = "ENV", defaultValue = "dev",
      description = "The environment of the tables and of --deploy (default ${DEFAULT-VALUE}).")
  String environment;

  @Option(names = "--deploy",
      description = "Create the WLM activities and state machines of --env, as sam deploy would (template defaults).")
  boolean deploy;

  @Option(names = "--parameter", paramLabel = "NAME=VALUE",
      description = "A template parameter for --deploy, over the template's default (repeatable).")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--glue-job-seconds", paramLabel = "S", defaultValue = "60",
      description = "How long an emulated Glue job run lasts, in runtime seconds (default ${DEFAULT-VALUE}).")
  long jobSeconds;

  @Option(names = "--crawl-seconds", paramLabel = "S", defaultValue = "60",
      description = "How long an emulated crawl lasts, in runtime seconds (default ${DEFAULT-VALUE}).")
  long crawlSeconds;

  @Option(names = "--mock-config", paramLabel = "FILE",
      description = "A Step Functions Local mock configuration (MockConfigFile.json).")
  Path mockConfig;

  @Option(names = "--s3-root", paramLabel = "DIR",
      description = "A folder standing in for S3 (DIR/<bucket>/<key> is an object): the Distributed Maps of the"
          + " executions the endpoint runs read their ItemReader items from it and write their ResultWriter results to it.")
  Path s3Root;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of retry jitter, task tokens and emulated run ids (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LocalStepFunctions.Options options;
    try {
      options = options();
    } catch (IllegalArgumentException | InvalidMockConfigException | InputFileException
        | ExecuteCommand.InvalidInputException e) {
      err.println("wlm local: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    }
    DynamoDbConnection dynamoDb = null;
    LocalStepFunctions endpoint = null;
    try {
      if (dynamoDbEndpoint != null || !noDynalite) {
        dynamoDb = DynamoDbConnection.open(dynamoDbEndpoint, dynamoDbEndpoint == null, true, Region.of(region),
            environment);
      }
      // the intake machine's direct DynamoDB writes go to the tables the workers read
      endpoint = LocalStepFunctions.start(dynamoDb == null ? options : options.withDynamoDb(dynamoDb.endpoint()),
          s3Root == null ? null : new FolderBuckets(s3Root));
      String deployed = deploy ? deploy(endpoint) : null;
      report(out, endpoint, dynamoDb, deployed);
    } catch (InvalidDefinitionException e) {
      err.println("wlm local: --deploy: " + e.getMessage());
      err.println("wlm local: a ${Name} without a value is a template parameter with no default in sam-template.yaml;"
          + " give it with --parameter NAME=VALUE");
      close(endpoint, dynamoDb);
      return Wlm.INVALID_INPUT;
    } catch (ApiException e) {
      err.println("wlm local: --deploy: " + e.code().code() + ": " + e.getMessage());
      close(endpoint, dynamoDb);
      return Wlm.INVALID_INPUT;
    } catch (IOException | RuntimeException e) {
      err.println("wlm local: cannot start: " + ServiceFailure.describe(e));
      close(endpoint, dynamoDb);
      return Wlm.FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    LocalStepFunctions server = endpoint;
    DynamoDbConnection database = dynamoDb;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      close(server, database);
      err.println("wlm local: stopped");
      err.flush();
      stopped.countDown();
    }, "wlm-local-stop"));
    stopped.await();
    return 0;
  }

  // The endpoint's options from the command line, checked.
  private LocalStepFunctions.Options options()
      throws InvalidMockConfigException, InputFileException, ExecuteCommand.InvalidInputException {
    if (dynamoDbEndpoint != null && noDynalite) {
      throw new IllegalArgumentException("give --dynamodb-endpoint or --no-dynalite, not both");
    }
    if (dynamoDbEndpoint != null && (dynamoDbEndpoint.getScheme() == null || dynamoDbEndpoint.getHost() == null)) {
      throw new IllegalArgumentException("--dynamodb-endpoint must be a URL such as http://127.0.0.1:4567, got '"
          + dynamoDbEndpoint + "'");
    }
    if (!environment.matches("[a-z0-9]+")) {
      throw new IllegalArgumentException("--env must be lower-case letters and digits, got '" + environment + "'");
    }
    if (!parameters.isEmpty() && !deploy) {
      throw new IllegalArgumentException("--parameter sets template parameters for --deploy; add --deploy");
    }
    ExecuteCommand.checkS3Root(s3Root);
    checkPort();
    if (jobSeconds < 1 || crawlSeconds < 1) {
      throw new IllegalArgumentException("--glue-job-seconds and --crawl-seconds must be at least 1");
    }
    MockConfig mocks = mockConfig == null ? null : MockConfig.parse(mockConfig.toString(), InputFile.readJson(mockConfig));
    return new LocalStepFunctions.Options(port, timeScale, region, Duration.ofSeconds(jobSeconds),
        Duration.ofSeconds(crawlSeconds), mocks, Duration.ofSeconds(60), seed, null);
  }

  // Refuses a --port out of range or taken, before dynalite or anything else starts.
  private void checkPort() {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port " + port + " is not a port; give 1 to 65535, or 0 for a free one");
    }
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IllegalArgumentException("--port " + port + ": the port is in use on 127.0.0.1 (another wlm local or "
          + "Step Functions Local?); stop it, or give another --port, or --port 0 for a free one");
    }
  }

  // Creates the stack's activities and state machines through the endpoint's own actions.
  private String deploy(LocalStepFunctions endpoint) {
    WlmStack stack = new WlmStack(region, LocalStepFunctions.DEFAULT_ACCOUNT, environment, parameters);
    for (String activity : stack.activityNames()) {
      endpoint.call("CreateActivity", JsonNodeFactory.instance.objectNode().put("name", activity));
    }
    Map<String, String> machines = stack.stateMachines();
    machines.forEach((name, definition) -> {
      ObjectNode request = JsonNodeFactory.instance.objectNode();
      request.put("name", name);
      request.put("definition", definition);
      request.put("roleArn", "arn:aws:iam::" + LocalStepFunctions.DEFAULT_ACCOUNT + ":role/wlm-states-" + environment);
      request.put("type", stack.type(name));
      endpoint.call("CreateStateMachine", request);
    });
    return stack.activityNames().size() + " activities and " + machines.size() + " state machines of environment "
        + environment + " (" + String.join(", ", machines.keySet()) + ")";
  }

  // What a user needs to connect: the endpoints and the workers' command line.
  private void report(PrintWriter out, LocalStepFunctions endpoint, DynamoDbConnection dynamoDb, String deployed) {
    URI sfn = endpoint.endpoint();
    out.println("wlm local: Step Functions endpoint " + sfn + " (region " + region + ", account "
        + LocalStepFunctions.DEFAULT_ACCOUNT + ", time scale " + scaleText() + ")");
    if (dynamoDb != null) {
      out.println("wlm local: DynamoDB endpoint " + dynamoDb.endpoint() + " ("
          + (dynamoDb.ephemeral() ? "dynalite started here" : "given") + "; tables of environment " + environment + ")");
    }
    if (deployed != null) {
      out.println("wlm local: deployed " + deployed);
    }
    out.println("wlm local: workers: ./wlm workers --env " + environment + " --region " + region + " --sfn-endpoint " + sfn
        + (dynamoDb != null ? " --dynamodb-endpoint " + dynamoDb.endpoint() : " --dynalite"));
    out.println("wlm local: serving until SIGTERM or Ctrl-C");
    out.flush();
  }

  // The scale as typed: 1000, not 1000.0.
  private String scaleText() {
    return timeScale == Math.rint(timeScale) ? Long.toString((long) timeScale) : Double.toString(timeScale);
  }

  // Stops what started, the endpoint first so that no request reaches a closed DynamoDB.
  private static void close(LocalStepFunctions endpoint, DynamoDbConnection dynamoDb) {
    if (endpoint != null) {
      endpoint.close();
    }
    if (dynamoDb != null) {
      dynamoDb.close();
    }
  }
}
