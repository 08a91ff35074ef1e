package io.datalakewlm.cli;

import io.datalakewlm.workers.catalog.PriorityTable;
import io.datalakewlm.workers.config.ConfigException;
import io.datalakewlm.workers.config.ConfigProblem;
import io.datalakewlm.workers.config.PriorityFile;
import io.datalakewlm.workers.domain.PriorityEntry;
import io.datalakewlm.workers.store.StoreException;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.dynamodb.DynamoDbConnection;
import io.datalakewlm.input.InputFile;
import io.datalakewlm.input.InputFileException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code wlm priorities load FILE}: writes a priority file's entries into the priority table and
 * prints what changed. The whole file is validated before anything is written. An entry of the
 * file replaces the stored entry of that name (a field absent from the file is absent after);
 * stored entries the file does not name are kept. Loading the same file again changes nothing.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Load a priority file into octagon-wlm-<env>, printing what changed.",
      "Accepts {\"entries\": {NAME: {priority, weight, maxInFlight, source}}} and the old SDLF",
      "wlm-team-dataset-tables-priority.json ({DATASET: [{table_name, priority}]}, with --team).",
      "Entries the file does not name are kept. Exit 2 for an invalid file, 1 if DynamoDB fails."
    })
final class PrioritiesLoadCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DynamoDbOptions dynamo;

  @Parameters(index = "0", paramLabel = "FILE", description = "The priority file (JSON).")
  Path file;

  @Option(names = "--team", paramLabel = "TEAM",
      description = "The team of an old-shape file's datasets (its names become TEAM-DATASET-TABLE).")
  String team;

  @Option(names = "--dry-run", description = "Print what would change without writing.")
  boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PriorityFile priorities;
    try {
      priorities = PriorityFile.parse(InputFile.readJson(file), file.toString(), team);
    } catch (InputFileException e) {
      err.println("wlm priorities load: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (ConfigException e) {
      e.problems().stream().map(ConfigProblem::toString).forEach(p -> err.println("wlm priorities load: " + p));
      return Wlm.INVALID_INPUT;
    }
    if (priorities.shape() == PriorityFile.Shape.CURRENT && team != null) {
      err.println("wlm priorities load: note: --team is ignored, " + file + " names its entries in full");
    }
    try (DynamoDbConnection connection = dynamo.open()) {
      PriorityTable table = new PriorityTable(connection.store(), Clock.systemUTC(), Duration.ZERO);
      List<String[]> lines = new ArrayList<>();
      int added = 0;
      int changed = 0;
      for (PriorityEntry entry : priorities.entries()) {
        Optional<PriorityEntry> stored = table.get(entry.name());
        if (stored.isPresent() && stored.get().equals(entry)) {
          lines.add(new String[] {"unchanged", entry.name(), ""});
          continue;
        }
        if (!dryRun) {
          table.put(entry);
        }
        if (stored.isEmpty()) {
          added++;
          lines.add(new String[] {"added", entry.name(), describe(entry)});
        } else {
          changed++;
          lines.add(new String[] {"changed", entry.name(), difference(stored.get(), entry)});
        }
      }
      out.println(file + ": " + priorities.entries().size() + " entries"
          + (priorities.shape() == PriorityFile.Shape.LEGACY ? " (old SDLF shape, team " + team + ")" : "") + " -> "
          + Table.PRIORITIES.physicalName(dynamo.environment) + " on " + dynamo.where(connection));
      TextTable rows = new TextTable("CHANGE", "NAME", "VALUES");
      lines.forEach(l -> rows.row((Object[]) l));
      rows.print(out, "  ");
      out.println(added + " added, " + changed + " changed, " + (priorities.entries().size() - added - changed)
          + " unchanged" + (dryRun ? " (dry run: nothing written)" : ""));
      return 0;
    } catch (DynamoDbOptions.InvalidOptionException e) {
      err.println("wlm priorities load: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (StoreException | IllegalStateException | UncheckedIOException | SdkException e) {
      err.println("wlm priorities load: " + ServiceFailure.describe(e));
      return Wlm.FAILED;
    }
  }

  // "priority 1, weight 2.0, maxInFlight 10, source web", the fields an entry sets.
  private static String describe(PriorityEntry e) {
    List<String> parts = new ArrayList<>();
    for (String field : List.of("priority", "weight", "maxInFlight", "source")) {
      String value = value(e, field);
      if (value != null) {
        parts.add(field + " " + value);
      }
    }
    return String.join(", ", parts);
  }

  // "priority 5 -> 1, weight (none) -> 2.0", the fields that differ.
  private static String difference(PriorityEntry before, PriorityEntry after) {
    List<String> parts = new ArrayList<>();
    for (String field : List.of("priority", "weight", "maxInFlight", "source")) {
      String was = value(before, field);
      String now = value(after, field);
      if (!Objects.equals(was, now)) {
        parts.add(field + " " + (was == null ? "(none)" : was) + " -> " + (now == null ? "(none)" : now));
      }
    }
    return String.join(", ", parts);
  }

  private static String value(PriorityEntry e, String field) {
    Object v = switch (field) {
      case "priority" -> e.priority() == null ? null : e.priority().level();
      case "weight" -> e.weight();
      case "maxInFlight" -> e.maxInFlight();
      default -> e.source();
    };
    return v == null ? null : v.toString();
  }
}
