package io.datalakewlm.cli;

import io.datalakewlm.workers.queue.DeadLetterOutcome;
import io.datalakewlm.workers.queue.DeadLetters;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wlm dead-letters purge}: deletes dead letters for good (the object itself, in S3, is not
 * touched; an Enqueue of its key afterwards queues it anew). Refused without {@code --yes}.
 */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Delete dead letters from the queue for good; refused without --yes.",
      "Select them with --all, --dataset TEAM-DATASET or --key OBJECT_KEY (repeatable); only items still",
      "dead-lettered are deleted. Exit 2 for bad options or without --yes, 1 if DynamoDB fails."
    })
final class DeadLettersPurgeCommand extends DeadLetterChange {

  @Option(names = "--yes", description = "Confirm the deletion (it cannot be undone).")
  boolean yes;

  @Override
  String name() {
    return "purge";
  }

  @Override
  String done() {
    return "Purged";
  }

  @Override
  void check() throws DynamoDbOptions.InvalidOptionException {
    if (!yes) {
      throw new DynamoDbOptions.InvalidOptionException("deleting dead letters cannot be undone; add --yes to delete"
          + " them (nothing was deleted; 'wlm dead-letters list' shows them)");
    }
  }

  @Override
  DeadLetterOutcome change(DeadLetters deadLetters, List<String> objectKeys) {
    return deadLetters.purge(objectKeys);
  }
}
