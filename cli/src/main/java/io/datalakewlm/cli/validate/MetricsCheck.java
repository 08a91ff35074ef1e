package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.metrics.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check (h): the dashboards and alarms read metrics the workers write. Every
 * {@code AWS::CloudWatch::Dashboard}'s {@code DashboardBody}, with its {@code Fn::Sub} variables
 * replaced, must be a JSON object with a {@code widgets} array; every metric of namespace
 * {@value Metrics#NAMESPACE} that a widget (a metric row or a {@code SEARCH} expression) or an
 * {@code AWS::CloudWatch::Alarm} ({@code MetricName}, or each {@code Metrics[].MetricStat}) names
 * must be one the workers write, under a dimension set they write it with
 * ({@link Metrics#PUBLISHED}). A misspelt metric or dimension is no error to CloudWatch: the
 * widget stays empty and the alarm sits in INSUFFICIENT_DATA (or, with missing data breaching,
 * fires for ever), so only a check like this one catches it. Metrics of other namespaces are
 * not checked.
 */
final class MetricsCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SEARCH_SCHEMA = Pattern.compile("\\{([^}]*)}");
  private static final Pattern SEARCH_NAME = Pattern.compile("MetricName\\s*=\\s*\"?([A-Za-z0-9_.-]+)\"?");

  private final SamTemplate template;
  private final List<Problem> problems = new ArrayList<>();

  private MetricsCheck(SamTemplate template) {
    this.template = template;
  }

  static List<Problem> check(SamTemplate template) {
    MetricsCheck check = new MetricsCheck(template);
    TemplateValues values = new TemplateValues(template);
    for (SamTemplate.Resource dashboard : template.resourcesOfType("AWS::CloudWatch::Dashboard")) {
      check.dashboard(dashboard, values);
    }
    for (SamTemplate.Resource alarm : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
      check.alarm(alarm);
    }
    return check.problems;
  }

  // The body as CloudWatch will read it, and each widget's metrics.
  private void dashboard(SamTemplate.Resource dashboard, TemplateValues values) {
    String path = "Resources." + dashboard.logicalId() + ".Properties.DashboardBody";
    Optional<String> body = values.resolve(dashboard.properties().get("DashboardBody"));
    if (body.isEmpty()) {
      problems.add(template.problem(path, "the dashboard body cannot be read offline",
          "write it as a string or one !Sub of parameters, pseudo parameters and resource attributes"));
      return;
    }
    JsonNode root;
    try {
      root = JSON.readTree(body.get());
    } catch (JsonProcessingException e) {
      problems.add(template.problem(path, "the dashboard body is not JSON once substituted: "
          + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + " of the body", "correct the JSON (CloudFormation would refuse the stack)"));
      return;
    }
    if (!root.path("widgets").isArray()) {
      problems.add(template.problem(path, "the dashboard body has no widgets array",
          "write {\"widgets\": [...]} as CloudWatch's dashboard body structure asks"));
      return;
    }
    for (int i = 0; i < root.get("widgets").size(); i++) {
      JsonNode rows = root.get("widgets").get(i).path("properties").path("metrics");
      for (int r = 0; r < rows.size(); r++) {
        row(rows.get(r), path, "widgets[" + i + "].properties.metrics[" + r + "]");
      }
    }
  }

  // One row of a metric widget: [namespace, name, dimension, value, ..., {options}] or [{expression}].
  private void row(JsonNode row, String path, String where) {
    if (!row.isArray() || row.isEmpty()) {
      return;
    }
    if (row.get(0).isObject()) {
      String expression = row.get(0).path("expression").asText("");
      Matcher schema = SEARCH_SCHEMA.matcher(expression);
      Matcher name = SEARCH_NAME.matcher(expression);
      if (schema.find() && name.find()) {
        List<String> parts = Arrays.stream(schema.group(1).split(",")).map(String::trim).toList();
        if (parts.get(0).equals(Metrics.NAMESPACE)) {
          metric(name.group(1), parts.subList(1, parts.size()), path, where);
        }
      }
      return;
    }
    if (!row.get(0).asText().equals(Metrics.NAMESPACE) || row.size() < 2) {
      return;
    }
    List<String> dimensions = new ArrayList<>();
    for (int k = 2; k + 1 < row.size() && row.get(k).isTextual(); k += 2) {
      dimensions.add(row.get(k).asText());
    }
    metric(row.get(1).asText(), dimensions, path, where);
  }

  // An alarm's metric, or each metric of its math.
  private void alarm(SamTemplate.Resource alarm) {
    String path = "Resources." + alarm.logicalId() + ".Properties";
    JsonNode properties = alarm.properties();
    if (Metrics.NAMESPACE.equals(properties.path("Namespace").asText())) {
      metric(properties.path("MetricName").asText(), names(properties.path("Dimensions")), path, "MetricName");
    }
    JsonNode queries = properties.path("Metrics");
    for (int i = 0; i < queries.size(); i++) {
      JsonNode metric = queries.get(i).path("MetricStat").path("Metric");
      if (Metrics.NAMESPACE.equals(metric.path("Namespace").asText())) {
        metric(metric.path("MetricName").asText(), names(metric.path("Dimensions")), path,
            "Metrics[" + i + "].MetricStat.Metric");
      }
    }
  }

  // The dimension names of an alarm's [{Name, Value}] list.
  private static List<String> names(JsonNode dimensions) {
    List<String> names = new ArrayList<>();
    dimensions.forEach(d -> names.add(d.path("Name").asText()));
    return names;
  }

  // A metric of the workers' namespace under some dimension names.
  private void metric(String name, List<String> dimensions, String path, String where) {
    Set<List<String>> sets = Metrics.PUBLISHED.get(name);
    if (sets == null) {
      problems.add(template.problem(path, where + " names the metric " + Metrics.NAMESPACE + "/" + name
          + ", which the workers never write", "name one of " + new TreeSet<>(Metrics.PUBLISHED.keySet())
          + Suggestions.didYouMean(name, Metrics.PUBLISHED.keySet())));
      return;
    }
    Set<String> wanted = new TreeSet<>(dimensions);
    if (sets.stream().noneMatch(set -> new TreeSet<>(set).equals(wanted))) {
      problems.add(template.problem(path, where + " reads " + name + " by the dimensions " + wanted
          + ", which the workers do not write it with", "use one of "
          + sets.stream().map(Object::toString).sorted().toList()));
    }
  }
}
