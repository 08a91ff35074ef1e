package io.datalakewlm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.queue.DeadLetter;
import io.datalakewlm.workers.queue.DeadLetterOutcome;
import io.datalakewlm.workers.queue.DeadLetters;
import io.datalakewlm.workers.store.StoreException;
import io.datalakewlm.workers.store.dynamodb.DynamoDbConnection;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What {@code wlm dead-letters requeue} and {@code purge} share: which dead letters (exactly one
 * of {@code --all}, {@code --dataset}, {@code --key} repeated), the change of each, and the report
 * of what was changed and what was skipped and why. The selection is read from the lane index,
 * then each item is changed by its own write conditional on its DEAD status, so a key that another
 * operator or a running worker changed meanwhile is skipped, never changed twice.
 */
abstract class DeadLetterChange implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin DynamoDbOptions dynamo;

  @Option(names = "--all", description = "Every dead letter.")
  boolean all;

  @Option(names = "--dataset", paramLabel = "TEAM-DATASET", description = "Every dead letter of this dataset.")
  String dataset;

  @Option(names = "--key", paramLabel = "OBJECT_KEY", description = "This object's dead letter (repeatable).")
  List<String> keys = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON object: what was changed and what was skipped.")
  boolean json;

  /** The subcommand's name, e.g. {@code requeue}. */
  abstract String name();

  /** What was done to the changed items, e.g. {@code Requeued}. */
  abstract String done();

  /** Changes the selected keys' dead letters. */
  abstract DeadLetterOutcome change(DeadLetters deadLetters, List<String> objectKeys);

  /**
   * Refuses to run before anything is read, e.g. a purge without {@code --yes}.
   *
   * @throws DynamoDbOptions.InvalidOptionException with the line that says why and what to add
   */
  void check() throws DynamoDbOptions.InvalidOptionException {
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      String datasetName = selection();
      check();
      try (DynamoDbConnection connection = dynamo.open()) {
        DeadLetters deadLetters = DynamoDbOptions.workers(connection).queue().deadLetters();
        List<String> selected = keys.isEmpty()
            ? deadLetters.list(datasetName).stream().map(DeadLetter::objectKey).toList() : keys;
        DeadLetterOutcome outcome = change(deadLetters, selected);
        if (json) {
          out.println(toJson(outcome));
        } else {
          printText(out, outcome, connection);
        }
        return 0;
      }
    } catch (DynamoDbOptions.InvalidOptionException e) {
      err.println("wlm dead-letters " + name() + ": " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (StoreException | IllegalStateException | UncheckedIOException | SdkException e) {
      err.println("wlm dead-letters " + name() + ": " + ServiceFailure.describe(e));
      return Wlm.FAILED;
    }
  }

  // Checks that exactly one selection was given; the dataset name, or null.
  private String selection() throws DynamoDbOptions.InvalidOptionException {
    int given = (all ? 1 : 0) + (dataset != null ? 1 : 0) + (keys.isEmpty() ? 0 : 1);
    if (given != 1) {
      throw new DynamoDbOptions.InvalidOptionException("say which dead letters with one of --all, "
          + "--dataset TEAM-DATASET or --key OBJECT_KEY (repeatable)" + (given > 1 ? ", not several" : ""));
    }
    if (keys.stream().anyMatch(String::isBlank)) {
      throw new DynamoDbOptions.InvalidOptionException("--key needs an object key, got an empty one");
    }
    return DeadLettersCommand.datasetName(dataset);
  }

  // The changed items, then the skipped keys with their reasons.
  private void printText(PrintWriter out, DeadLetterOutcome outcome, DynamoDbConnection connection) {
    if (outcome.changed().isEmpty() && outcome.skipped().isEmpty()) {
      out.println("No dead letters" + (dataset == null ? "" : " for " + dataset) + " on " + dynamo.where(connection)
          + ", environment " + dynamo.environment + ": nothing to " + name());
      return;
    }
    out.println(done() + " " + outcome.changed().size() + " dead letter(s) on " + dynamo.where(connection)
        + ", environment " + dynamo.environment + (outcome.changed().isEmpty() ? "" : ":"));
    TextTable changed = new TextTable("OBJECT KEY", "DATASET", "STAGE", "PRIORITY", "LAST ERROR");
    outcome.changed().forEach(d -> changed.row(d.objectKey(), d.item().datasetName(), d.item().stage(),
        d.item().priority().level(), d.error()));
    if (!changed.isEmpty()) {
      changed.print(out, "  ");
    }
    if (!outcome.skipped().isEmpty()) {
      out.println("Skipped " + outcome.skipped().size() + ":");
      TextTable skipped = new TextTable("OBJECT KEY", "WHY");
      outcome.skipped().forEach(s -> skipped.row(s.objectKey(), s.reason()));
      skipped.print(out, "  ");
    }
  }

  private ObjectNode toJson(DeadLetterOutcome outcome) {
    ObjectNode root = JSON.createObjectNode();
    root.put("environment", dynamo.environment);
    ArrayNode changed = root.putArray(done().toLowerCase(Locale.ROOT));
    outcome.changed().forEach(d -> changed.addObject().put("objectKey", d.objectKey())
        .put("dataset", d.item().datasetName()).put("stage", d.item().stage()));
    ArrayNode skipped = root.putArray("skipped");
    outcome.skipped().forEach(s -> skipped.addObject().put("objectKey", s.objectKey()).put("reason", s.reason()));
    return root;
  }
}
