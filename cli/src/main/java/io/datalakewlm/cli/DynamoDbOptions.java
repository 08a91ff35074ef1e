package io.datalakewlm.cli;

import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.service.RegionChoice;
import io.datalakewlm.workers.store.dynamodb.DynamoDbConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options shared by the commands that work on the tables (a picocli mixin): where DynamoDB
 * is (AWS, an endpoint, or a throw-away dynalite) and which environment's tables to use.
 */
final class DynamoDbOptions {

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "A DynamoDB endpoint instead of AWS's (dynalite, LocalStack), e.g. http://127.0.0.1:4567.")
  URI endpoint;

  @Option(names = "--region", paramLabel = "REGION",
      description = "The AWS region (default: AWS_REGION or the profile's; us-east-1 with --endpoint-url or --dynalite).")
  String region;

  @Option(names = "--env", paramLabel = "ENV", defaultValue = "dev",
      description = "The environment: the tables are <base>-ENV (default: ${DEFAULT-VALUE}).")
  String environment;

  @Option(names = "--dynalite",
      description = "Start a throw-away dynalite with empty tables for this one command (to try it; nothing is kept).")
  boolean dynalite;

  @Option(names = "--create-tables", description = "Create the tables that do not exist yet (for a local endpoint).")
  boolean createTables;

  /**
   * Opens the store.
   *
   * @throws InvalidOptionException for options that contradict each other
   */
  DynamoDbConnection open() throws InvalidOptionException {
    if (dynalite && endpoint != null) {
      throw new InvalidOptionException("give --endpoint-url or --dynalite, not both");
    }
    if (!environment.matches("[A-Za-z0-9_.-]+")) {
      throw new InvalidOptionException("--env must be letters, digits, '_', '.' or '-' (it ends every table name), got '"
          + environment + "'");
    }
    if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
      throw new InvalidOptionException("--endpoint-url must be a URL such as http://127.0.0.1:4567, got '" + endpoint + "'");
    }
    try {
      return DynamoDbConnection.open(endpoint, dynalite, createTables,
          RegionChoice.choose(region, endpoint != null || dynalite), environment);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException(e.getMessage());
    }
  }

  /** The workers over a connection, reading priorities and configs fresh (no cache: a command runs once). */
  static Workers workers(DynamoDbConnection connection) {
    return new Workers(connection.store(), Clock.systemUTC(),
        new Workers.Settings(Duration.ZERO, Workers.Settings.defaults().tombstoneTtl()));
  }

  /** Where the tables are, for messages. */
  String where(DynamoDbConnection connection) {
    if (connection.ephemeral()) {
      return "a throw-away dynalite";
    }
    return connection.endpoint() != null ? connection.endpoint().toString() : "AWS";
  }

  /** Options that cannot work together or values that cannot work: exit code 2. */
  static final class InvalidOptionException extends Exception {
    InvalidOptionException(String message) {
      super(message);
    }
  }
}
