package io.datalakewlm.simulator.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.aws.AwsQuotas;
import io.datalakewlm.simulator.aws.AwsServices;
import io.datalakewlm.input.InputFile;
import io.datalakewlm.input.InputFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ingestion day to simulate, read from a YAML file checked against
 * {@code scenario.schema.json}: the sources and their datasets (with priorities, jobs, crawlers
 * and batch bounds), the arrival patterns, the aggregate datasets, the account's quotas and the
 * strategies to compare with their knobs. Immutable; {@link #with} and {@link #sweep} make
 * changed copies (what-if runs), re-checking everything.
 *
 * <p>A scenario is either wholly valid or not returned at all: loading throws a
 * {@link ScenarioException} listing every problem with the file, the path inside it, the line and
 * the fix.
 */
public final class Scenario {
  private final String file;
  private final Path baseDir;
  private final YamlDocument document;
  private final List<String> overrides;
  private final String name;
  private final String description;
  private final long seed;
  private final Instant start;
  private final Duration horizon;
  private final AwsQuotas quotas;
  private final List<SourceSpec> sources;
  private final List<AggregateSpec> aggregates;
  private final List<ArrivalSpec> arrivalSpecs;
  private final List<StrategySpec> strategies;
  private final Map<String, DatasetSpec> datasets = new LinkedHashMap<>();
  private Arrivals arrivals;

  Scenario(String file, Path baseDir, YamlDocument document, List<String> overrides, String name, String description, long seed,
      Instant start, Duration horizon, AwsQuotas quotas, List<SourceSpec> sources, List<AggregateSpec> aggregates,
      List<ArrivalSpec> arrivalSpecs, List<StrategySpec> strategies) {
    this.file = file;
    this.baseDir = baseDir;
    this.document = document;
    this.overrides = List.copyOf(overrides);
    this.name = name;
    this.description = description;
    this.seed = seed;
    this.start = start;
    this.horizon = horizon;
    this.quotas = quotas;
    this.sources = List.copyOf(sources);
    this.aggregates = List.copyOf(aggregates);
    this.arrivalSpecs = List.copyOf(arrivalSpecs);
    this.strategies = List.copyOf(strategies);
    sources.forEach(s -> s.datasets().forEach(d -> datasets.put(d.name(), d)));
  }

  /**
   * Reads the scenario file at {@code path}; arrival files are found relative to its folder.
   *
   * @throws ScenarioException when the file cannot be read or is not a valid scenario
   */
  public static Scenario load(Path path) {
    String text;
    try {
      text = InputFile.readYaml(path);
    } catch (InputFileException e) {
      throw new ScenarioException(path.toString(), List.of(new Problem("$", e.line(), e.problem(), e.fix())));
    }
    Path dir = path.toAbsolutePath().getParent();
    return parse(text, path.toString(), dir);
  }

  /**
   * Reads a scenario from YAML text.
   *
   * @param file the name to use in messages
   * @param baseDir where relative arrival files are
   * @throws ScenarioException when it is not a valid scenario
   */
  public static Scenario parse(String yaml, String file, Path baseDir) {
    return ScenarioReader.read(YamlDocument.parse(yaml, file), file, baseDir, List.of());
  }

  /**
   * This scenario with {@code key} set to {@code value} (see {@link Setting} for the keys).
   *
   * @throws ScenarioException naming the key when it does not exist or the value does not fit
   */
  public Scenario with(String key, String value) {
    return with(List.of(new Setting(key, value)));
  }

  /** This scenario with every override applied in order, checked once at the end. */
  public Scenario with(List<Setting> changes) {
    ObjectNode copy = document.tree().deepCopy();
    Set<String> changedPaths = new HashSet<>();
    Map<String, Setting> byPath = new LinkedHashMap<>();
    for (Setting change : changes) {
      String path;
      try {
        path = TreeEdit.apply(copy, change.key(), value(change.value()));
      } catch (TreeEdit.UnknownKey e) {
        throw new ScenarioException(file, List.of(new Problem("--set " + change, 0, e.getMessage(), e.fix)));
      }
      changedPaths.add(path);
      byPath.put(path, change);
    }
    List<String> applied = new ArrayList<>(overrides);
    changes.forEach(c -> applied.add(c.toString()));
    try {
      return ScenarioReader.read(YamlDocument.derive(copy, document, changedPaths), file, baseDir, applied);
    } catch (ScenarioException e) {
      throw new ScenarioException(file, blame(e.problems(), byPath));
    }
  }

  /** One scenario per value of {@code key}, in the order given (a what-if sweep). */
  public List<Scenario> sweep(String key, List<String> values) {
    List<Scenario> scenarios = new ArrayList<>();
    for (String value : values) {
      scenarios.add(with(key, value));
    }
    return scenarios;
  }

  /** The file this scenario was read from (as given), for messages and reports. */
  public String file() {
    return file;
  }

  public Path baseDir() {
    return baseDir;
  }

  /** The overrides applied to the file, as {@code key=value}, in order. */
  public List<String> overrides() {
    return overrides;
  }

  /** The document as read and overridden (defaults not filled in). */
  public JsonNode tree() {
    return document.tree().deepCopy();
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public long seed() {
    return seed;
  }

  public Instant start() {
    return start;
  }

  /** How much simulated time to run at most. */
  public Duration horizon() {
    return horizon;
  }

  public AwsQuotas quotas() {
    return quotas;
  }

  public List<SourceSpec> sources() {
    return sources;
  }

  /** Every atomic dataset, in the file's order. */
  public List<DatasetSpec> datasets() {
    return List.copyOf(datasets.values());
  }

  /** The atomic dataset named {@code name}, or null. */
  public DatasetSpec dataset(String name) {
    return datasets.get(name);
  }

  public List<AggregateSpec> aggregates() {
    return aggregates;
  }

  public List<ArrivalSpec> arrivalSpecs() {
    return arrivalSpecs;
  }

  public List<StrategySpec> strategies() {
    return strategies;
  }

  /** The strategy labelled {@code label}, or null. */
  public StrategySpec strategy(String label) {
    return strategies.stream().filter(s -> s.label().equals(label)).findFirst().orElse(null);
  }

  /** The arrival stream (computed once). */
  public synchronized Arrivals arrivals() {
    if (arrivals == null) {
      arrivals = Arrivals.of(this);
    }
    return arrivals;
  }

  /**
   * A fresh emulated account for one strategy's run: this scenario's quotas and seed, with every
   * dataset's and aggregate's Glue job and crawler defined, tagged with its source.
   */
  public AwsServices emulatedAccount(Scheduler scheduler) {
    AwsServices aws = AwsServices.create(scheduler, quotas, seed);
    Set<String> jobs = new HashSet<>();
    Set<String> crawlers = new HashSet<>();
    for (DatasetSpec d : datasets.values()) {
      define(aws, d.source(), d.job(), d.crawler(), jobs, crawlers);
    }
    for (AggregateSpec a : aggregates) {
      define(aws, a.source(), a.job(), a.crawler(), jobs, crawlers);
    }
    return aws;
  }

  @Override
  public String toString() {
    return "Scenario " + name + " (" + file + (overrides.isEmpty() ? "" : " with " + String.join(", ", overrides)) + ")";
  }

  // Defines a job and crawler once, even when several datasets share them.
  private static void define(AwsServices aws, String source, JobSpec job, CrawlerSpec crawler, Set<String> jobs,
      Set<String> crawlers) {
    if (jobs.add(job.name())) {
      aws.glueJobs().define(job.toDefinition(source));
    }
    if (crawler.enabled() && crawlers.add(crawler.name())) {
      aws.crawlers().define(crawler.toDefinition(source));
    }
  }

  // An override's value, read as YAML (numbers, booleans, durations, inline mappings).
  private static JsonNode value(String text) {
    if (text.isEmpty()) {
      return JsonNodeFactory.instance.textNode("");
    }
    try {
      JsonNode node = YamlDocument.YAML.readTree(text);
      return node == null || node.isMissingNode() ? JsonNodeFactory.instance.textNode(text) : node;
    } catch (JsonProcessingException e) {
      return JsonNodeFactory.instance.textNode(text);
    }
  }

  // Says which override caused a problem at (or under) the path it set.
  private static List<Problem> blame(List<Problem> problems, Map<String, Setting> byPath) {
    List<Problem> out = new ArrayList<>();
    for (Problem p : problems) {
      Setting cause = null;
      for (Map.Entry<String, Setting> e : byPath.entrySet()) {
        if (p.path().equals(e.getKey()) || p.path().startsWith(e.getKey() + ".") || p.path().startsWith(e.getKey() + "[")) {
          cause = e.getValue();
        }
      }
      out.add(cause == null ? p : new Problem(p.path(), 0, p.message() + " (set by --set " + cause + ")", p.fix()));
    }
    return out;
  }
}
