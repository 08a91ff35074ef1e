package io.datalakewlm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wlm dead-letters}: the queue's dead-lettered items (attempts spent), for operators. */
@Command(
    name = "dead-letters",
    mixinStandardHelpOptions = true,
    description = {
      "List, requeue or purge the dead-lettered items of wlm-queue-<env> (their attempts were spent).",
      "Each change is made only while the item is still dead-lettered: safe to repeat, safe while workers run."
    },
    subcommands = {DeadLettersListCommand.class, DeadLettersRequeueCommand.class, DeadLettersPurgeCommand.class,
        CommandLine.HelpCommand.class})
final class DeadLettersCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /**
   * Checks a {@code --dataset} value: the SDLF dataset name {@code team-dataset}.
   *
   * @throws DynamoDbOptions.InvalidOptionException when it is not of that form
   */
  static String datasetName(String value) throws DynamoDbOptions.InvalidOptionException {
    if (value != null && !value.matches("[^\\s-]+-\\S+")) {
      throw new DynamoDbOptions.InvalidOptionException("--dataset must be TEAM-DATASET, e.g. engineering-legislators,"
          + " got '" + value + "'");
    }
    return value;
  }
}
