package io.datalakewlm.cli;

import io.datalakewlm.cli.validate.Problem;
import io.datalakewlm.cli.validate.RepositoryValidator;
import io.datalakewlm.input.InputFile;
import io.datalakewlm.input.InputFileException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wlm validate}: the offline checks of the deployment (see
 * {@link io.datalakewlm.cli.validate}). One line per problem, {@code file:line: path: message (fix)},
 * on standard output; a summary on standard error.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the deployment offline: state machine definitions, substitutions, references, IAM",
      "policies, samconfig.toml parameters, slot safety, dataset configs, priority files and",
      "worker configs. Without PATH, checks the repository whose sam-template.yaml is here or above.",
      "A FILE is checked by its content: a definition, dataset config, priority file or worker",
      "config, with the template's cross-checks when the template above it (or --template) uses it.",
      "Exit 0 when clean, 1 with the list of problems, 2 for bad usage."
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "PATH",
      description = "Files to check, each by its content (a directory: the repository there).")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--template", paramLabel = "FILE",
      description = "The SAM template (default: sam-template.yaml here or above the first PATH).")
  Path template;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        err.println("wlm validate: " + path + " does not exist");
        return Wlm.INVALID_INPUT;
      }
      if (!Files.isDirectory(path)) {
        try {
          InputFile.read(path);
        } catch (InputFileException e) {
          err.println("wlm validate: " + e.getMessage());
          return Wlm.INVALID_INPUT;
        }
      }
    }
    if (template != null && !Files.isRegularFile(template)) {
      err.println("wlm validate: the template " + template + " does not exist");
      return Wlm.INVALID_INPUT;
    }
    List<RepositoryValidator.Report> reports = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        Optional<Path> found = template != null ? Optional.of(template)
            : Optional.of(path.resolve(RepositoryValidator.TEMPLATE)).filter(Files::isRegularFile);
        if (found.isEmpty()) {
          err.println("wlm validate: " + path + " has no " + RepositoryValidator.TEMPLATE + "; pass --template FILE");
          return Wlm.INVALID_INPUT;
        }
        reports.add(RepositoryValidator.repository(found.get()));
      } else {
        files.add(path);
      }
    }
    if (paths.isEmpty() || !files.isEmpty()) {
      Path start = files.isEmpty() ? Path.of("") : files.get(0);
      Optional<Path> found = template != null ? Optional.of(template) : RepositoryValidator.findTemplate(start);
      if (found.isEmpty() && files.isEmpty()) {
        err.println("wlm validate: no " + RepositoryValidator.TEMPLATE + " in " + start.toAbsolutePath()
            + " or above; pass --template FILE");
        return Wlm.INVALID_INPUT;
      }
      reports.add(files.isEmpty() ? RepositoryValidator.repository(found.get())
          : RepositoryValidator.files(found, files));
    }
    int problems = 0;
    int checked = 0;
    for (RepositoryValidator.Report report : reports) {
      for (Problem problem : report.problems()) {
        out.println(problem.format());
      }
      problems += report.problems().size();
      checked += report.files().size();
    }
    out.flush();
    if (problems == 0) {
      err.println("wlm validate: " + checked + " files checked, no problems");
      return 0;
    }
    err.println("wlm validate: " + problems + (problems == 1 ? " problem" : " problems") + " in " + checked
        + " files checked");
    return 1;
  }
}
