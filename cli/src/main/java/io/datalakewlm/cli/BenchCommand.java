package io.datalakewlm.cli;

import io.datalakewlm.cli.bench.RuntimeBench;
import io.datalakewlm.cli.bench.SimulateBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wlm bench}: prints the speed figures quoted in the README, measured on this machine. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure this machine: 'runtime' (state transitions per second), 'simulate' (the example days and "
        + "a day of 10,000 objects replayed through each strategy: scheduling figures, transitions and writes per "
        + "object, wall time and peak heap, and what an idle hour costs).")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WHAT", description = "runtime or simulate")
  String what;

  @Option(names = "--seconds", defaultValue = "3", description = "Measuring time per figure (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--objects", defaultValue = "10000",
      description = "simulate: objects of the generated day (default ${DEFAULT-VALUE}; the account's quota grows with it:"
          + " 50 job runs per 10,000 objects). Other sizes run the generated day only.")
  int objects;

  @Option(names = "--strategy", paramLabel = "LABEL", description = "simulate: run only this strategy (repeatable).")
  java.util.List<String> strategies = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    switch (what) {
      case "runtime" -> new RuntimeBench(spec.commandLine().getOut()).run(seconds);
      case "simulate" -> {
        if (objects < 500 || objects > 10_000_000) {
          spec.commandLine().getErr().println("wlm bench: --objects " + objects + " is out of range; give 500 to 10000000");
          return Wlm.INVALID_INPUT;
        }
        new SimulateBench(spec.commandLine().getOut()).run(objects, strategies);
      }
      default -> {
        spec.commandLine().getErr().println("wlm bench: unknown benchmark '" + what + "'; choose runtime or simulate");
        return Wlm.INVALID_INPUT;
      }
    }
    return 0;
  }
}
