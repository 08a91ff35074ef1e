package io.datalakewlm.cli;

import io.datalakewlm.workers.config.ConfigException;
import io.datalakewlm.workers.config.ConfigProblem;
import io.datalakewlm.workers.config.WorkerConfig;
import io.datalakewlm.workers.config.WorkerConfigFile;
import io.datalakewlm.workers.poller.ActivityPoller;
import io.datalakewlm.workers.service.WorkerService;
import io.datalakewlm.input.InputFile;
import io.datalakewlm.input.InputFileException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wlm workers}: the activity worker process. Reads the config file, opens DynamoDB and
 * Step Functions, resolves the activities, then polls until the JVM is asked to stop (SIGTERM
 * from ECS, Ctrl-C): a shutdown hook stops polling, lets the polls in flight and the running
 * tasks finish within the drain timeout, and releases the clients. Logs go to stderr, one line
 * per event.
 */
@Command(
    name = "workers",
    mixinStandardHelpOptions = true,
    description = {
      "Run the activity workers until SIGTERM (config: workers/examples/workers.yaml).",
      "Polls the Step Functions activities wlm-<Handler>-<env>, runs the handlers on DynamoDB, and on",
      "SIGTERM finishes the polls and tasks in flight within the drain timeout. Logs go to stderr.",
      "Exit 2 for an invalid config, 1 when the setup fails (no region, activity or table not found)."
    })
final class WorkersCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "The config file (YAML or JSON).")
  Path config;

  @Option(names = "--env", paramLabel = "ENV", description = "The environment (replaces the file's).")
  String environment;

  @Option(names = "--region", paramLabel = "REGION", description = "The AWS region (replaces the file's).")
  String region;

  @Option(names = "--sfn-endpoint", paramLabel = "URL",
      description = "A Step Functions endpoint instead of the file's or AWS's (the local runtime's).")
  URI sfnEndpoint;

  @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
      description = "A DynamoDB endpoint instead of the file's or AWS's.")
  URI dynamoDbEndpoint;

  @Option(names = "--dynalite", description = "Start a throw-away dynalite for this process (replaces the file's DynamoDB).")
  boolean dynalite;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    WorkerConfig settings;
    try {
      settings = settings();
    } catch (InputFileException e) {
      err.println("wlm workers: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (ConfigException e) {
      e.problems().stream().map(ConfigProblem::toString).forEach(p -> err.println("wlm workers: " + p));
      return Wlm.INVALID_INPUT;
    } catch (IllegalArgumentException e) {
      err.println("wlm workers: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    }
    WorkerService service;
    try {
      service = WorkerService.open(settings);
    } catch (RuntimeException e) {
      // no region, an activity or table not found, Step Functions or DynamoDB unreachable, no node for dynalite
      err.println("wlm workers: " + ServiceFailure.describe(e));
      return Wlm.FAILED;
    }
    Duration drain = settings.drainTimeout().plusSeconds(15);
    Thread hook = new Thread(() -> {
      service.shutdown();
      try {
        service.awaitTermination(drain);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      service.close();
      summary(err, service);
    }, "wlm-workers-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    service.start();
    while (!service.awaitTermination(Duration.ofDays(1))) {
      // polling until a stop; the hook drains and closes
    }
    return 0;
  }

  // The last line of a run: how the drain ended and what each activity did.
  private static void summary(PrintWriter err, WorkerService service) {
    StringBuilder line = new StringBuilder("wlm workers: stopped, ")
        .append(service.poller().drainedCleanly() ? "every task finished" : "drain timeout passed");
    for (ActivityPoller.ActivityStats s : service.poller().stats()) {
      line.append("; ").append(s.handlerName()).append(' ').append(s.succeeded()).append(" succeeded, ")
          .append(s.failed()).append(" failed");
      if (s.dropped() + s.unreported() > 0) {
        line.append(", ").append(s.dropped()).append(" dropped, ").append(s.unreported()).append(" unreported");
      }
    }
    err.println(line);
    err.flush();
  }

  // The config from the file (or the defaults) with the command line's overrides.
  private WorkerConfig settings() throws InputFileException {
    if (config == null && environment == null) {
      throw new IllegalArgumentException("give --config FILE (see workers/examples/workers.yaml) or at least --env ENV");
    }
    if (environment != null && !environment.matches("[a-z0-9]+")) {
      throw new IllegalArgumentException("--env must be lower-case letters and digits, got '" + environment + "'");
    }
    checkEndpoint("--sfn-endpoint", sfnEndpoint);
    checkEndpoint("--dynamodb-endpoint", dynamoDbEndpoint);
    if (dynalite && dynamoDbEndpoint != null) {
      throw new IllegalArgumentException("give --dynamodb-endpoint or --dynalite, not both");
    }
    WorkerConfig base = config != null ? WorkerConfigFile.parse(InputFile.readYaml(config), config.toString())
        : WorkerConfigFile.defaults(environment);
    return base.withOverrides(environment, region, sfnEndpoint, dynamoDbEndpoint, dynalite ? Boolean.TRUE : null);
  }

  private static void checkEndpoint(String option, URI endpoint) {
    if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
      throw new IllegalArgumentException(option + " must be a URL such as http://127.0.0.1:8083, got '" + endpoint + "'");
    }
  }
}
