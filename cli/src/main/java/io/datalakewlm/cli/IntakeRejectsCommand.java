package io.datalakewlm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.intake.IntakeReject;
import io.datalakewlm.workers.intake.IntakeRejects;
import io.datalakewlm.workers.store.StoreException;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.dynamodb.DynamoDbConnection;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wlm intake rejects}: the objects of a bucket that the intake did not queue, latest
 * first, with the reason (outside the layout, dataset not registered, no valid priority) and how
 * long ago. One partition query of the rejects table, no scan.
 */
@Command(
    name = "rejects",
    mixinStandardHelpOptions = true,
    description = {
      "List the objects of --bucket the intake rejected: key, reason, size, age, latest first.",
      "Fix the cause (register the dataset in octagon-Dataset, or move the object into the layout) and write the "
          + "object again: its new event queues it.",
      "Exit 2 for invalid options, 1 when DynamoDB cannot be read."
    })
final class IntakeRejectsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin DynamoDbOptions dynamo;

  @Option(names = "--bucket", paramLabel = "BUCKET", required = true,
      description = "The raw bucket (the template's RawBucket).")
  String bucket;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,62}")) {
      err.println("wlm intake rejects: --bucket must be an S3 bucket name (lower-case letters, digits, '.', '-'), got '"
          + bucket + "'");
      return Wlm.INVALID_INPUT;
    }
    try (DynamoDbConnection connection = dynamo.open()) {
      List<IntakeReject> rejects = new IntakeRejects(connection.store()).list(bucket);
      Instant now = Instant.now();
      if (json) {
        out.println(toJson(rejects, now));
      } else {
        printText(out, rejects, now);
      }
      return 0;
    } catch (DynamoDbOptions.InvalidOptionException e) {
      err.println("wlm intake rejects: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (StoreException | IllegalStateException | UncheckedIOException e) {
      err.println("wlm intake rejects: " + e.getMessage());
      return Wlm.FAILED;
    }
  }

  // A heading with the count, then one row per reject.
  private void printText(PrintWriter out, List<IntakeReject> rejects, Instant now) {
    out.println("Intake rejects of " + bucket + " in " + Table.INTAKE_REJECTS.physicalName(dynamo.environment) + ": "
        + (rejects.isEmpty() ? "none" : rejects.size() + " object(s)"));
    TextTable table = new TextTable("OBJECT KEY", "REJECTED", "SIZE", "REASON");
    for (IntakeReject r : rejects) {
      table.row(r.objectKey(), TextTable.human(Duration.between(r.rejectedAt(), now)) + " ago", r.size(), r.reason());
    }
    if (!table.isEmpty()) {
      table.print(out, "  ");
    }
  }

  private ObjectNode toJson(List<IntakeReject> rejects, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("environment", dynamo.environment);
    root.put("bucket", bucket);
    root.put("at", now.toString());
    root.put("rejected", rejects.size());
    ArrayNode items = root.putArray("rejects");
    for (IntakeReject r : rejects) {
      items.addObject().put("objectKey", r.objectKey()).put("reason", r.reason()).put("version", r.version())
          .put("size", r.size()).put("rejectedAt", r.rejectedAt().toString());
    }
    return root;
  }
}
