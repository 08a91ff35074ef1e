package io.datalakewlm.simulator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.simulator.aws.CostUnit;
import io.datalakewlm.simulator.run.DependencyCheck;
import io.datalakewlm.simulator.scenario.Scenario;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * The report for machines ({@code wlm simulate --json}): the same figures as the table, with
 * stable field names, numbers as JSON numbers (seconds, counts, dollars), absent figures as
 * {@code null}. Field names are part of the interface: add fields, do not rename them.
 *
 * <pre>
 * {"scenario": {"name", "file", "seed", "overrides", "start", "horizonSeconds", "objects"},
 *  "lowerBound": {"seconds", "workSeconds", "criticalPathSeconds", "criticalJob"},
 *  "fairnessWindowSeconds",
 *  "strategies": [{"label", "kind", "knobs", "changedKnobs",
 *     "objects": {"arrived", "completed", "failed", "lost", "unfinished"}, "failureReasons",
 *     "makespanSeconds", "makespanOverLowerBound",
 *     "apis": [{"api", "calls", "errors": {code: n}}], "limitErrors", "refusedCalls",
 *     "waits": [{"priority", "objects", "landed", "p50Seconds", "p95Seconds", "maxSeconds"}],
 *     "fairness": {"windowSeconds", "windows", "contestedWindows", "mean", "min", "worstWindowStart"},
 *     "catalog": {"crawls", "covered", "notCovered", "p50Seconds", "p95Seconds", "maxSeconds"},
 *     "peaks": [{"resource", "peak", "limit"}],
 *     "sources": [{"source", "weight", "maxInFlight", "arrived", "landed", "failed", "unfinished",
 *                  "p50Seconds", "p95Seconds", "maxSeconds", "lastLanded", "jobRunSeconds",
 *                  "runShare", "weightShare"}],
 *     "waves": [{"entry", "kind", "target", "from", "to", "objects", "landed", "failed",
 *                "lastLanded", "done", "p50Seconds", "p95Seconds", "maxSeconds"}],
 *     "aggregates": [{"aggregate", "source", "day", "scheduled", "inputs": {dataset: first landed},
 *                     "ready", "transformStart", "transformEnd", "outcome", "missing", "reason",
 *                     "checks": [{"at", "missing": [dataset]}]}],
 *     "transitions", "dynamoReads", "dynamoWrites", "glueJobDpuHours", "glueCrawlerDpuHours",
 *     "jobRunsBilledAtEnd",
 *     "cost": {"glueJobsUsd", "glueCrawlersUsd", "stepFunctionsUsd", "dynamoDbWritesUsd",
 *              "dynamoDbReadsUsd", "totalUsd"}}]}
 * </pre>
 */
public final class JsonReport {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonReport() {}

  public static String render(Report report) {
    return write(toJson(report));
  }

  /** Serializes a tree built here (or by {@link SweepReport}), indented. */
  static String write(ObjectNode tree) {
    try {
      return MAPPER.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode toJson(Report report) {
    ObjectNode root = NODES.objectNode();
    Scenario scenario = report.scenario();
    ObjectNode s = root.putObject("scenario");
    s.put("name", scenario.name());
    s.put("file", scenario.file());
    s.put("seed", scenario.seed());
    ArrayNode overrides = s.putArray("overrides");
    scenario.overrides().forEach(overrides::add);
    s.put("start", scenario.start().toString());
    s.put("horizonSeconds", scenario.horizon().toSeconds());
    s.put("objects", scenario.arrivals().size());
    LowerBound bound = report.lowerBound();
    ObjectNode b = root.putObject("lowerBound");
    b.put("seconds", bound.seconds());
    b.put("workSeconds", bound.workSeconds());
    b.put("criticalPathSeconds", bound.criticalPathSeconds());
    b.put("criticalJob", bound.criticalJob());
    root.put("fairnessWindowSeconds", report.fairnessWindow().toSeconds());
    ArrayNode strategies = root.putArray("strategies");
    for (Figures f : report.figures()) {
      strategies.add(strategy(f));
    }
    return root;
  }

  // One strategy's figures.
  private static ObjectNode strategy(Figures f) {
    ObjectNode o = NODES.objectNode();
    o.put("label", f.label());
    o.put("kind", f.kind());
    ObjectNode knobs = o.putObject("knobs");
    f.knobs().forEach((name, value) -> knobs.set(name, knobValue(value)));
    ArrayNode changed = o.putArray("changedKnobs");
    f.changedKnobs().forEach(changed::add);
    ObjectNode objects = o.putObject("objects");
    objects.put("arrived", f.objects());
    objects.put("completed", f.completed());
    objects.put("failed", f.failed());
    objects.put("lost", f.lost());
    objects.put("unfinished", f.unfinished());
    ObjectNode reasons = o.putObject("failureReasons");
    f.failureReasons().forEach(reasons::put);
    o.put("makespanSeconds", f.makespanSeconds());
    o.put("makespanOverLowerBound", f.makespanOverBound());
    ArrayNode apis = o.putArray("apis");
    for (ApiErrors a : f.apis()) {
      ObjectNode api = apis.addObject();
      api.put("api", a.api());
      api.put("calls", a.calls());
      ObjectNode errors = api.putObject("errors");
      a.errors().forEach(errors::put);
    }
    o.put("limitErrors", f.limitErrors());
    o.put("refusedCalls", f.refusedCalls());
    ArrayNode waits = o.putArray("waits");
    for (WaitStats w : f.waits()) {
      ObjectNode wait = waits.addObject();
      wait.put("priority", w.priority());
      wait.put("objects", w.objects());
      wait.put("landed", w.landed());
      wait.put("p50Seconds", w.p50Seconds());
      wait.put("p95Seconds", w.p95Seconds());
      wait.put("maxSeconds", w.maxSeconds());
    }
    Fairness fair = f.fairness();
    ObjectNode fairness = o.putObject("fairness");
    fairness.put("windowSeconds", fair.windowSeconds());
    fairness.put("windows", fair.windows());
    fairness.put("contestedWindows", fair.contestedWindows());
    fairness.put("mean", fair.mean());
    fairness.put("min", fair.min());
    fairness.put("worstWindowStart", instant(fair.worstWindowStartMillis()));
    CatalogFreshness fresh = f.catalog();
    ObjectNode catalog = o.putObject("catalog");
    catalog.put("crawls", fresh.crawls());
    catalog.put("covered", fresh.covered());
    catalog.put("notCovered", fresh.notCovered());
    catalog.put("p50Seconds", fresh.p50Seconds());
    catalog.put("p95Seconds", fresh.p95Seconds());
    catalog.put("maxSeconds", fresh.maxSeconds());
    ArrayNode peaks = o.putArray("peaks");
    for (ResourcePeak p : f.peaks()) {
      ObjectNode peak = peaks.addObject();
      peak.put("resource", p.resource());
      peak.put("peak", p.peak());
      peak.put("limit", p.limit());
    }
    ArrayNode sources = o.putArray("sources");
    for (SourceFigures src : f.sources()) {
      ObjectNode source = sources.addObject();
      source.put("source", src.source());
      source.put("weight", src.weight());
      source.put("maxInFlight", src.maxInFlight());
      source.put("arrived", src.arrived());
      source.put("landed", src.landed());
      source.put("failed", src.failed());
      source.put("unfinished", src.unfinished());
      source.put("p50Seconds", src.p50Seconds());
      source.put("p95Seconds", src.p95Seconds());
      source.put("maxSeconds", src.maxSeconds());
      source.put("lastLanded", instant(src.lastLandedMillis()));
      source.put("jobRunSeconds", src.jobRunSeconds());
      source.put("runShare", src.runShare());
      source.put("weightShare", src.weightShare());
    }
    ArrayNode waves = o.putArray("waves");
    for (ArrivalWave w : f.waves()) {
      ObjectNode wave = waves.addObject();
      wave.put("entry", w.entry());
      wave.put("kind", w.kind());
      wave.put("target", w.target());
      wave.put("from", instant(w.fromMillis()));
      wave.put("to", instant(w.toMillis()));
      wave.put("objects", w.objects());
      wave.put("landed", w.landed());
      wave.put("failed", w.failed());
      wave.put("lastLanded", instant(w.lastLandedMillis()));
      wave.put("done", instant(w.doneMillis()));
      wave.put("p50Seconds", w.p50Seconds());
      wave.put("p95Seconds", w.p95Seconds());
      wave.put("maxSeconds", w.maxSeconds());
    }
    ArrayNode aggregates = o.putArray("aggregates");
    for (AggregateDay a : f.aggregates()) {
      ObjectNode run = aggregates.addObject();
      run.put("aggregate", a.aggregate());
      run.put("source", a.source());
      run.put("day", a.day().toString());
      run.put("scheduled", instant(a.scheduledMillis()));
      ObjectNode inputs = run.putObject("inputs");
      a.inputs().forEach((dataset, at) -> inputs.put(dataset, instant(at)));
      run.put("ready", instant(a.readyMillis()));
      run.put("transformStart", instant(a.transformStartMillis()));
      run.put("transformEnd", instant(a.transformEndMillis()));
      run.put("outcome", a.outcome().name().toLowerCase(java.util.Locale.ROOT));
      ArrayNode missing = run.putArray("missing");
      a.missing().forEach(missing::add);
      run.put("reason", a.reason());
      ArrayNode checks = run.putArray("checks");
      for (DependencyCheck c : a.checks()) {
        ObjectNode check = checks.addObject();
        check.put("at", instant(c.atMillis()));
        ArrayNode notIn = check.putArray("missing");
        c.missing().forEach(notIn::add);
      }
    }
    o.put("transitions", f.transitions());
    o.put("dynamoReads", f.dynamoReads());
    o.put("dynamoWrites", f.dynamoWrites());
    o.put("glueJobDpuHours", f.cost().glueJobDpuHours());
    o.put("glueCrawlerDpuHours", f.cost().glueCrawlerDpuHours());
    o.put("jobRunsBilledAtEnd", f.jobRunsBilledAtEnd());
    ObjectNode cost = o.putObject("cost");
    for (Map.Entry<CostUnit, Double> unit : f.cost().usd().entrySet()) {
      cost.put(costField(unit.getKey()), unit.getValue());
    }
    cost.put("totalUsd", f.cost().totalUsd());
    return o;
  }

  // An instant as ISO-8601 text, or null for -1 (it did not happen).
  private static String instant(long millis) {
    return millis < 0 ? null : Instant.ofEpochMilli(millis).toString();
  }

  // The JSON field of a unit's price.
  private static String costField(CostUnit unit) {
    return switch (unit) {
      case GLUE_JOB_DPU_SECONDS -> "glueJobsUsd";
      case GLUE_CRAWLER_DPU_SECONDS -> "glueCrawlersUsd";
      case SFN_STATE_TRANSITIONS -> "stepFunctionsUsd";
      case DYNAMODB_WRITE_REQUEST_UNITS -> "dynamoDbWritesUsd";
      case DYNAMODB_READ_REQUEST_UNITS -> "dynamoDbReadsUsd";
    };
  }

  // A knob as JSON: numbers as numbers (the README promises it), true/false as booleans, else text.
  private static JsonNode knobValue(String value) {
    if (value.matches("-?\\d{1,18}")) {
      return NODES.numberNode(Long.parseLong(value));
    }
    if (value.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?")) {
      return NODES.numberNode(Double.parseDouble(value));
    }
    if (value.equals("true") || value.equals("false")) {
      return NODES.booleanNode(Boolean.parseBoolean(value));
    }
    return NODES.textNode(value);
  }
}
