package io.datalakewlm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wlm intake}: what the S3 intake (statemachines/intake.asl.json) did not queue. */
@Command(
    name = "intake",
    mixinStandardHelpOptions = true,
    description = {
      "The intake from S3: the Object Created events of the raw bucket, queued by the wlm-intake-<env> state machine.",
      "Objects whose key fits no registered dataset are kept in wlm-intake-rejects-<env> with the reason."
    },
    subcommands = {IntakeRejectsCommand.class, CommandLine.HelpCommand.class})
final class IntakeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
