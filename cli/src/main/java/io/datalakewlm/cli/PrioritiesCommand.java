package io.datalakewlm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wlm priorities}: the priority table ({@code octagon-wlm-<env>}). */
@Command(
    name = "priorities",
    mixinStandardHelpOptions = true,
    description = "Manage the priority table octagon-wlm-<env>.",
    subcommands = {PrioritiesLoadCommand.class, CommandLine.HelpCommand.class})
final class PrioritiesCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
