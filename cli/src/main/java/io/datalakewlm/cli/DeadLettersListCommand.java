package io.datalakewlm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.queue.DeadLetter;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code wlm dead-letters list}: every dead-lettered item, oldest death first, with its dataset,
 * stage, priority, attempts, the error and cause of its last failure (the cause shortened in the
 * table, whole in JSON) and how long ago it died. Read through the lane index, no table scan.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the dead-lettered items: key, dataset, stage, priority, attempts, error, cause, age since death.",
      "Read through the lane index (no table scan); --json gives the causes in full.",
      "Exit 0 when it ran, 1 when DynamoDB fails (no credentials, unreachable, access denied, throttled), 2 for bad options."
    })
final class DeadLettersListCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The most characters of a cause the table shows. */
  private static final int CAUSE_WIDTH = 60;

  @Spec CommandSpec spec;

  @Mixin DynamoDbOptions dynamo;

  @Option(names = "--dataset", paramLabel = "TEAM-DATASET", description = "Only this dataset's dead letters.")
  String dataset;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      String datasetName = DeadLettersCommand.datasetName(dataset);
      try (DynamoDbConnection connection = dynamo.open()) {
        Workers workers = DynamoDbOptions.workers(connection);
        List<DeadLetter> dead = workers.queue().deadLetters().list(datasetName);
        Instant now = workers.clock().instant();
        if (json) {
          out.println(toJson(dead, now));
        } else {
          printText(out, dead, now);
        }
        return 0;
      }
    } catch (DynamoDbOptions.InvalidOptionException e) {
      err.println("wlm dead-letters list: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (StoreException | IllegalStateException | UncheckedIOException | SdkException e) {
      err.println("wlm dead-letters list: " + ServiceFailure.describe(e));
      return Wlm.FAILED;
    }
  }

  // A heading with the count, then one row per dead letter.
  private void printText(PrintWriter out, List<DeadLetter> dead, Instant now) {
    out.println("Dead letters in " + Table.QUEUE.physicalName(dynamo.environment)
        + (dataset == null ? "" : " for " + dataset) + ": " + (dead.isEmpty() ? "none" : dead.size() + " item(s)"));
    TextTable table = new TextTable("OBJECT KEY", "DATASET", "STAGE", "PRIORITY", "ATTEMPTS", "DIED", "ERROR", "CAUSE");
    for (DeadLetter d : dead) {
      table.row(d.objectKey(), d.item().datasetName(), d.item().stage(), d.item().priority().level(),
          d.item().attempts(), d.deadAt() == null ? "-" : TextTable.human(Duration.between(d.deadAt(), now)) + " ago",
          d.error(), shortened(d.cause()));
    }
    if (!table.isEmpty()) {
      table.print(out, "  ");
    }
  }

  private ObjectNode toJson(List<DeadLetter> dead, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("environment", dynamo.environment);
    root.put("at", now.toString());
    root.put("deadLettered", dead.size());
    ArrayNode items = root.putArray("deadLetters");
    for (DeadLetter d : dead) {
      ObjectNode item = items.addObject().put("objectKey", d.objectKey()).put("dataset", d.item().datasetName())
          .put("team", d.item().team()).put("stage", d.item().stage()).put("source", d.item().source())
          .put("priority", d.item().priority().level()).put("attempts", d.item().attempts())
          .put("error", d.error()).put("cause", d.cause()).put("enqueuedAt", d.item().enqueuedAt().toString());
      if (d.deadAt() == null) {
        item.putNull("deadAt");
      } else {
        item.put("deadAt", d.deadAt().toString())
            .put("deadSeconds", Math.max(0, Duration.between(d.deadAt(), now).getSeconds()));
      }
    }
    return root;
  }

  // A cause on one line, cut to the table's width.
  private static String shortened(String cause) {
    String line = cause.replaceAll("\\s+", " ").strip();
    return line.length() <= CAUSE_WIDTH ? line : line.substring(0, CAUSE_WIDTH - 3) + "...";
  }
}
