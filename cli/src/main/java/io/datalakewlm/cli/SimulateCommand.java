package io.datalakewlm.cli;

import io.datalakewlm.simulator.Simulation;
import io.datalakewlm.simulator.report.HtmlReport;
import io.datalakewlm.simulator.report.JsonReport;
import io.datalakewlm.simulator.report.ProgressBar;
import io.datalakewlm.simulator.report.Report;
import io.datalakewlm.simulator.report.SweepReport;
import io.datalakewlm.simulator.report.TableReport;
import io.datalakewlm.simulator.run.Progress;
import io.datalakewlm.simulator.run.StrategyRun;
import io.datalakewlm.input.InputFile;
import io.datalakewlm.input.InputFileException;
import io.datalakewlm.simulator.scenario.KnobTable;
import io.datalakewlm.simulator.scenario.Problem;
import io.datalakewlm.simulator.scenario.Scenario;
import io.datalakewlm.simulator.scenario.ScenarioException;
import io.datalakewlm.simulator.scenario.Setting;
import io.datalakewlm.simulator.scenario.StrategySpec;
import io.datalakewlm.simulator.strategy.Strategies;
import io.datalakewlm.simulator.wlm.StateStore;
import io.datalakewlm.workers.store.dynamodb.Dynalite;
import java.io.IOException;
import java.net.URI;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wlm simulate}: replays a scenario's day through each of its strategies in virtual time
 * and prints the comparison (a table, {@code --json}, and an HTML page with {@code --html}).
 * What-if runs change the scenario with {@code --set} and {@code --sweep} before anything runs, so
 * a bad key or value is refused at once (exit 2) with the scenario layer's message.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {"Replay a scenario's ingestion day through each strategy (no-wlm, retry-only, glue-queuing, wlm) in "
        + "virtual time and compare them: makespan and its lower bound, AWS errors, failed and lost objects, waits per "
        + "priority, fairness, peak concurrency, cost. --list-knobs prints every knob --set can change.",
        "Exit codes: 0 the simulation ran; 1 a service failed (dynalite or DynamoDB, or --html could not be written "
            + "after the run); 2 bad input (scenario, option, --set/--sweep value, an --html path that cannot be "
            + "written)."})
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
      description = "The scenario file (YAML); examples/ has three.")
  Path file;

  @Option(names = "--list-knobs", description = "Print every knob --set can change (quotas and each strategy's knobs)"
      + " with its type, default, allowed values and meaning, as a Markdown table, and exit.")
  boolean listKnobs;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a value of the scenario, e.g. strategies.wlm.maxConcurrency=20 or "
          + "quotas.glueAccountConcurrentRuns=100. Repeatable; applied in order.")
  List<String> settings = new ArrayList<>();

  @Option(names = "--sweep", paramLabel = "KEY=V1,V2,...",
      description = "Run the scenario once per value of KEY and print one row per value.")
  String sweep;

  @Option(names = "--json", description = "Print the report as JSON instead of a table.")
  boolean json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the report with its charts to FILE (one HTML page).")
  Path html;

  @Option(names = "--strategy", paramLabel = "LABEL",
      description = "Run only the strategy with this label (repeatable); default: all of the scenario's.")
  List<String> labels = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "N", description = "Use this seed instead of the scenario's.")
  Long seed;

  @Option(names = "--no-progress", description = "No progress bar on the terminal.")
  boolean noProgress;

  @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
      description = "Keep the wlm workers' state in this DynamoDB (dynalite, or AWS's endpoint) instead of in memory;"
          + " each run creates its own tables.")
  URI dynamoDbEndpoint;

  @Option(names = "--dynalite", description = "Start a dynalite on loopback for the wlm workers' state (slower than the"
      + " default in-memory store, but the real DynamoDB API).")
  boolean dynalite;

  @Option(names = "--region", defaultValue = "us-east-1", description = "The region of --dynamodb-endpoint (default ${DEFAULT-VALUE}).")
  String region;

  private StateStore stateStore = StateStore.MEMORY;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (listKnobs) {
      out.print(KnobTable.markdown());
      out.flush();
      return 0;
    }
    if (file == null) {
      err.println("wlm simulate: give a SCENARIO file (examples/ has three), or --list-knobs");
      err.println("Try 'wlm simulate --help'.");
      return Wlm.INVALID_INPUT;
    }
    Scenario scenario;
    List<Setting> sweepValues;
    List<Scenario> swept = new ArrayList<>();
    try {
      scenario = prepare();
      sweepValues = sweep == null ? List.of() : Setting.parseSweep(sweep);
      List<Problem> refused = new ArrayList<>();
      for (Setting value : sweepValues) {
        try {
          swept.add(scenario.with(List.of(value)));
        } catch (ScenarioException e) {
          e.problems().forEach(p -> refused.add(new Problem("--sweep " + value, 0,
              p.message().replace(" (set by --set " + value + ")", ""), p.fix())));
        }
      }
      if (!refused.isEmpty()) {
        throw new ScenarioException(scenario.file(), refused);
      }
      for (Scenario s : swept.isEmpty() ? List.of(scenario) : swept) {
        selected(s);
      }
      checkHtmlTarget(!sweepValues.isEmpty());
    } catch (InputFileException e) {
      err.println("wlm simulate: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (ScenarioException e) {
      printProblems(err, e);
      return Wlm.INVALID_INPUT;
    } catch (IllegalArgumentException e) {
      err.println("wlm simulate: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    }
    if (dynalite && dynamoDbEndpoint != null) {
      err.println("wlm simulate: give --dynalite or --dynamodb-endpoint, not both");
      return Wlm.INVALID_INPUT;
    }
    Dynalite server = null;
    if (dynalite) {
      try {
        server = Dynalite.start();
      } catch (RuntimeException e) {
        err.println("wlm simulate: cannot start dynalite: " + e.getMessage());
        return Wlm.FAILED;
      }
      stateStore = StateStore.dynamoDb(server.endpoint(), region);
    } else if (dynamoDbEndpoint != null) {
      stateStore = StateStore.dynamoDb(dynamoDbEndpoint, region);
    }
    try {
      return simulate(out, err, scenario, sweepValues, swept);
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  // One problem on one line after the command's name; several under a heading naming the file.
  private static void printProblems(PrintWriter err, ScenarioException e) {
    if (e.problems().size() == 1) {
      err.println("wlm simulate: " + e.problems().get(0).format(e.file()));
    } else {
      err.println(e.getMessage());
    }
  }

  // Runs the scenario (or the sweep) and prints the report.
  private int simulate(PrintWriter out, PrintWriter err, Scenario scenario, List<Setting> sweepValues, List<Scenario> swept) {
    ProgressBar bar = json || noProgress || System.console() == null ? null : new ProgressBar(err);
    try {
      if (sweepValues.isEmpty()) {
        Report report = Report.of(run(scenario, progress(bar, "")));
        clear(bar);
        out.print(json ? JsonReport.render(report) : TableReport.render(report));
        out.flush();
        if (html != null) {
          writeHtml(report, json ? err : out);
        }
      } else {
        List<SweepReport.Point> points = new ArrayList<>();
        for (int i = 0; i < swept.size(); i++) {
          String value = sweepValues.get(i).value();
          points.add(new SweepReport.Point(value, Report.of(run(swept.get(i), progress(bar, " (" + value + ")")))));
        }
        clear(bar);
        String key = sweepValues.get(0).key();
        out.print(json ? SweepReport.renderJson(key, points) : SweepReport.render(key, points));
      }
    } catch (IOException e) {
      out.flush();
      err.println("wlm simulate: the report was printed, but --html " + html + " could not be written: "
          + InputFile.reason(e));
      return Wlm.FAILED;
    }
    out.flush();
    return 0;
  }

  // The scenario file with the --set overrides and the --seed applied, checked once.
  private Scenario prepare() throws InputFileException {
    Path folder = file.toAbsolutePath().getParent();
    Scenario scenario = Scenario.parse(InputFile.readYaml(file), file.toString(), folder);
    List<Setting> changes = new ArrayList<>();
    for (String setting : settings) {
      changes.add(Setting.parse(setting));
    }
    if (seed != null) {
      changes.add(new Setting("seed", seed.toString()));
    }
    return changes.isEmpty() ? scenario : scenario.with(changes);
  }

  // The strategies to run: the scenario's, or those named by --strategy (each must exist).
  private List<StrategySpec> selected(Scenario scenario) {
    if (labels.isEmpty()) {
      return scenario.strategies();
    }
    List<StrategySpec> chosen = new ArrayList<>();
    for (String label : labels) {
      StrategySpec strategy = scenario.strategy(label);
      if (strategy == null) {
        throw new IllegalArgumentException("--strategy " + label + ": " + scenario.file() + " has no strategy labelled '"
            + label + "'; its strategies are " + scenario.strategies().stream().map(StrategySpec::label).toList());
      }
      if (!chosen.contains(strategy)) {
        chosen.add(strategy);
      }
    }
    return chosen;
  }

  // Refuses --html with --sweep, and a file that cannot be written, before a long run.
  private void checkHtmlTarget(boolean sweeping) {
    if (html == null) {
      return;
    }
    if (sweeping) {
      throw new IllegalArgumentException("--html draws one run's charts; drop --sweep, or use --set with one value");
    }
    OutputFile.check("--html", html);
  }

  // Each selected strategy on the same scenario, in the scenario's order.
  private Simulation.Result run(Scenario scenario, Progress progress) {
    List<StrategySpec> chosen = selected(scenario);
    return Simulation.run(scenario, scenario.strategies().stream().filter(chosen::contains).toList(), stateStore, progress);
  }

  // Writes the page next to its target, then moves it in place: a failed run never leaves half a file.
  private void writeHtml(Report report, PrintWriter note) throws IOException {
    Path target = html.toAbsolutePath();
    Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.writeString(temporary, HtmlReport.render(report), StandardCharsets.UTF_8);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    note.println("HTML report written to " + html);
  }

  private static Progress progress(ProgressBar bar, String suffix) {
    return bar == null ? Progress.NONE : (label, fraction) -> bar.update(label + suffix, fraction);
  }

  private static void clear(ProgressBar bar) {
    if (bar != null) {
      bar.clear();
    }
  }
}
