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
    description = "Measure this machine: 'runtime' (state transitions per second), 'simulate' (a day of "
        + "10,000 objects replayed through each strategy: wall time and peak heap).")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WHAT", description = "runtime or simulate")
  String what;

  @Option(names = "--seconds", defaultValue = "3", description = "Measuring time per figure (default ${DEFAULT-VALUE}).")
  double seconds;

  @Override
  public Integer call() {
    switch (what) {
      case "runtime" -> new RuntimeBench(spec.commandLine().getOut()).run(seconds);
      case "simulate" -> new SimulateBench(spec.commandLine().getOut()).run();
      default -> {
        spec.commandLine().getErr().println("wlm bench: unknown benchmark '" + what + "'; choose runtime or simulate");
        return Wlm.INVALID_INPUT;
      }
    }
    return 0;
  }
}
