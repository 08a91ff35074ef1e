package io.datalakewlm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code wlm} command: one entry point for the local runtime, the simulator, the offline
 * checks and the operators' tools. Each subcommand is a small class of its own.
 */
@Command(
    name = "wlm",
    mixinStandardHelpOptions = true,
    version = "datalake-wlm 0.1.0",
    description = {"Workload management for data lake ingestion pipelines on AWS Step Functions.",
        "Exit codes: 0 the command ran; 1 a service failed (AWS, DynamoDB, dynalite); 2 bad input (a file, an option, "
            + "a value)."},
    subcommands = {ExecuteCommand.class, SimulateCommand.class, ValidateCommand.class, BenchCommand.class,
        LocalCommand.class, WorkersCommand.class,
        PrioritiesCommand.class, StatusCommand.class, ReapCommand.class, DeadLettersCommand.class, IntakeCommand.class,
        CommandLine.HelpCommand.class})
public final class Wlm {
  /** Exit code of a command that could not run because of its input (bad file, bad option). */
  static final int INVALID_INPUT = 2;
  /** Exit code of a command whose input was fine but whose work failed (DynamoDB unreachable, a table missing). */
  static final int FAILED = 1;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line with its output and errors going to the given writers. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new Wlm());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      CommandLine command = exception.getCommandLine();
      command.getErr().println("wlm: " + exception.getMessage());
      command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
      return INVALID_INPUT;
    });
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError exhausted) {
      // A day too large for the heap is a sizing problem the user can fix, not a crash to dump.
      err.println("wlm: ran out of memory (Java heap of " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MiB): give it more, e.g. WLM_JAVA_OPTS=-Xmx8g ./wlm ...");
      return FAILED;
    }
  }
}
