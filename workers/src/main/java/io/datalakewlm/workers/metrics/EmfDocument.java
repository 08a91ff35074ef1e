package io.datalakewlm.workers.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One document of CloudWatch's Embedded Metric Format: a JSON object whose {@code _aws} member
 * tells CloudWatch Logs which of its top-level members are metrics (name, unit) and which are
 * dimensions, under one namespace; CloudWatch publishes each metric once per dimension set.
 *
 * <p>The format's limits are enforced here, by splitting instead of losing samples: at most 100
 * metrics per document (the workers never come near), at most 30 dimensions per set, at most 100
 * values per metric (a larger batch's latencies go out in more documents). Dimension values are
 * strings; CloudWatch ignores a dimension whose value is not.
 *
 * @param timestamp when the samples were taken (the workers' clock: virtual in the simulator)
 * @param dimensionSets each a list of dimension names, all present in {@code dimensions}
 * @param dimensions dimension name to value
 */
public record EmfDocument(String namespace, Instant timestamp, List<List<String>> dimensionSets,
                          Map<String, String> dimensions, List<Measure> measures) {

  /** EMF's most values of one metric in one document. */
  public static final int MAX_VALUES = 100;
  /** EMF's most metrics in one directive. */
  public static final int MAX_METRICS = 100;
  /** EMF's most dimensions in one dimension set. */
  public static final int MAX_DIMENSIONS = 30;

  private static final ObjectMapper JSON = new ObjectMapper();

  public EmfDocument {
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(timestamp);
    dimensionSets = dimensionSets.stream().map(List::copyOf).toList();
    dimensions = Map.copyOf(dimensions);
    measures = List.copyOf(measures);
    for (List<String> set : dimensionSets) {
      if (set.size() > MAX_DIMENSIONS || !dimensions.keySet().containsAll(set)) {
        throw new IllegalArgumentException("dimension set " + set + " has more than " + MAX_DIMENSIONS
            + " names or names without a value");
      }
    }
  }

  /** The document as JSON lines, split so that each stays within EMF's limits. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    int longest = measures.stream().mapToInt(m -> m.values().size()).max().orElse(0);
    for (int from = 0; from < longest; from += MAX_VALUES) {
      List<Measure> slice = new ArrayList<>();
      for (Measure m : measures) {
        if (from < m.values().size()) {
          slice.add(new Measure(m.name(), m.unit(), m.values().subList(from, Math.min(m.values().size(),
              from + MAX_VALUES))));
        }
      }
      for (int first = 0; first < slice.size(); first += MAX_METRICS) {
        lines.add(render(slice.subList(first, Math.min(slice.size(), first + MAX_METRICS))));
      }
    }
    return lines;
  }

  // One JSON line carrying the given metrics under this document's directive.
  private String render(List<Measure> slice) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode aws = root.putObject("_aws");
    aws.put("Timestamp", timestamp.toEpochMilli());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", namespace);
    ArrayNode sets = directive.putArray("Dimensions");
    dimensionSets.forEach(set -> set.forEach(sets.addArray()::add));
    ArrayNode definitions = directive.putArray("Metrics");
    Map<String, String> sorted = new LinkedHashMap<>();
    dimensions.keySet().stream().sorted().forEach(name -> sorted.put(name, dimensions.get(name)));
    sorted.forEach(root::put);
    for (Measure m : slice) {
      definitions.addObject().put("Name", m.name()).put("Unit", m.unit().cloudWatchName());
      if (m.values().size() == 1) {
        root.put(m.name(), m.values().get(0));
      } else {
        ArrayNode values = root.putArray(m.name());
        m.values().forEach(values::add);
      }
    }
    return root.toString();
  }
}
