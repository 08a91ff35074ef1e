package io.datalakewlm.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.spelling.Spelling;
import io.datalakewlm.simulator.aws.AwsQuotas;
import io.datalakewlm.simulator.aws.GlueJobDefinition;
import io.datalakewlm.simulator.aws.RateLimit;
import io.datalakewlm.simulator.aws.WorkerType;
import io.datalakewlm.simulator.random.DurationDistribution;
import java.nio.file.Files;
import io.datalakewlm.input.InputFile;
import io.datalakewlm.input.InputFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link Scenario} from a tree that passed the schema: applies the defaults, expands
 * generated dataset families, reads arrival files, and checks what a schema cannot (names unique
 * and defined, bounds in order, times inside the horizon). It collects every problem before
 * giving up, so one run of {@code wlm validate} lists them all.
 */
final class ScenarioReader {
  static final Instant DEFAULT_START = Instant.parse("2025-01-06T00:00:00Z");
  static final Duration DEFAULT_HORIZON = Duration.ofHours(24);
  static final long DEFAULT_SEED = 1;
  static final int DEFAULT_PRIORITY = 5;
  static final int HIGH = 1;
  static final int LOW = 5;
  static final String DEFAULT_SECURITY_CONFIGURATION = "sdlf-kms-logs";
  /** More objects than this would not fit a laptop's memory comfortably. */
  static final long MAX_OBJECTS = 5_000_000;

  private static final Pattern NAME_PATTERN = Pattern.compile("\\{i(?::(0?)(\\d+))?}");

  private final YamlDocument document;
  private final String file;
  private final Path baseDir;
  private final java.util.Set<Problem> problems = new java.util.LinkedHashSet<>(); // defaults are read once per dataset
  private final Map<String, String> datasetPaths = new HashMap<>();
  private final Map<String, Named<JobSpec>> jobs = new LinkedHashMap<>();
  private final Map<String, Named<CrawlerSpec>> crawlers = new LinkedHashMap<>();

  private Duration horizon = DEFAULT_HORIZON;
  private Instant start = DEFAULT_START;
  private AwsQuotas quotas = AwsQuotas.defaults();

  /** A value and the path it was read from, to report conflicts. */
  private record Named<T>(T value, String path) {}

  /** One layer of settings (an entry's job, the defaults' job) and where it is. */
  private record Layer(JsonNode node, String path) {}

  private ScenarioReader(YamlDocument document, String file, Path baseDir) {
    this.document = document;
    this.file = file;
    this.baseDir = baseDir;
  }

  /**
   * Reads the model of {@code document}.
   *
   * @throws ScenarioException listing every problem found
   */
  static Scenario read(YamlDocument document, String file, Path baseDir, List<String> overrides) {
    List<Problem> schemaProblems = SchemaCheck.check(document);
    if (!schemaProblems.isEmpty()) {
      throw new ScenarioException(file, schemaProblems);
    }
    return new ScenarioReader(document, file, baseDir).build(overrides);
  }

  private Scenario build(List<String> overrides) {
    JsonNode root = document.tree();
    String name = root.path("name").asText();
    String description = root.path("description").asText("");
    long seed = root.has("seed") ? root.path("seed").asLong() : DEFAULT_SEED;
    if (root.has("start")) {
      try {
        start = Instant.parse(root.path("start").asText());
      } catch (DateTimeParseException e) {
        problem("$.start", "'" + root.path("start").asText() + "' is not an ISO-8601 instant",
            "write it like 2025-01-06T00:00:00Z");
      }
    }
    if (root.has("horizon")) {
      Duration h = duration(root.path("horizon"), "$.horizon");
      if (h != null && h.isZero()) {
        problem("$.horizon", "must be longer than 0", "write how long to simulate, e.g. 24h");
      } else if (h != null) {
        horizon = h;
      }
    }
    quotas = quotas(root.path("quotas"));
    JsonNode defaults = root.path("defaults");
    List<SourceSpec> sources = sources(root.path("sources"), defaults);
    Map<String, SourceSpec> sourceByName = new LinkedHashMap<>();
    sources.forEach(s -> sourceByName.put(s.name(), s));
    Map<String, DatasetSpec> datasets = new LinkedHashMap<>();
    sources.forEach(s -> s.datasets().forEach(d -> datasets.put(d.name(), d)));
    List<AggregateSpec> aggregates = aggregates(root.path("aggregates"), defaults, sourceByName, datasets);
    List<ArrivalSpec> arrivals = arrivals(root.path("arrivals"), sourceByName, datasets, aggregates);
    List<StrategySpec> strategies = strategies(root.path("strategies"));
    if (!problems.isEmpty()) {
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort(null);
      throw new ScenarioException(file, sorted);
    }
    return new Scenario(file, baseDir, document, overrides, name, description, seed, start, horizon, quotas,
        sources, aggregates, arrivals, strategies);
  }

  // The account quotas: AWS's defaults with the file's values on top.
  private AwsQuotas quotas(JsonNode node) {
    AwsQuotas q = AwsQuotas.defaults();
    if (node.isMissingNode()) {
      return q;
    }
    int account = node.path("glueAccountConcurrentRuns").asInt(q.glueAccountConcurrentRuns());
    int perJob = node.path("glueJobMaxConcurrentRuns").asInt(q.glueJobMaxConcurrentRuns());
    return new AwsQuotas(account, perJob,
        rate(node.path("startJobRun"), q.startJobRun()),
        rate(node.path("startCrawler"), q.startCrawler()),
        rate(node.path("associateKmsKey"), q.associateKmsKey()),
        rate(node.path("startExecution"), q.startExecution()),
        node.path("executionHistoryEvents").asInt(q.executionHistoryEvents()),
        node.path("glueQueuedRunMaxWaitHours").asDouble(q.glueQueuedRunMaxWaitHours()));
  }

  private static RateLimit rate(JsonNode node, RateLimit fallback) {
    if (node.isMissingNode()) {
      return fallback;
    }
    return new RateLimit(node.path("rate").asDouble(fallback.ratePerSecond()), node.path("burst").asInt(fallback.burst()));
  }

  // Sources and their datasets, generated families expanded in order.
  private List<SourceSpec> sources(JsonNode node, JsonNode defaults) {
    List<SourceSpec> sources = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode source = node.get(i);
      String path = "$.sources[" + i + "]";
      String name = source.path("name").asText();
      String earlier = seen.putIfAbsent(name, path);
      if (earlier != null) {
        problem(path + ".name", "source '" + name + "' is defined twice (also at " + earlier + ")",
            "give each source a unique name");
      }
      double weight = source.path("weight").asDouble(1.0);
      int maxInFlight = source.path("maxInFlight").asInt(0);
      int priority = source.has("priority") ? priority(source.path("priority")) : DEFAULT_PRIORITY;
      List<DatasetSpec> datasets = new ArrayList<>();
      JsonNode entries = source.path("datasets");
      for (int j = 0; j < entries.size(); j++) {
        datasets.addAll(datasetEntry(entries.get(j), path + ".datasets[" + j + "]", name, priority, defaults));
      }
      sources.add(new SourceSpec(name, weight, maxInFlight, priority, datasets));
    }
    return sources;
  }

  // One entry of a source's datasets: a single dataset, or a family of count generated names.
  private List<DatasetSpec> datasetEntry(JsonNode entry, String path, String source, int sourcePriority,
      JsonNode defaults) {
    boolean single = entry.has("name");
    boolean family = entry.has("count") || entry.has("namePattern");
    List<String> names = new ArrayList<>();
    if (single == family) {
      problem(path, single ? "gives both a name and a generated family (count, namePattern)"
              : "names no dataset",
          "give either name: for one dataset, or count: and namePattern: (e.g. \"orders-{i:03}\") for a family");
      return List.of();
    }
    if (single) {
      names.add(entry.path("name").asText());
    } else if (!entry.has("count") || !entry.has("namePattern")) {
      problem(path, "a generated family needs both count and namePattern",
          "add " + (entry.has("count") ? "namePattern: \"name-{i}\"" : "count: N"));
      return List.of();
    } else {
      names.addAll(generatedNames(entry.path("namePattern").asText(), entry.path("count").asInt(), path));
    }
    int priority = entry.has("priority") ? priority(entry.path("priority")) : sourcePriority;
    List<DatasetSpec> datasets = new ArrayList<>();
    for (String name : names) {
      if (!claimDatasetName(name, path)) {
        continue;
      }
      JobSpec job = job(List.of(new Layer(entry.path("job"), path + ".job"),
          new Layer(defaults.path("job"), "$.defaults.job")), name, path);
      CrawlerSpec crawler = crawler(List.of(new Layer(entry.path("crawler"), path + ".crawler"),
          new Layer(defaults.path("crawler"), "$.defaults.crawler")), name, path);
      List<Layer> stages = List.of(new Layer(entry.path("stages"), path + ".stages"),
          new Layer(defaults.path("stages"), "$.defaults.stages"));
      datasets.add(new DatasetSpec(name, source, priority, job, crawler, stage(stages, "A"), stage(stages, "B")));
    }
    return datasets;
  }

  // Expands "orders-{i}" or "orders-{i:03}" for i = 1..count.
  private List<String> generatedNames(String pattern, int count, String path) {
    Matcher m = NAME_PATTERN.matcher(pattern);
    if (!m.find()) {
      problem(path + ".namePattern", "'" + pattern + "' has no {i} placeholder",
          "write the number's place as {i} (1, 2, …) or {i:03} (001, 002, …)");
      return List.of();
    }
    String format = m.group(2) == null ? "%d" : "%0" + m.group(2) + "d";
    List<String> names = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String name = m.replaceAll(Matcher.quoteReplacement(String.format(Locale.ROOT, format, i)));
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.length() > 200) {
        problem(path + ".namePattern", "'" + pattern + "' makes the invalid name '" + name + "'",
            "use letters, digits, '.', '_' and '-' around the placeholder");
        return List.of();
      }
      names.add(name);
    }
    return names;
  }

  // Records that a dataset (or aggregate) name is taken; false (and a problem) if it already was.
  private boolean claimDatasetName(String name, String path) {
    String earlier = datasetPaths.putIfAbsent(name, path);
    if (earlier != null) {
      problem(path, "dataset '" + name + "' is defined twice (also at " + earlier + ")",
          "give every dataset and aggregate a unique name");
      return false;
    }
    return true;
  }

  // A dataset's job: each field from the most specific layer that sets it, else the built-in default.
  private JobSpec job(List<Layer> layers, String dataset, String ownerPath) {
    Layer nameLayer = pick(layers, "name");
    String name = resourceName(nameLayer, dataset);
    DurationDistribution runTime = field(layers, "duration", this::distribution,
        new DurationDistribution.Fixed(Duration.ofMinutes(10)));
    Duration perObject = field(layers, "perObject", this::duration, Duration.ZERO);
    WorkerType workerType = field(layers, "workerType", (n, p) -> WorkerType.of(n.asText()), WorkerType.G_1X);
    int workers = field(layers, "workers", (n, p) -> n.asInt(), 10);
    String glueVersion = field(layers, "glueVersion", (n, p) -> n.asText(), "4.0");
    String security = field(layers, "securityConfiguration",
        (n, p) -> n.isBoolean() ? (n.asBoolean() ? DEFAULT_SECURITY_CONFIGURATION : null) : n.asText(), null);
    int maxConcurrentRuns = field(layers, "maxConcurrentRuns", (n, p) -> n.asInt(), quotas.glueJobMaxConcurrentRuns());
    double failureProbability = field(layers, "failureProbability", (n, p) -> n.asDouble(), 0.0);
    Duration timeout = field(layers, "timeout", this::duration, GlueJobDefinition.DEFAULT_TIMEOUT);
    if (runTime == null || perObject == null || timeout == null) {
      return null;
    }
    if (timeout.isZero()) {
      problem(pathOf(layers, "timeout"), "a job timeout of 0 would fail every run", "give a timeout such as 2h");
    }
    JobSpec job = new JobSpec(name, runTime, perObject, workerType, workers, glueVersion, security, maxConcurrentRuns,
        failureProbability, timeout);
    shared(jobs, "job", name, job, nameLayer != null ? nameLayer.path() + ".name" : ownerPath);
    return job;
  }

  // A dataset's crawler, layered like its job.
  private CrawlerSpec crawler(List<Layer> layers, String dataset, String ownerPath) {
    Layer nameLayer = pick(layers, "name");
    String name = resourceName(nameLayer, dataset);
    DurationDistribution runTime = field(layers, "duration", this::distribution,
        new DurationDistribution.Fixed(Duration.ofMinutes(2)));
    double dpu = field(layers, "dpu", (n, p) -> n.asDouble(), 2.0);
    boolean enabled = field(layers, "enabled", (n, p) -> n.asBoolean(), true);
    if (runTime == null) {
      return null;
    }
    CrawlerSpec crawler = new CrawlerSpec(name, runTime, dpu, enabled);
    if (enabled) {
      shared(crawlers, "crawler", name, crawler, nameLayer != null ? nameLayer.path() + ".name" : ownerPath);
    }
    return crawler;
  }

  // A job's or crawler's name: the dataset's by default, {dataset} replaced by it.
  private String resourceName(Layer nameLayer, String dataset) {
    if (nameLayer == null) {
      return dataset;
    }
    String name = nameLayer.node().path("name").asText().replace("{dataset}", dataset);
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.length() > 255) {
      problem(nameLayer.path() + ".name", "'" + name + "' is not a valid Glue name",
          "start with a letter or digit; use letters, digits, '.', '_' and '-'");
    }
    return name;
  }

  // A job or crawler named by several datasets must be described the same way by all of them.
  private <T> void shared(Map<String, Named<T>> known, String what, String name, T value, String path) {
    Named<T> earlier = known.putIfAbsent(name, new Named<>(value, path));
    if (earlier != null && !earlier.value().equals(value)) {
      problem(path, "the " + what + " '" + name + "' is shared but described differently here and at "
          + earlier.path(), "give the datasets that share a " + what + " the same settings, or different names");
    }
  }

  // Stage bounds, layered; min must not exceed max.
  private StageBounds stage(List<Layer> layers, String stage) {
    List<Layer> stageLayers = new ArrayList<>();
    for (Layer layer : layers) {
      stageLayers.add(new Layer(layer.node().path(stage), layer.path() + "." + stage));
    }
    int min = field(stageLayers, "minItems", (n, p) -> n.asInt(), StageBounds.SDLF_DEFAULT.minItems());
    int max = field(stageLayers, "maxItems", (n, p) -> n.asInt(), StageBounds.SDLF_DEFAULT.maxItems());
    if (min > max) {
      problem(pathOf(stageLayers, "minItems"), "minItems " + min + " is above maxItems " + max,
          "make minItems <= maxItems (SDLF's min_items_process <= max_items_process)");
      return StageBounds.SDLF_DEFAULT;
    }
    return new StageBounds(min, max);
  }

  // Aggregates: their source and atomic dependencies must exist; job and crawler are layered.
  private List<AggregateSpec> aggregates(JsonNode node, JsonNode defaults, Map<String, SourceSpec> sources,
      Map<String, DatasetSpec> datasets) {
    List<AggregateSpec> aggregates = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      String path = "$.aggregates[" + i + "]";
      String name = entry.path("name").asText();
      claimDatasetName(name, path);
      String source = entry.path("source").asText();
      SourceSpec owner = sources.get(source);
      if (owner == null) {
        problem(path + ".source", "no source named '" + source + "'", known("sources", sources.keySet(), source));
      }
      List<String> dependencies = new ArrayList<>();
      JsonNode deps = entry.path("dependencies");
      for (int j = 0; j < deps.size(); j++) {
        String dependency = deps.get(j).asText();
        if (!datasets.containsKey(dependency)) {
          problem(path + ".dependencies[" + j + "]", "no atomic dataset named '" + dependency + "'",
              known("datasets", datasets.keySet(), dependency));
        } else if (dependencies.contains(dependency)) {
          problem(path + ".dependencies[" + j + "]", "'" + dependency + "' is listed twice", "list it once");
        }
        dependencies.add(dependency);
      }
      LocalTime schedule = LocalTime.parse(entry.path("schedule").asText());
      int priority = entry.has("priority") ? priority(entry.path("priority"))
          : owner != null ? owner.priority() : DEFAULT_PRIORITY;
      int wait = entry.path("dependencyWaitSeconds").asInt(3600);
      int retries = entry.path("retries").asInt(2);
      JobSpec job = job(List.of(new Layer(entry.path("job"), path + ".job"),
          new Layer(defaults.path("job"), "$.defaults.job")), name, path);
      CrawlerSpec crawler = crawler(List.of(new Layer(entry.path("crawler"), path + ".crawler"),
          new Layer(defaults.path("crawler"), "$.defaults.crawler")), name, path);
      List<Layer> stages = List.of(new Layer(entry.path("stages"), path + ".stages"),
          new Layer(defaults.path("stages"), "$.defaults.stages"));
      aggregates.add(new AggregateSpec(name, source, priority, dependencies, schedule, wait, retries, job, crawler,
          stage(stages, "A"), stage(stages, "B")));
    }
    return aggregates;
  }

  // Arrival entries, each with one target and one pattern; also bounds the total number of objects.
  private List<ArrivalSpec> arrivals(JsonNode node, Map<String, SourceSpec> sources, Map<String, DatasetSpec> datasets,
      List<AggregateSpec> aggregates) {
    List<ArrivalSpec> arrivals = new ArrayList<>();
    double expectedObjects = 0;
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      String path = "$.arrivals[" + i + "]";
      ArrivalTarget target = target(entry, path, sources, datasets, aggregates);
      int patterns = (entry.has("burst") ? 1 : 0) + (entry.has("rate") ? 1 : 0) + (entry.has("file") ? 1 : 0);
      if (patterns != 1) {
        problem(path, patterns == 0 ? "gives no arrival pattern" : "gives " + patterns + " arrival patterns",
            "give exactly one of burst:, rate: or file: per entry (use several entries to combine them)");
        continue;
      }
      if (target == null) {
        continue;
      }
      int targetSize = target.source() != null ? sources.get(target.source()).datasets().size() : 1;
      ArrivalSpec spec = null;
      if (entry.has("burst")) {
        spec = burst(entry.path("burst"), path + ".burst", target);
        if (spec != null) {
          expectedObjects += (double) ((ArrivalSpec.Burst) spec).objects() * targetSize;
        }
      } else if (entry.has("rate")) {
        spec = rate(entry.path("rate"), path + ".rate", target);
        if (spec != null) {
          ArrivalSpec.Rate r = (ArrivalSpec.Rate) spec;
          expectedObjects += r.perHour() * (r.to().minus(r.from()).toMillis() / 3_600_000.0) * targetSize;
        }
      } else {
        spec = fromFile(entry.path("file").asText(), path + ".file", target, sources, datasets);
        if (spec != null) {
          for (ArrivalFile.Line line : ((ArrivalSpec.FromFile) spec).lines()) {
            expectedObjects += (double) line.objects() * (line.dataset() != null ? 1 : targetSize);
          }
        }
      }
      if (spec != null) {
        arrivals.add(spec);
      }
    }
    if (expectedObjects > MAX_OBJECTS) {
      problem("$.arrivals", String.format(Locale.ROOT, "about %.0f objects would arrive", expectedObjects),
          "keep a scenario under " + MAX_OBJECTS + " objects (lower the rates, counts or horizon)");
    }
    return arrivals;
  }

  // The entry's target: exactly one of source or atomic dataset, which must exist.
  private ArrivalTarget target(JsonNode entry, String path, Map<String, SourceSpec> sources,
      Map<String, DatasetSpec> datasets, List<AggregateSpec> aggregates) {
    if (entry.has("source") == entry.has("dataset")) {
      problem(path, entry.has("source") ? "names both a source and a dataset" : "names no source or dataset",
          "give source: (every dataset of it receives the objects) or dataset: (that one only)");
      return null;
    }
    if (entry.has("source")) {
      String source = entry.path("source").asText();
      if (!sources.containsKey(source)) {
        problem(path + ".source", "no source named '" + source + "'", known("sources", sources.keySet(), source));
        return null;
      }
      return ArrivalTarget.ofSource(source);
    }
    String dataset = entry.path("dataset").asText();
    if (!datasets.containsKey(dataset)) {
      boolean aggregate = aggregates.stream().anyMatch(a -> a.name().equals(dataset));
      problem(path + ".dataset", aggregate ? "'" + dataset + "' is an aggregate; aggregates receive no objects"
              : "no dataset named '" + dataset + "'",
          aggregate ? "aggregates run on their schedule; send the objects to their dependencies"
              : known("datasets", datasets.keySet(), dataset));
      return null;
    }
    return ArrivalTarget.ofDataset(dataset);
  }

  // A burst inside the horizon (objects default 1).
  private ArrivalSpec burst(JsonNode node, String path, ArrivalTarget target) {
    Duration at = duration(node.path("at"), path + ".at");
    if (at == null || !insideHorizon(at, path + ".at")) {
      return null;
    }
    // read as a long: asInt would wrap 3,000,000,000 to a negative or small count and run it
    long objects = node.path("objects").asLong(1);
    if (objects > MAX_OBJECTS) {
      problem(path + ".objects", objects + " objects in one burst",
          "keep a scenario under " + MAX_OBJECTS + " objects (lower the count)");
      return null;
    }
    return new ArrivalSpec.Burst(target, at, (int) objects);
  }

  // A rate over a window inside the horizon (from 0, to the horizon, Poisson by default).
  private ArrivalSpec rate(JsonNode node, String path, ArrivalTarget target) {
    Duration from = node.has("from") ? duration(node.path("from"), path + ".from") : Duration.ZERO;
    Duration to = node.has("to") ? duration(node.path("to"), path + ".to") : horizon;
    if (from == null || to == null) {
      return null;
    }
    if (to.compareTo(from) <= 0) {
      problem(path + ".to", "the window ends (" + DurationText.format(to) + ") before it starts ("
          + DurationText.format(from) + ")", "make to later than from");
      return null;
    }
    if (to.compareTo(horizon) > 0) {
      problem(path + ".to", DurationText.format(to) + " is after the horizon " + DurationText.format(horizon),
          "end the window by the horizon, or lengthen horizon:");
      return null;
    }
    ArrivalSpec.Process process = "even".equals(node.path("process").asText("poisson"))
        ? ArrivalSpec.Process.EVEN : ArrivalSpec.Process.POISSON;
    return new ArrivalSpec.Rate(target, node.path("perHour").asDouble(), from, to, process);
  }

  // Reads an arrival file relative to the scenario's folder; every bad line is a problem.
  private ArrivalSpec fromFile(String name, String path, ArrivalTarget target, Map<String, SourceSpec> sources,
      Map<String, DatasetSpec> datasets) {
    Path resolved = baseDir.resolve(name).normalize();
    String text;
    try {
      text = InputFile.read(resolved);
    } catch (InputFileException e) {
      boolean missing = !Files.exists(resolved);
      problem(path, "the arrival file " + resolved + ": " + e.problem(),
          missing ? "give a path relative to the scenario file's folder" : e.fix());
      return null;
    }
    ArrivalFile.Result result = ArrivalFile.parse(text, name, start);
    result.errors().forEach(error -> problem(path, error, "write each line as time[,dataset[,objects]]"));
    List<String> own = target.source() != null
        ? sources.get(target.source()).datasets().stream().map(DatasetSpec::name).toList()
        : List.of(target.dataset());
    List<ArrivalFile.Line> kept = new ArrayList<>();
    for (ArrivalFile.Line line : result.lines()) {
      if (line.dataset() != null && !datasets.containsKey(line.dataset())) {
        problem(path, name + ":" + line.lineNumber() + ": no dataset named '" + line.dataset() + "'",
            known("datasets", datasets.keySet(), line.dataset()));
        continue;
      }
      if (line.dataset() != null && !own.contains(line.dataset())) {
        continue; // a line for another entry's datasets: one file may serve several entries
      }
      kept.add(line);
      if (line.at().compareTo(horizon) >= 0) {
        problem(path, name + ":" + line.lineNumber() + ": " + DurationText.format(line.at())
            + " is not before the horizon " + DurationText.format(horizon), "lengthen horizon: or drop the line");
      }
    }
    return result.errors().isEmpty() ? new ArrivalSpec.FromFile(target, resolved, kept) : null;
  }

  // The strategies with every knob filled (defaults follow the quotas); every kind when absent.
  private List<StrategySpec> strategies(JsonNode node) {
    List<StrategySpec> strategies = new ArrayList<>();
    if (node.isMissingNode()) {
      for (StrategyKind kind : StrategyKind.values()) {
        strategies.add(new StrategySpec(kind.id(), kind, Knobs.defaults(kind, quotas)));
      }
      return strategies;
    }
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      String path = "$.strategies[" + i + "]";
      StrategyKind kind = StrategyKind.of(entry.path("name").asText());
      String label = entry.path("label").asText(kind.id());
      String earlier = labels.putIfAbsent(label, path);
      if (earlier != null) {
        problem(path, "the label '" + label + "' is used twice (also at " + earlier + ")",
            "give each strategy entry its own label:, e.g. " + kind.id() + "-2");
      }
      Map<String, Object> knobs = Knobs.defaults(kind, quotas);
      entry.path("knobs").properties().forEach(field -> knobs.put(field.getKey(), scalar(field.getValue())));
      strategies.add(new StrategySpec(label, kind, knobs));
    }
    return strategies;
  }

  // A knob's value as Integer, Double or String.
  private static Object scalar(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.asInt();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    return value.asText();
  }

  private boolean insideHorizon(Duration at, String path) {
    if (at.compareTo(horizon) >= 0) {
      problem(path, DurationText.format(at) + " is not before the horizon " + DurationText.format(horizon),
          "move it earlier or lengthen horizon:");
      return false;
    }
    return true;
  }

  /** A duration value; null (and a problem) when it cannot be read. */
  private Duration duration(JsonNode node, String path) {
    try {
      return node.isNumber() ? DurationText.ofSeconds(node.asDouble()) : DurationText.parse(node.asText());
    } catch (IllegalArgumentException e) {
      problem(path, e.getMessage(), "write a duration like 90s, 10m, 1h30m or 2d");
      return null;
    }
  }

  /** A run-time distribution; null (and a problem) when it cannot be read. */
  private DurationDistribution distribution(JsonNode node, String path) {
    if (!node.isObject()) {
      Duration fixed = duration(node, path);
      return fixed == null ? null : new DurationDistribution.Fixed(fixed);
    }
    String kind = node.fieldNames().next();
    JsonNode spec = node.path(kind);
    String at = path + "." + kind;
    try {
      switch (kind) {
        case "fixed": {
          Duration fixed = duration(spec, at);
          return fixed == null ? null : new DurationDistribution.Fixed(fixed);
        }
        case "uniform": {
          Duration low = duration(spec.get(0), at + "[0]");
          Duration high = duration(spec.get(1), at + "[1]");
          if (low != null && high != null && high.compareTo(low) < 0) {
            problem(at, "the high bound " + DurationText.format(high) + " is below the low bound "
                + DurationText.format(low), "write [low, high], e.g. [" + DurationText.format(high) + ", "
                + DurationText.format(low) + "]");
            return null;
          }
          return low == null || high == null ? null : new DurationDistribution.Uniform(low, high);
        }
        case "normal": {
          Duration mean = duration(spec.path("mean"), at + ".mean");
          Duration sd = duration(spec.path("sd"), at + ".sd");
          Duration min = spec.has("min") ? duration(spec.path("min"), at + ".min") : Duration.ZERO;
          Duration max = spec.has("max") ? duration(spec.path("max"), at + ".max") : null;
          return mean == null || sd == null || min == null ? null : new DurationDistribution.Normal(mean, sd, min, max);
        }
        case "lognormal": {
          Duration mean = duration(spec.path("mean"), at + ".mean");
          Duration sd = duration(spec.path("sd"), at + ".sd");
          Duration max = spec.has("max") ? duration(spec.path("max"), at + ".max") : null;
          return mean == null || sd == null ? null : new DurationDistribution.LogNormal(mean, sd, max);
        }
        default: {
          Duration mean = duration(spec.path("mean"), at + ".mean");
          Duration max = spec.has("max") ? duration(spec.path("max"), at + ".max") : null;
          return mean == null ? null : new DurationDistribution.Exponential(mean, max);
        }
      }
    } catch (IllegalArgumentException e) {
      problem(at, e.getMessage(), "fix the distribution's parameters");
      return null;
    }
  }

  // A level 1..9, or HIGH (1) / LOW (5) in any case.
  private static int priority(JsonNode node) {
    if (node.isInt()) {
      return node.asInt();
    }
    return node.asText().equalsIgnoreCase("HIGH") ? HIGH : LOW;
  }

  /** A value read from a field of the first layer that has it, or the fallback. */
  private <T> T field(List<Layer> layers, String name, Reader<T> reader, T fallback) {
    Layer layer = pick(layers, name);
    return layer == null ? fallback : reader.read(layer.node().path(name), layer.path() + "." + name);
  }

  private static Layer pick(List<Layer> layers, String name) {
    for (Layer layer : layers) {
      if (layer.node().has(name)) {
        return layer;
      }
    }
    return null;
  }

  private static String pathOf(List<Layer> layers, String name) {
    Layer layer = pick(layers, name);
    return layer == null ? layers.get(0).path() : layer.path() + "." + name;
  }

  // A fix listing the known names, with the closest first.
  private static String known(String what, java.util.Collection<String> names, String wrong) {
    String closest = Spelling.closest(wrong, names);
    String list = names.size() <= 12 ? String.join(", ", names) : names.size() + " names";
    return (closest != null ? "did you mean '" + closest + "'? " : "") + "known " + what + ": " + list;
  }

  private void problem(String path, String message, String fix) {
    problems.add(new Problem(path, document.line(path), message, fix));
  }

  /** Reads a value at a path. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(JsonNode node, String path);
  }
}
