package io.datalakewlm.cli.validate;

import io.datalakewlm.workers.handler.HandlerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The entry point of {@code wlm validate}: checks a whole repository (the template beside it,
 * {@code samconfig.toml}, the definitions in {@code statemachines/} and {@code stageA/}, the JSON
 * files under {@code dataset/}) or chosen files against their template, and returns every
 * {@link Problem} in file and line order.
 *
 * <p>Files are named relative to the template's directory, so the messages read the same from
 * wherever the command runs.
 */
public final class RepositoryValidator {

  /** The default name of the template at a repository's root. */
  public static final String TEMPLATE = "sam-template.yaml";
  /** The default name of SAM CLI's settings. */
  public static final String SAMCONFIG = "samconfig.toml";
  private static final List<String> DEFINITION_DIRECTORIES = List.of("statemachines", "stageA");
  private static final Set<String> HANDLERS = Collections.unmodifiableSet(new LinkedHashSet<>(HandlerRegistry.NAMES));

  /**
   * What was checked and what was found.
   *
   * @param files the files read, by display name
   */
  public record Report(List<Problem> problems, List<String> files) {
    public Report {
      problems = problems.stream().sorted(Problem.ORDER).toList();
      files = List.copyOf(files);
    }

    public boolean clean() {
      return problems.isEmpty();
    }
  }

  private final Path template;
  private final Path root;
  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> files = new LinkedHashSet<>();
  /** The problems of each machine's definition, added by whichever check covers that machine. */
  private final Map<DeployedMachine, List<Problem>> definitionProblems = new IdentityHashMap<>();
  /** Definition problems of machines whose file could not be read: they belong to the template. */
  private final List<Problem> templateProblems = new ArrayList<>();
  private SamTemplate parsed;
  private List<DeployedMachine> machines;

  private RepositoryValidator(Path template) {
    this.template = template.toAbsolutePath().normalize();
    this.root = this.template.getParent();
  }

  /** Checks the repository whose template is {@code template}: everything it deploys and configures. */
  public static Report repository(Path template) {
    RepositoryValidator v = new RepositoryValidator(template);
    if (v.loadTemplate()) {
      v.templateChecks(v.machines);
      v.undeployedDefinitions();
    }
    Path samconfig = v.root.resolve(SAMCONFIG);
    if (Files.exists(samconfig)) {
      v.samconfig(samconfig);
    }
    for (Path config : v.datasetFiles()) {
      v.configFile(config);
    }
    return v.report();
  }

  /**
   * Checks some files against {@code template}: a definition with the state machine that deploys
   * it, {@code samconfig.toml} against the parameters, a config file with the workers' loaders,
   * the template itself with every template check.
   */
  public static Report files(Path template, List<Path> paths) {
    return files(Optional.of(template), paths);
  }

  /**
   * Checks some files, each by its content ({@link FileKind}): a definition the template deploys
   * with every check of its state machine, any other definition on its own; a dataset config,
   * priority file or worker config with the loader that reads it; {@code samconfig.toml} against
   * the template's parameters, or alone; a template with every template check. Without a
   * template the files are checked on their own.
   */
  public static Report files(Optional<Path> template, List<Path> paths) {
    RepositoryValidator v = new RepositoryValidator(template.orElse(Path.of(TEMPLATE)));
    boolean loaded = template.isPresent() && v.loadTemplate();
    for (Path path : paths) {
      Path file = path.toAbsolutePath().normalize();
      String name = v.display(file);
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        v.files.add(name);
        v.problems.add(new Problem(name, 0, "", "cannot be read: " + e.getMessage(), "check the path"));
        continue;
      }
      FileKind kind = FileKind.of(name, text);
      switch (kind) {
        case TEMPLATE -> {
          if (!file.equals(v.template)) {
            Report other = repository(file);
            v.problems.addAll(other.problems());
            v.files.addAll(other.files());
          } else if (loaded) {
            v.templateChecks(v.machines);
          }
        }
        case DEFINITION -> {
          List<DeployedMachine> deploying = loaded
              ? v.machines.stream().filter(m -> m.file().equals(file)).toList() : List.of();
          if (deploying.isEmpty()) {
            v.files.add(name);
            v.problems.addAll(DefinitionCheck.standalone(text, name));
          } else {
            v.machineChecks(deploying);
          }
        }
        case SAMCONFIG -> v.samconfig(file);
        default -> {
          v.files.add(name);
          v.problems.addAll(ConfigFileCheck.check(kind, text, name));
        }
      }
    }
    return v.report();
  }

  // Reads the template and its state machines' definitions; false when the template is unusable.
  private boolean loadTemplate() {
    String name = display(template);
    files.add(name);
    try {
      parsed = SamTemplate.read(template, name);
    } catch (IOException e) {
      problems.add(new Problem(name, 0, "", "cannot be read: " + e.getMessage(), "check the path"));
      return false;
    } catch (CloudFormationYaml.SyntaxError e) {
      problems.add(new Problem(name, e.line(), "", "not valid YAML: " + e.getMessage(), "correct the YAML syntax"));
      return false;
    }
    machines = new ArrayList<>();
    for (SamTemplate.Resource resource : parsed.stateMachines()) {
      DefinitionCheck.Outcome outcome = DefinitionCheck.check(parsed, resource, this::display);
      outcome.machine().ifPresent(m -> {
        machines.add(m);
        files.add(m.displayName());
      });
      outcome.machine().ifPresentOrElse(m -> definitionProblems.put(m, outcome.problems()),
          () -> templateProblems.addAll(outcome.problems()));
    }
    return true;
  }

  // Every check of the template and of all its machines.
  private void templateChecks(Collection<DeployedMachine> all) {
    problems.addAll(parsed.tree().problems());
    problems.addAll(templateProblems);
    problems.addAll(ParameterCheck.defaults(parsed));
    problems.addAll(PropertyCheck.check(parsed));
    problems.addAll(ReferenceCheck.check(parsed, all, handlers()));
    problems.addAll(MetricsCheck.check(parsed));
    problems.addAll(IamCheck.workerService(parsed, handlers()));
    machineChecks(all);
  }

  // The checks of some machines: definition, IAM, slot safety.
  private void machineChecks(Collection<DeployedMachine> chosen) {
    Set<String> reaped = ReaperRules.covered(parsed, machines);
    for (DeployedMachine machine : chosen) {
      problems.addAll(definitionProblems.getOrDefault(machine, List.of()));
      problems.addAll(IamCheck.stateMachine(parsed, machine));
      problems.addAll(SlotSafety.check(machine, reaped.contains(machine.logicalId()),
          "add an EventBridge rule that sends its " + String.join("/", ReaperRules.STATUSES)
              + " executions to the reaper state machine"));
    }
  }

  // Definition files in the definition directories that no state machine deploys.
  private void undeployedDefinitions() {
    Set<Path> deployed = new HashSet<>();
    machines.forEach(m -> deployed.add(m.file()));
    for (String directory : DEFINITION_DIRECTORIES) {
      for (Path file : list(root.resolve(directory), ".asl.json")) {
        if (!deployed.contains(file)) {
          files.add(display(file));
          problems.add(new Problem(display(file), 0, "", "no state machine of " + parsed.displayName()
              + " deploys this definition", "name it in a state machine's DefinitionUri, or delete it"));
        }
      }
    }
  }

  // samconfig.toml against the template's parameters.
  private void samconfig(Path file) {
    String name = display(file);
    files.add(name);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(new Problem(name, 0, "", "cannot be read: " + e.getMessage(), "check the path"));
      return;
    }
    SamConfig config = SamConfig.read(text, name);
    if (parsed == null) {
      problems.addAll(config.problems());
      return;
    }
    problems.addAll(ParameterCheck.samconfig(parsed, config, name));
  }

  // One dataset config or priority file.
  private void configFile(Path file) {
    String name = display(file);
    files.add(name);
    problems.addAll(ConfigFileCheck.check(file, name));
  }

  // The JSON files under dataset/, schemas excepted.
  private List<Path> datasetFiles() {
    Path dataset = root.resolve("dataset");
    if (!Files.isDirectory(dataset)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dataset)) {
      return walk.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".schema.json"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // The files of a directory with a suffix, sorted; none when it does not exist.
  private static List<Path> list(Path directory, String suffix) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).map(p -> p.toAbsolutePath().normalize())
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How a file is named in problems: relative to the template's directory when inside it. */
  private String display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString().replace('\\', '/') : file.toString();
  }

  private Report report() {
    return new Report(problems.stream().distinct().toList(), new ArrayList<>(files));
  }

  /** The names of the workers' activity handlers. */
  private static Set<String> handlers() {
    return HANDLERS;
  }

  /** Finds the template of a repository: {@code sam-template.yaml} in {@code start} or above. */
  public static Optional<Path> findTemplate(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    if (Files.isRegularFile(dir)) {
      dir = dir.getParent();
    }
    while (dir != null) {
      Path candidate = dir.resolve(TEMPLATE);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }
}
